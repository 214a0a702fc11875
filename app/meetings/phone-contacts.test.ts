import { beforeAll, describe, expect, it } from "vitest";

import { assignActionItem, remindActionItemOwners } from "./action-items.commands.server";
import { agendaFieldsOf } from "./meeting-test-helpers";
import {
  cancelMeeting,
  changeMeeting,
  remindUnanswered,
  scheduleMeeting,
} from "./meetings.commands.server";
import { ChangeMeetingSchema, ScheduleMeetingSchema } from "./meetings.schemas";
import { getMeeting, listPhoneContacts } from "./meetings.server";
import { loadMinutesPage } from "./minutes-page.server";
import { circulateMinutes, startMinutes } from "./minutes.commands.server";
import { listMinutesDocs } from "./minutes.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import type { Application } from "../board/application.schemas";
import { storeApplication } from "../board/applications.server";
import { insertCall } from "../board/calls.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// Monday 30.11.2026 in Tirana; the meeting is on Monday 14.12.2026.
const NOW = new Date("2026-11-30T11:00:00Z");

function application(channels: Application["channels"], phone: string): Application {
  return {
    firstName: "Drita",
    lastName: "Telefoni",
    dateOfBirth: "1990-05-01",
    placeOfBirth: "Berat",
    nationality: "Shqiptare",
    residence: "citizen",
    email: `a-${crypto.randomUUID()}@t.example`,
    phone,
    channels,
    contactTimes: "",
    voicemailSafe: "no",
    sharedPhoneSafe: "no",
    activity: "Punoj me gratë në Berat.",
    suitability: "Njoh punën e strehëzave.",
    motivation: "",
    additional: "",
    nominated: "no",
    nominatingOrganisation: "",
    gender: "woman",
    region: "berat",
    expertise: ["victim_support"],
    acknowledged: ["yes"],
    stayInformed: false,
    signature: "Drita Telefoni",
    signatureConfirmed: ["yes"],
    signedOn: "2026-11-01",
  };
}

const outboxCount = async (email: string) =>
  (await db().selectFrom("outbox").select("id").where("recipient", "=", email).execute()).length;

describe("members who allowed only phone or SMS", () => {
  let secretariat: StaffUser;
  let boardId: string;
  let members: { membershipId: string; user: StaffUser }[];
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db(), "Phone board");
    boardId = made.board.id;
    members = made.members;
    const call = await insertCall(
      { boardId, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: false },
      secretariat.id,
      db(),
    );
    // Member 1 allowed SMS only; member 2 allowed phone and email.
    for (const [i, channels] of [
      [1, ["sms"]],
      [2, ["phone", "email"]],
    ] as const) {
      const sent = await storeApplication({
        call,
        application: application([...channels], "+355 69 111 222" + i),
        lang: "sq",
      });
      const { id } = await db()
        .selectFrom("board_applications")
        .select("id")
        .where("reference_code", "=", sent.reference)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable("board_memberships")
        .set({ application_id: id })
        .where("id", "=", members[i]!.membershipId)
        .execute();
    }
  });

  it("get no invitation or reminder by email and are listed for the secretariat to tell by phone", async () => {
    const ids = members.map((m) => m.user.id);
    const contacts = await listPhoneContacts(boardId, ids, "2026-11-30");
    expect(contacts.map((c) => [c.userId, c.channels])).toEqual([[members[1]!.user.id, ["sms"]]]);
    expect(contacts[0]!.fullName).toBe("Member 1");
    const before = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    const scheduled = await scheduleMeeting(
      secretariat,
      boardId,
      ScheduleMeetingSchema.parse({
        date: "2026-12-14",
        time: "10:00",
        place: "Tiranë",
        itemTitle1: "Hapja",
        itemSummary1: "Rendi i ditës",
        briefing: "Puna e bërë.",
        invitees: ids,
      }),
      db(),
      NOW,
    );
    expect(scheduled.ok).toBe(true);
    await remindUnanswered(db(), new Date("2026-12-12T09:00:00Z"), 2);
    const after = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    // Invitation and reminder by email to the others; nothing to the SMS-only member.
    expect(after).toEqual([before[0]! + 2, before[1], before[2]! + 2]);

    // Nor a task reminder.
    if (!scheduled.ok) return;
    const meeting = (await getMeeting(scheduled.value.meetingId))!;
    const onTheDay = new Date("2026-12-14T15:00:00Z");
    for (const owner of [members[1]!, members[2]!]) {
      const assigned = await assignActionItem(
        secretariat,
        meeting,
        {
          agendaItemId: meeting.agenda[0]!.id,
          task: "Detyrë",
          ownerId: owner.user.id,
          dueOn: "2026-12-16",
        },
        db(),
        onTheDay,
      );
      expect(assigned.ok).toBe(true);
    }
    await remindActionItemOwners(db(), new Date("2026-12-15T09:00:00Z"), 3);
    expect(await outboxCount(members[1]!.user.email)).toBe(before[1]);
    expect(await outboxCount(members[2]!.user.email)).toBe(before[2]! + 3);

    // Nor the message that minutes are circulated for comments.
    const afterTasks = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    await startMinutes(secretariat, meeting, db(), onTheDay);
    const [doc] = await listMinutesDocs(meeting.id);
    expect(
      await circulateMinutes(secretariat, meeting, doc!, "2026-12-21", db(), onTheDay),
    ).toEqual({ ok: true });
    const afterMinutes = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    expect(afterMinutes).toEqual([afterTasks[0]! + 1, afterTasks[1], afterTasks[2]! + 1]);
    // The minutes page lists the SMS-only member for the secretariat to tell, audited.
    const access = {
      user: secretariat,
      meeting,
      isSecretariat: true,
      isChair: false,
      guestOnly: false,
    } as unknown as Parameters<typeof loadMinutesPage>[0];
    const page = await loadMinutesPage(access, onTheDay);
    expect(page.phoneContacts.map((c) => [c.userId, c.phone])).toEqual([
      [members[1]!.user.id, "+355 69 111 2221"],
    ]);
    const audited = await db()
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "meeting_phone_list_viewed")
      .where("subject", "=", meeting.id)
      .execute();
    expect(audited.map((a) => a.details)).toEqual([JSON.stringify({ document: 0 })]);
    // A member sees no such list.
    const asMember = { ...access, user: members[0]!.user, isSecretariat: false };
    expect((await loadMinutesPage(asMember, onTheDay)).phoneContacts).toEqual([]);
  });

  it("get no email when a meeting is changed or cancelled either", async () => {
    const ids = members.map((m) => m.user.id);
    const scheduled = await scheduleMeeting(
      secretariat,
      boardId,
      ScheduleMeetingSchema.parse({
        date: "2026-12-21",
        time: "10:00",
        place: "Tiranë",
        itemTitle1: "Hapja",
        itemSummary1: "Rendi i ditës",
        briefing: "Puna e bërë.",
        invitees: ids,
      }),
      db(),
      NOW,
    );
    if (!scheduled.ok) throw new Error("not scheduled");
    const meeting = (await getMeeting(scheduled.value.meetingId))!;
    const before = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    const changed = await changeMeeting(
      secretariat,
      meeting,
      ChangeMeetingSchema.parse({
        ...agendaFieldsOf(meeting),
        date: "2026-12-21",
        time: "11:00",
        place: "Tiranë",
        briefing: "Puna e bërë.",
      }),
      db(),
      NOW,
    );
    expect(changed.ok).toBe(true);
    const cancelled = await cancelMeeting(
      secretariat,
      (await getMeeting(meeting.id))!,
      { reason: "Shtyhet" },
      db(),
      NOW,
    );
    expect(cancelled.ok).toBe(true);
    const after = await Promise.all(members.map((m) => outboxCount(m.user.email)));
    expect(after).toEqual([before[0]! + 2, before[1], before[2]! + 2]);
  });
});
