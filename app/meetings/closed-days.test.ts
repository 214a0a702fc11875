import { beforeAll, describe, expect, it } from "vitest";

import { addClosedDay, removeClosedDay } from "./closed-days.commands.server";
import { listClosedDays } from "./closed-days.server";
import { agendaFieldsOf, scheduleTestMeeting } from "./meeting-test-helpers";
import { changeMeeting, scheduleMeeting } from "./meetings.commands.server";
import { ChangeMeetingSchema, ScheduleMeetingSchema } from "./meetings.schemas";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// Monday 30.11.2026 at noon in Tirana (a substitute public holiday). A meeting on Wednesday
// 09.12.2026 needs notice by Tuesday 01.12 (1, 2, 3, 4 and 7 December are working days; the 8th
// is a holiday): in time today, unless one of those days is closed.
const NOW = new Date("2026-11-30T11:00:00Z");
const admin = { id: "", email: "admin@t.example" } as StaffUser;

const auditOf = (action: string) =>
  db()
    .selectFrom("audit_events")
    .select(["subject", "details"])
    .where("action", "=", action)
    .execute();

describe("closed days", () => {
  let secretariat: StaffUser;
  let boardId: string;
  let invitees: string[];
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    admin.id = secretariat.id;
    const made = await makeBoardWithMembers(secretariat, 2, db(), "Closed days board");
    boardId = made.board.id;
    invitees = made.members.map((m) => m.user.id);
  });

  it("are added once, listed in order, removed, and each change is audited with the day", async () => {
    expect(await addClosedDay(admin, { day: "2027-01-04", label: "Inventari" }, db(), NOW)).toEqual(
      {
        ok: true,
      },
    );
    expect(await addClosedDay(admin, { day: "2026-12-31", label: "Fundviti" }, db(), NOW)).toEqual({
      ok: true,
    });
    expect(await addClosedDay(admin, { day: "2026-12-31", label: "Dy herë" }, db(), NOW)).toEqual({
      ok: false,
      errors: { day: "meetings:errors.closed_day_exists" },
    });
    expect(await listClosedDays()).toEqual([
      { day: "2026-12-31", label: "Fundviti" },
      { day: "2027-01-04", label: "Inventari" },
    ]);
    expect(await removeClosedDay(admin, "2027-01-04", db(), NOW)).toEqual({ ok: true });
    expect(await removeClosedDay(admin, "2027-01-04", db(), NOW)).toEqual({
      ok: false,
      errors: { day: "meetings:errors.closed_day_unknown" },
    });
    expect(await listClosedDays()).toEqual([{ day: "2026-12-31", label: "Fundviti" }]);
    expect((await auditOf("closed_day_added")).map((row) => row.subject)).toEqual([
      "2027-01-04",
      "2026-12-31",
    ]);
    expect((await auditOf("closed_day_removed")).map((row) => JSON.parse(row.details!))).toEqual([
      { day: "2027-01-04" },
    ]);
    await removeClosedDay(admin, "2026-12-31", db(), NOW);
  });

  it("count as non-working days: a meeting whose notice window crosses one is refused, scheduled or moved", async () => {
    const form = ScheduleMeetingSchema.parse({
      date: "2026-12-09",
      time: "10:00",
      place: "Tiranë",
      itemTitle1: "Hapja",
      itemSummary1: "Rendi i ditës",
      briefing: "Puna e bërë.",
      invitees,
    });
    await addClosedDay(admin, { day: "2026-12-02", label: "Zyra e mbyllur" }, db(), NOW);
    const refused = await scheduleMeeting(secretariat, boardId, form, db(), NOW);
    // Without the closed day the last day would be 01.12; with it, Friday 27.11.
    expect(refused).toEqual({
      ok: false,
      errors: { date: "meetings:errors.notice_late" },
      lastNoticeDay: "2026-11-27",
    });
    // Moving a meeting onto that day is refused the same way.
    const meeting = await scheduleTestMeeting(
      secretariat,
      boardId,
      "2026-12-21",
      invitees,
      db(),
      NOW,
    );
    const moved = await changeMeeting(
      secretariat,
      meeting,
      ChangeMeetingSchema.parse({
        ...agendaFieldsOf(meeting),
        date: "2026-12-09",
        time: "10:00",
        place: meeting.place,
        briefing: meeting.briefing,
      }),
      db(),
      NOW,
    );
    expect(moved).toMatchObject({ ok: false, lastNoticeDay: "2026-11-27" });

    // Once the day is removed, the same meeting is in time.
    await removeClosedDay(admin, "2026-12-02", db(), NOW);
    expect((await scheduleMeeting(secretariat, boardId, form, db(), NOW)).ok).toBe(true);
  });
});
