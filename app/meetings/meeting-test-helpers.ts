import { randomUUID } from "node:crypto";

import { scheduleMeeting } from "./meetings.commands.server";
import { ScheduleMeetingSchema } from "./meetings.schemas";
import { getMeeting, type Meeting } from "./meetings.server";
import type { IdentityDb } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";

/**
 * Test helper: schedules a meeting of `boardId` on `date` (YYYY-MM-DD) at 10:00 in Tirana, in
 * Tiranë, with two agenda items ("Hapja", "Plani i punës") and `invitees` (user ids), through
 * the secretariat's own command at `now`. Returns the meeting; throws on a refusal.
 */
export async function scheduleTestMeeting(
  secretariat: StaffUser,
  boardId: string,
  date: string,
  invitees: string[],
  db: IdentityDb,
  now: Date,
): Promise<Meeting> {
  const result = await scheduleMeeting(
    secretariat,
    boardId,
    ScheduleMeetingSchema.parse({
      date,
      time: "10:00",
      place: "Tiranë",
      itemTitle1: "Hapja",
      itemSummary1: "Rendi i ditës",
      itemTitle2: "Plani i punës",
      itemSummary2: "Përparësitë",
      briefing: "Puna e bërë.",
      invitees,
    }),
    db,
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return (await getMeeting(result.value.meetingId, db))!;
}

/**
 * Test helper: makes `membershipId` the chair of `boardId` from `startsOn` to `endsOn`
 * (YYYY-MM-DD), as a finished election would.
 */
export async function makeChair(
  boardId: string,
  membershipId: string,
  db: IdentityDb,
  startsOn = "2026-01-01",
  endsOn = "2027-12-31",
): Promise<void> {
  await db
    .insertInto("board_positions")
    .values({
      id: randomUUID(),
      board_id: boardId,
      membership_id: membershipId,
      position: "chair",
      starts_on: startsOn,
      ends_on: endsOn,
      election_id: null,
    })
    .execute();
}

/**
 * Test helper: the change form's agenda rows as the change page fills them from `meeting`
 * (itemTitleN and itemSummaryN for its items, in order).
 */
export function agendaFieldsOf(meeting: Pick<Meeting, "agenda">): Record<string, string> {
  return Object.fromEntries(
    meeting.agenda.flatMap((item, i) => [
      [`itemTitle${i + 1}`, item.title],
      [`itemSummary${i + 1}`, item.summary],
    ]),
  );
}
