import { recordAttendance, replyToMeeting, scheduleMeeting } from "./meetings.commands.server";
import { insertMeeting, listInvitable, updateReply } from "./meetings.server";
import { checkNotice, zonedTimeToUtc } from "./notice.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getUserById, type StaffUser } from "../auth/users.server";
import { DEMO_BOARD_NAME } from "../board/membership-demo.server";
import { addDays, dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { isWorkingDay } from "../platform/working-days";

/**
 * The demo's meetings on the demo board with members (Tirana): one held seven weeks ago (its
 * minutes wait for the chair's approval, app/meetings/minutes-demo.server.ts), one held five
 * weeks ago (its minutes approved by decision at the next meeting), one held three
 * weeks ago, with answers and attendance recorded (one member excused, one who confirmed but
 * came late), and one coming, scheduled as the secretariat would (the first working day with 5 working days'
 * notice, a week or more ahead), its invitations in the outbox. Texts are invented.
 */
export async function seedDemoMeetings(
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
  const { timeZone } = getConfig();
  const today = dateIn(timeZone, now);
  const people = await listInvitable(board.id, today, db);
  const invitees = people.map((p) => p.userId);

  // The earlier past meeting: everyone came. Stored directly (scheduling refuses a past date).
  const earlierDay = addDays(today, -49);
  const earlierId = await insertMeeting(
    {
      boardId: board.id,
      startsAt: zonedTimeToUtc(earlierDay, "10:00", timeZone),
      meetingDay: earlierDay,
      place: "Zyra e sekretariatit teknik, Tiranë",
      onlineLink: "",
      briefing: "Demo: the members met for the first time.",
      extraordinary: false,
      extraordinaryReason: "",
      noticeSentOn: addDays(earlierDay, -10),
      agenda: [
        {
          title: "Introductions",
          summary: "The members and the secretariat introduce themselves.",
        },
        { title: "How the board works", summary: "The rules of the board and its meetings." },
      ],
      invitees,
      createdBy: secretariat.id,
    },
    db,
    new Date(Date.parse(`${addDays(earlierDay, -10)}T09:00:00Z`)),
  );
  for (const userId of invitees)
    await updateReply(
      earlierId,
      userId,
      { reply: "confirmed", reason: "" },
      db,
      new Date(Date.parse(`${addDays(earlierDay, -5)}T09:00:00Z`)),
    );
  await recordAttendance(
    secretariat,
    { id: earlierId, meetingDay: earlierDay },
    invitees.map((userId) => ({ userId, status: "present" as const })),
    db,
    new Date(Date.parse(`${earlierDay}T12:00:00Z`)),
  );

  // The meeting between them: everyone came; its minutes were approved by decision at the
  // next meeting (app/meetings/minutes-demo.server.ts), recorded on that meeting's page.
  const middleDay = addDays(today, -35);
  const middleId = await insertMeeting(
    {
      boardId: board.id,
      startsAt: zonedTimeToUtc(middleDay, "10:00", timeZone),
      meetingDay: middleDay,
      place: "Zyra e sekretariatit teknik, Tiranë",
      onlineLink: "",
      briefing: "Demo: the secretariat collected the services' questions for the board.",
      extraordinary: false,
      extraordinaryReason: "",
      noticeSentOn: addDays(middleDay, -10),
      agenda: [
        { title: "Questions from the services", summary: "What the services asked the board." },
        { title: "Survivors' feedback", summary: "How survivors' feedback reaches the board." },
      ],
      invitees,
      createdBy: secretariat.id,
    },
    db,
    new Date(Date.parse(`${addDays(middleDay, -10)}T09:00:00Z`)),
  );
  for (const userId of invitees)
    await updateReply(
      middleId,
      userId,
      { reply: "confirmed", reason: "" },
      db,
      new Date(Date.parse(`${addDays(middleDay, -5)}T09:00:00Z`)),
    );
  await recordAttendance(
    secretariat,
    { id: middleId, meetingDay: middleDay },
    invitees.map((userId) => ({ userId, status: "present" as const })),
    db,
    new Date(Date.parse(`${middleDay}T12:00:00Z`)),
  );

  // The past meeting: stored directly (scheduling refuses a date in the past).
  const pastDay = addDays(today, -21);
  const pastId = await insertMeeting(
    {
      boardId: board.id,
      startsAt: zonedTimeToUtc(pastDay, "10:00", timeZone),
      meetingDay: pastDay,
      place: "Zyra e sekretariatit teknik, Tiranë",
      onlineLink: "",
      briefing:
        "Demo: the board was formed and elected its chair.\n\nThe secretariat prepared the first work plan.",
      extraordinary: false,
      extraordinaryReason: "",
      noticeSentOn: addDays(pastDay, -10),
      agenda: [
        { title: "Opening", summary: "Welcome, the agenda, and the confidentiality declaration." },
        { title: "Work plan", summary: "The board's priorities for the coming months." },
      ],
      invitees,
      createdBy: secretariat.id,
    },
    db,
    new Date(Date.parse(`${addDays(pastDay, -10)}T09:00:00Z`)),
  );
  const answeredAt = new Date(Date.parse(`${addDays(pastDay, -5)}T09:00:00Z`));
  for (const [i, userId] of invitees.entries()) {
    const declined = i === 1;
    await updateReply(
      pastId,
      userId,
      declined
        ? { reply: "declined", reason: "Demo: a family commitment." }
        : { reply: "confirmed", reason: "" },
      db,
      answeredAt,
    );
  }
  await recordAttendance(
    secretariat,
    { id: pastId, meetingDay: pastDay },
    invitees.map((userId, i) => ({
      userId,
      status: i === 1 ? "excused" : i === 2 ? "late" : "present",
    })),
    db,
    new Date(Date.parse(`${pastDay}T12:00:00Z`)),
  );

  // The coming meeting, in time for the notice rule.
  let day = addDays(today, 8);
  const inTime = (d: string) =>
    checkNotice({ today, now, meetingDay: d, startsAt: zonedTimeToUtc(d, "10:00", timeZone) })
      .kind === "in_time";
  while (!isWorkingDay(day) || !inTime(day)) day = addDays(day, 1);
  const scheduled = await scheduleMeeting(
    secretariat,
    board.id,
    {
      date: day,
      time: "10:00",
      place: "Zyra e sekretariatit teknik, Tiranë",
      onlineLink: "",
      agenda: [
        { title: "Minutes of the last meeting", summary: "Comments before approval." },
        { title: "Feedback results", summary: "What survivors told the services this season." },
      ],
      briefing: "Demo: since the last meeting the work plan was shared with the services.",
      invitees,
      extraordinary: false,
      extraordinaryReason: "",
    },
    db,
    now,
  );
  if (!scheduled.ok) throw new Error("The demo meeting could not be scheduled");
  // One member has already confirmed; the others have not answered yet.
  const first = people[0] ? await getUserById(people[0].userId, db) : null;
  if (first)
    await replyToMeeting(
      first,
      { id: scheduled.value.meetingId, startsAt: zonedTimeToUtc(day, "10:00", timeZone) },
      { reply: "confirmed", reason: "" },
      db,
      now,
    );
}
