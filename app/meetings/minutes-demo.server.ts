import { listInvitable, listMeetings, type MeetingSummary } from "./meetings.server";
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
 * The demo's minutes: the latest past meeting of the Tirana demo board gets minutes drafted,
 * circulated, answered by every member ("no objection", one comment) and approved by the
 * chair, so a newcomer sees approved, locked minutes and can start an amendment. The earlier
 * past meeting's minutes were circulated, one member commented and the comment period is over:
 * they wait for the chair (arta.member@demo.example, who can sign in) to approve them, seeing
 * the comment not yet dealt with. The minutes of the meeting between them were approved by
 * decision at the latest past meeting (Art. 10; decision 031), recorded there by the
 * secretariat, so that meeting's page lists them. Runs after seedDemoMeetings; the steps are
 * dated as they would have happened. Texts are invented.
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
  // Newest first: the latest past meeting, the one between (when seeded), the earliest.
  const held = (await listMeetings({ boardId: board.id }, today, db)).filter(
    (m) => Date.parse(m.startsAt) < now.getTime(),
  );
  const [past, middle, earlier] = held.length >= 3 ? held : [held[0], undefined, held[1]];
  if (earlier)
    await seedMinutesAwaitingApproval(secretariat, { ...earlier, boardId: board.id }, db);
  if (!past) return;
  if (middle)
    await seedMinutesApprovedAtNextMeeting(
      secretariat,
      { ...middle, boardId: board.id },
      { ...past, boardId: board.id },
      db,
    );
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

/**
 * Minutes of `meeting` circulated with a comment period that ended a week after the meeting,
 * one member's comment on item 2 not dealt with, the others silent: approval by the chair is
 * the next step (allowed once the deadline has passed, minutes-rules.ts `approvalRefusal`).
 */
async function seedMinutesAwaitingApproval(
  secretariat: StaffUser,
  meeting: MeetingSummary & { boardId: string },
  db: IdentityDb,
): Promise<void> {
  const drafted = await draftAndCirculate(
    secretariat,
    meeting,
    [
      {
        discussion: "Each member and the secretariat introduced themselves.",
        decisions: "",
        confidential: false,
      },
      {
        discussion: "The secretariat presented the rules of the board and how meetings are called.",
        decisions: "The board meets at least twice a year.",
        confidential: false,
      },
    ],
    db,
  );
  if (!drafted) return;
  const { at, circulated } = drafted;
  const members = await listInvitable(meeting.boardId, meeting.meetingDay, db);
  const commenter = members.find((m) => !m.isChair);
  const user = commenter ? await getUserById(commenter.userId, db) : null;
  if (!user) return;
  await commentOnMinutes(
    user,
    meeting,
    circulated,
    { kind: "comment", item: "2", body: "Demo: please add how often the board meets." },
    db,
    at(3),
  );
}

/**
 * Minutes of `meeting` circulated with a comment period that ended a week after it, one
 * member's "no objection", then approved by decision at `later` (kind "meeting", recorded by
 * the secretariat at noon UTC on the later meeting's day, after it began; minutes-rules.ts
 * `approvalRefusal`).
 */
async function seedMinutesApprovedAtNextMeeting(
  secretariat: StaffUser,
  meeting: MeetingSummary & { boardId: string },
  later: MeetingSummary & { boardId: string },
  db: IdentityDb,
): Promise<void> {
  const drafted = await draftAndCirculate(
    secretariat,
    meeting,
    [
      {
        discussion: "The secretariat read the questions the services sent since the last meeting.",
        decisions: "The board answers them at its next meeting.",
        confidential: false,
      },
      {
        discussion: "Members discussed how survivors' feedback reaches the board.",
        decisions: "The secretariat brings a summary of the feedback results to each meeting.",
        confidential: false,
      },
    ],
    db,
  );
  if (!drafted) return;
  const { at, circulated } = drafted;
  const members = await listInvitable(meeting.boardId, meeting.meetingDay, db);
  const answering = members[0] ? await getUserById(members[0].userId, db) : null;
  if (answering)
    await commentOnMinutes(
      answering,
      meeting,
      circulated,
      { kind: "no_objection", item: "all", body: "" },
      db,
      at(3),
    );
  await approveMinutes(
    secretariat,
    meeting,
    circulated,
    { approvalKind: "meeting", approvalMeetingId: later.id },
    { isChair: false, isSecretariat: true },
    db,
    new Date(Date.parse(`${later.meetingDay}T12:00:00Z`)),
  );
}

/**
 * Minutes of a past `meeting` started and saved with `items` the day after it, then circulated
 * with a comment period ending 8 days after the meeting. Returns the circulated document and
 * the demo's clock (`at(days)`: 10:00 UTC that many days after the meeting); null when the
 * minutes exist already.
 */
async function draftAndCirculate(
  secretariat: StaffUser,
  meeting: MeetingSummary & { boardId: string },
  items: { discussion: string; decisions: string; confidential: boolean }[],
  db: IdentityDb,
) {
  const at = (days: number) =>
    new Date(Date.parse(`${addDays(meeting.meetingDay, days)}T10:00:00Z`));
  const started = await startMinutes(secretariat, meeting, db, at(1));
  if (!started.ok) return null;
  const [doc] = await listMinutesDocs(meeting.id, db);
  await saveMinutes(secretariat, meeting, doc!, 1, items, {}, db, at(1));
  await circulateMinutes(secretariat, meeting, doc!, addDays(meeting.meetingDay, 8), db, at(1));
  const [circulated] = await listMinutesDocs(meeting.id, db);
  return { at, circulated: circulated! };
}
