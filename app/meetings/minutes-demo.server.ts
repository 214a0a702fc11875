import { listInvitable, listMeetings } from "./meetings.server";
import {
  approveMinutes,
  circulateMinutes,
  commentOnMinutes,
  saveMinutes,
  startMinutes,
} from "./minutes.commands.server";
import { listMinutesDocs } from "./minutes.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getUserById, type StaffUser } from "../auth/users.server";
import { DEMO_BOARD_NAME } from "../board/membership-demo.server";
import { addDays, dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";

/**
 * The demo's minutes: the past meeting of the Tirana demo board gets minutes drafted,
 * circulated, answered by every member ("no objection", one comment) and approved by the
 * chair, so a newcomer sees approved, locked minutes and can start an amendment. Runs after
 * seedDemoMeetings; the steps are dated as they would have happened. Texts are invented.
 */
export async function seedDemoMinutes(
  secretariat: StaffUser,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<void> {
  const board = await db
    .selectFrom("boards")
    .select("id")
    .where("name", "=", DEMO_BOARD_NAME)
    .executeTakeFirst();
  if (!board) return;
  const today = dateIn(getConfig().timeZone, now);
  const past = (await listMeetings({ boardId: board.id }, today, db)).find(
    (m) => Date.parse(m.startsAt) < now.getTime(),
  );
  if (!past) return;
  const meeting = { ...past, boardId: board.id };
  const at = (days: number) => new Date(Date.parse(`${addDays(past.meetingDay, days)}T10:00:00Z`));
  const started = await startMinutes(secretariat, meeting, db, at(1));
  if (!started.ok) return;
  let [doc] = await listMinutesDocs(past.id, db);
  await saveMinutes(
    secretariat,
    meeting,
    doc!,
    1,
    [
      {
        discussion:
          "The chair opened the meeting and presented the agenda.\n\nEvery member had signed the **confidentiality declaration**.",
        decisions: "The agenda was adopted.",
        confidential: false,
      },
      {
        discussion:
          "Members discussed the priorities for the coming months:\n\n- feedback from survivors on the services\n- the next call for members",
        decisions: "The secretariat prepares the work plan for the next meeting.",
        confidential: false,
      },
    ],
    {},
    db,
    at(1),
  );
  await circulateMinutes(secretariat, meeting, doc!, addDays(past.meetingDay, 8), db, at(1));
  [doc] = await listMinutesDocs(past.id, db);
  const members = await listInvitable(board.id, today, db);
  for (const [i, member] of members.entries()) {
    const user = await getUserById(member.userId, db);
    if (!user) continue;
    await commentOnMinutes(
      user,
      meeting,
      doc!,
      i === 1
        ? { kind: "comment", item: "2", body: "Demo: please name the call for members." }
        : { kind: "no_objection", item: "all", body: "" },
      db,
      at(3),
    );
  }
  const chair = members.find((m) => m.isChair);
  const chairUser = chair ? await getUserById(chair.userId, db) : null;
  if (!chairUser) return;
  await approveMinutes(
    chairUser,
    meeting,
    doc!,
    { approvalKind: "chair", approvalMeetingId: "" },
    { isChair: true, isSecretariat: false },
    db,
    at(9),
  );
}
