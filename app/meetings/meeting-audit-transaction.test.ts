import { beforeAll, describe, expect, it, vi } from "vitest";

import { addClosedDay } from "./closed-days.commands.server";
import { listClosedDays } from "./closed-days.server";
import { agendaFieldsOf, scheduleTestMeeting } from "./meeting-test-helpers";
import { cancelMeeting, changeMeeting, scheduleMeeting } from "./meetings.commands.server";
import { ChangeMeetingSchema, ScheduleMeetingSchema } from "./meetings.schemas";
import { getMeeting, listMeetings } from "./meetings.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { AuditAction } from "../auth/audit-actions";
import type * as AuditModule from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

// The audit row of `failing` cannot be written (a full disk, a lost connection): the write it
// records must not stay either.
let failing: AuditAction | null = null;
vi.mock("../auth/audit.server", async (importOriginal) => {
  const actual = await importOriginal<typeof AuditModule>();
  return {
    ...actual,
    recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
      await actual.recordAudit(...args);
      if (args[0].action === failing) throw new Error("the audit row was not written");
    },
  };
});

const db = () => getIdentityDb();
const NOW = new Date("2026-11-30T11:00:00Z");

describe("a meeting write and its audit row are one transaction", () => {
  let secretariat: StaffUser;
  let boardId: string;
  let invitees: string[];
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 2, db(), "Audit board");
    boardId = made.board.id;
    invitees = made.members.map((m) => m.user.id);
  });

  it("scheduling leaves no meeting, and sends nothing, when its audit row fails", async () => {
    const outboxBefore = await db().selectFrom("outbox").select("id").execute();
    failing = "meeting_scheduled";
    await expect(
      scheduleMeeting(
        secretariat,
        boardId,
        ScheduleMeetingSchema.parse({
          date: "2026-12-14",
          time: "10:00",
          place: "Tiranë",
          itemTitle1: "Hapja",
          itemSummary1: "Rendi i ditës",
          briefing: "Puna e bërë.",
          invitees,
        }),
        db(),
        NOW,
      ),
    ).rejects.toThrow("the audit row was not written");
    failing = null;
    expect(await listMeetings({ boardId })).toEqual([]);
    expect(await db().selectFrom("meeting_invitations").select("user_id").execute()).toEqual([]);
    expect(await db().selectFrom("outbox").select("id").execute()).toEqual(outboxBefore);
  });

  it("changing, cancelling and adding a closed day leave nothing changed when their audit row fails", async () => {
    const meeting = await scheduleTestMeeting(
      secretariat,
      boardId,
      "2026-12-21",
      invitees,
      db(),
      NOW,
    );
    failing = "meeting_changed";
    await expect(
      changeMeeting(
        secretariat,
        meeting,
        ChangeMeetingSchema.parse({
          ...agendaFieldsOf(meeting),
          date: "2026-12-22",
          time: "10:00",
          place: meeting.place,
          briefing: meeting.briefing,
        }),
        db(),
        NOW,
      ),
    ).rejects.toThrow();
    expect(await getMeeting(meeting.id)).toEqual(meeting);
    failing = "meeting_cancelled";
    await expect(cancelMeeting(secretariat, meeting, { reason: "x" }, db(), NOW)).rejects.toThrow();
    expect(await getMeeting(meeting.id)).toEqual(meeting);
    failing = "closed_day_added";
    await expect(
      addClosedDay(secretariat, { day: "2026-12-24", label: "Zyra" }, db(), NOW),
    ).rejects.toThrow();
    expect(await listClosedDays()).toEqual([]);
    failing = null;
  });
});
