import { ballotBox } from "./ballot-box.server";
import { createBoard } from "./boards.server";
import { castBallot, closeElection, openElection } from "./election.server";
import { activateMember, addMember, signParticipation } from "./membership.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getUserById, type StaffUser } from "../auth/users.server";

/**
 * The demo board: members and a finished chair election (here), meetings with approved minutes
 * and a coming meeting (app/meetings/*demo*), and the open call for members with applications
 * under review (app/board/demo-board.server.ts). Names are invented.
 */
export const DEMO_BOARD_NAME = "Bordi këshillimor demo (Tiranë)";
/** The demo board's English name (English pages show it). */
export const DEMO_BOARD_NAME_EN = "Demo advisory board (Tirana)";
/**
 * The one other demo board, still being formed: no members yet, so the composition rule (Art. 5:
 * at least 3 active members) shows as not met, and forming a board from nothing (activation
 * with a recorded reason below 3, the first chair election) can be walked without changing the
 * demo board's members, meetings and minutes.
 */
export const DEMO_FORMING_BOARD_NAME = "Bordi këshillimor demo në formim (Shkodër)";
export const DEMO_FORMING_BOARD_NAME_EN = "Demo advisory board in formation (Shkodër)";

/**
 * The demo board's elected chair: an invited member account that the demo seed also gives a
 * password (printed with the other sign-ins), so the chair's own steps, approving minutes
 * above all, can be walked and tested in a browser.
 */
export const DEMO_CHAIR_EMAIL = "arta.member@demo.example";

const DEMO_MEMBERS = [
  { fullName: "Arta Demo", email: DEMO_CHAIR_EMAIL, phone: "+355 69 000 0001" },
  { fullName: "Blerim Demo", email: "blerim.member@demo.example", phone: "" },
  { fullName: "Dorina Demo", email: "dorina.member@demo.example", phone: "+355 68 000 0003" },
  { fullName: "Ermal Demo", email: "ermal.member@demo.example", phone: "" },
];

/**
 * Seeds the membership demo: a board of five active members (the demo board-member account and
 * four invited accounts, each having signed the voluntary participation form), and a finished
 * chair election by secret ballot (Arta elected: 3 votes, 1 for Blerim, 1 blank; her account,
 * DEMO_CHAIR_EMAIL, gets a password in the demo seed); and an empty
 * board in formation. Answers the demo board's id. Uses the same commands as the portal, so the demo's ballots are stored
 * exactly as real ones are.
 */
export async function seedDemoBoardMembership(
  secretariat: StaffUser,
  boardMember: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<{ boardId: string }> {
  await createBoard(
    {
      name: DEMO_FORMING_BOARD_NAME,
      nameEn: DEMO_FORMING_BOARD_NAME_EN,
      areas: ["victim_support"],
      areasOther: "",
      residenceRule: "citizen_or_resident",
    },
    secretariat.id,
    db,
  );
  const board = await createBoard(
    {
      name: DEMO_BOARD_NAME,
      nameEn: DEMO_BOARD_NAME_EN,
      areas: ["legal_policy", "prevention_awareness"],
      areasOther: "",
      residenceRule: "citizen_or_resident",
    },
    secretariat.id,
    db,
  );
  const people = [
    ...DEMO_MEMBERS,
    { fullName: boardMember.displayName, email: boardMember.email, phone: "" },
  ];
  const members: { membershipId: string; user: StaffUser }[] = [];
  for (const person of people) {
    const added = await addMember(secretariat, { boardId: board.id, ...person, lang: "sq" }, db);
    if (!added.ok) throw new Error("The demo board could not be seeded");
    const row = await db
      .selectFrom("board_memberships")
      .select("user_id")
      .where("id", "=", added.value.membershipId)
      .executeTakeFirstOrThrow();
    const user = (await getUserById(row.user_id!, db))!;
    await signParticipation(
      user,
      { membershipId: added.value.membershipId, signature: person.fullName },
      db,
    );
    await activateMember(
      secretariat,
      { membershipId: added.value.membershipId, reason: "Demo: the board is being formed." },
      db,
    );
    members.push({ membershipId: added.value.membershipId, user });
  }
  const [arta, blerim] = members;
  const opened = await openElection(
    secretariat,
    {
      boardId: board.id,
      position: "chair",
      candidates: [arta!.membershipId, blerim!.membershipId],
    },
    db,
    ballotBox,
  );
  if (!opened.ok) throw new Error("The demo election could not be opened");
  const choices = [
    arta!.membershipId,
    arta!.membershipId,
    blerim!.membershipId,
    "blank",
    arta!.membershipId,
  ];
  for (const [i, member] of members.entries()) {
    await castBallot(
      member.user,
      { electionId: opened.value.electionId, choice: choices[i]! },
      db,
      ballotBox,
    );
  }
  await closeElection(secretariat, opened.value.electionId, db, ballotBox);
  return { boardId: board.id };
}
