import { assignActionItem, changeActionItem } from "./action-items.commands.server";
import { getMeeting, listInvitable } from "./meetings.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getUserCredentialsByEmail, type StaffUser } from "../auth/users.server";
import { DEMO_BOARD_NAME } from "../board/membership-demo.server";
import { addDays, dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";

/**
 * The demo's action items, given at the end of the demo board's past meeting (seeded by
 * demo-meetings.server.ts): one open for the demo board-member account (due next week, so a
 * newcomer can mark it done or decline it from "My tasks"), one overdue for another member (the
 * chair and the secretariat see it marked), and one done by the secretariat. Texts are invented.
 */
export async function seedDemoActionItems(
  secretariat: StaffUser,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<void> {
  const past = await db
    .selectFrom("meetings")
    .innerJoin("boards", "boards.id", "meetings.board_id")
    .select(["meetings.id", "meetings.meeting_day"])
    .where("boards.name", "=", DEMO_BOARD_NAME)
    .where("meetings.starts_at", "<", now.toISOString())
    .orderBy("meetings.starts_at", "desc")
    .executeTakeFirst();
  const meeting = past ? await getMeeting(past.id, db) : null;
  if (!meeting || meeting.agenda.length < 2) return;
  const today = dateIn(getConfig().timeZone, now);
  const people = await listInvitable(meeting.boardId, today, db);
  // Found by sign-in address: a member's account keeps it sealed (decision 046).
  const demoMember = await getUserCredentialsByEmail("board@demo.example", db);
  const other = people.find((p) => p.userId !== demoMember?.id && !p.isChair);
  // Assigned at the end of the meeting, as the chair or the secretariat would.
  const atTheMeeting = new Date(Date.parse(`${meeting.meetingDay}T12:00:00Z`));
  const tasks = [
    {
      agendaItemId: meeting.agenda[1]!.id,
      task: "Demo: share the work plan with two services and collect their questions.",
      ownerId: demoMember?.id,
      dueOn: addDays(today, 7),
    },
    {
      agendaItemId: meeting.agenda[1]!.id,
      task: "Demo: propose dates for a visit to a shelter.",
      ownerId: other?.userId,
      dueOn: addDays(today, -3),
    },
    {
      agendaItemId: meeting.agenda[0]!.id,
      task: "Demo: send every member a printed copy of the declaration.",
      ownerId: secretariat.id,
      dueOn: addDays(meeting.meetingDay, 7),
    },
  ];
  for (const [i, { ownerId, ...task }] of tasks.entries()) {
    if (!ownerId) continue;
    const result = await assignActionItem(
      secretariat,
      meeting,
      { ...task, ownerId },
      db,
      atTheMeeting,
    );
    if (result.ok && i === 2)
      await changeActionItem(
        secretariat,
        { change: "status", itemId: result.value.itemId, status: "done" },
        null,
        db,
        atTheMeeting,
      );
  }
}
