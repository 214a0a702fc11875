import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";

import { assignActionItem } from "./action-items.commands.server";
import { getCurrentDeclaration, insertSignature } from "./declarations.server";
import { makeChair } from "./meeting-test-helpers";
import { scheduleMeeting } from "./meetings.commands.server";
import { ScheduleMeetingSchema } from "./meetings.schemas";
import {
  getMeeting,
  insertGuestInvitation,
  insertMeeting,
  savePreferences,
} from "./meetings.server";
import {
  approveMinutes,
  circulateMinutes,
  commentOnMinutes,
  saveMinutes,
  startMinutes,
} from "./minutes.commands.server";
import { listMinutesDocs } from "./minutes.server";
import { dayMonthYear, firstDayWithNotice } from "./notice.server";
import { getIdentityDb } from "../../db/identity-store";
import { csrfTokenForSession } from "../auth/csrf.server";
import { createSession, serializeSessionCookie } from "../auth/sessions.server";
import { getUserById, insertUser, type StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";
import { addDays, displayDay, localToday } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { migrateAll } from "../platform/startup.server";
import * as boardMeetingsRoute from "../routes/($lang).staff.board.$boardId_.meetings";
import * as boardMembersRoute from "../routes/($lang).staff.board.$boardId_.members";
import * as declarationRoute from "../routes/($lang).staff.declaration";
import * as meetingRoute from "../routes/($lang).staff.meetings.$meetingId";
import * as calendarRoute from "../routes/($lang).staff.meetings.$meetingId_.calendar";
import * as changeRoute from "../routes/($lang).staff.meetings.$meetingId_.change";
import * as minutesRoute from "../routes/($lang).staff.meetings.$meetingId_.minutes";
import * as compareRoute from "../routes/($lang).staff.meetings.$meetingId_.minutes_.compare";
import * as printRoute from "../routes/($lang).staff.meetings.$meetingId_.minutes_.print";
import * as meetingsRoute from "../routes/($lang).staff.meetings._index";

/** The meeting pages' guards and forms: who gets in, and bad input answered 400 with no write. */
const db = () => getIdentityDb();
type Outcome = { status: number; data: Record<string, unknown> };

async function signedIn(user: StaffUser) {
  const session = await createSession(user.id);
  return {
    cookie: (await serializeSessionCookie(session.token)).split(";")[0]!,
    csrf: csrfTokenForSession(session.idHash),
  };
}

async function call(
  handler: (args: LoaderFunctionArgs) => Promise<unknown>,
  path: string,
  as: { cookie: string; csrf: string },
  params: Record<string, string>,
  form?: [string, string][],
): Promise<Outcome> {
  const request = new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: { Cookie: as.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: form ? new URLSearchParams([["csrf", as.csrf], ...form]).toString() : undefined,
  });
  try {
    const result = (await handler({ request, params, context: { cspNonce: "" } })) as {
      init?: { status?: number };
      data?: Record<string, unknown>;
      status?: number;
    };
    if (result instanceof Response) return { status: result.status, data: {} };
    if (result.init || result.data)
      return { status: result.init?.status ?? 200, data: result.data ?? {} };
    return { status: 200, data: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: {} };
    const refusal = thrown as { init?: { status?: number }; data?: Record<string, unknown> };
    return { status: refusal.init?.status ?? 500, data: refusal.data ?? {} };
  }
}

const sign = async (user: StaffUser) =>
  insertSignature(user.id, (await getCurrentDeclaration(db())).version, "sq", "Name", db());

describe("the meeting pages", () => {
  let secretariat: StaffUser;
  let members: { membershipId: string; user: StaffUser }[];
  let outsider: StaffUser;
  let boardId = "";
  let meetingId = "";
  let otherMeetingId = "";
  const day = addDays(localToday(), 30);

  beforeAll(async () => {
    await migrateAll();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db());
    members = made.members;
    boardId = made.board.id;
    outsider = (await makeBoardWithMembers(secretariat, 1, db(), "Another board")).members[0]!.user;
    // The members have accepted their invitations (set a password): their accounts are active.
    await db()
      .updateTable("users")
      .set({ status: "active" })
      .where("status", "=", "invited")
      .execute();
    const scheduled = await scheduleMeeting(
      secretariat,
      boardId,
      ScheduleMeetingSchema.parse({
        date: day,
        time: "10:00",
        place: "Office",
        itemTitle1: "Opening",
        itemSummary1: "Welcome",
        briefing: "Briefing",
        invitees: members.map((m) => m.user.id),
      }),
      db(),
    );
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
    meetingId = scheduled.value.meetingId;
    const other = await scheduleMeeting(
      secretariat,
      boardId,
      ScheduleMeetingSchema.parse({
        date: addDays(day, 7),
        time: "10:00",
        place: "Office",
        itemTitle1: "Other",
        itemSummary1: "Another meeting",
        briefing: "Briefing",
        invitees: members.map((m) => m.user.id),
      }),
      db(),
    );
    if (!other.ok) throw new Error(JSON.stringify(other.errors));
    otherMeetingId = other.value.meetingId;
  });

  it("asks a member to sign the declaration first, then shows the meeting", async () => {
    const member = members[0]!.user;
    const as = await signedIn(member);
    const before = await call(meetingRoute.loader, `/staff/meetings/${meetingId}`, as, {
      meetingId,
    });
    expect(before).toMatchObject({ status: 403, data: { kind: "declaration_required" } });
    await sign(member);
    const after = await call(meetingRoute.loader, `/staff/meetings/${meetingId}`, as, {
      meetingId,
    });
    expect(after.status).toBe(200);
    // A member sees the agenda, not the others' answers.
    expect(after.data).toMatchObject({ seesReplies: false, invitees: [] });
  });

  it("closes the members list and the board's meetings to a secretariat account that has not signed the version in force, recording no view", async () => {
    // Art. 13-14: the secretariat signs too (decision 027); the members list is the page with
    // everyone's contacts, and only the secretariat may open it, so this is its gate.
    const staff = await makeSecretariat(db());
    await db().deleteFrom("declaration_signatures").where("user_id", "=", staff.id).execute();
    const as = await signedIn(staff);
    const viewed = () =>
      db()
        .selectFrom("audit_events")
        .select("id")
        .where("actor_user_id", "=", staff.id)
        .where("action", "=", "board_members_viewed")
        .execute();
    const path = `/staff/board/${boardId}/members`;
    expect(await call(boardMembersRoute.loader, path, as, { boardId })).toMatchObject({
      status: 403,
      data: { kind: "declaration_required" },
    });
    expect(
      await call(boardMeetingsRoute.loader, `/staff/board/${boardId}/meetings`, as, { boardId }),
    ).toMatchObject({ status: 403, data: { kind: "declaration_required" } });
    expect(await viewed()).toEqual([]);
    await sign(staff);
    expect((await call(boardMembersRoute.loader, path, as, { boardId })).status).toBe(200);
    expect(await viewed()).toHaveLength(1);
  });

  it("refuses a member of another board, and a member whose term has ended", async () => {
    await sign(outsider);
    const other = await call(
      meetingRoute.loader,
      `/staff/meetings/${meetingId}`,
      await signedIn(outsider),
      { meetingId },
    );
    expect(other.status).toBe(403);
    const ending = members[1]!;
    await sign(ending.user);
    const as = await signedIn(ending.user);
    expect(
      (await call(meetingRoute.loader, `/staff/meetings/${meetingId}`, as, { meetingId })).status,
    ).toBe(200);
    await db()
      .updateTable("board_memberships")
      .set({ term_ends_on: localToday() })
      .where("id", "=", ending.membershipId)
      .execute();
    expect(
      (await call(meetingRoute.loader, `/staff/meetings/${meetingId}`, as, { meetingId })).status,
    ).toBe(403);
  });

  it("answers a decline without a reason with 400 and stores nothing", async () => {
    const as = await signedIn(members[0]!.user);
    const before = await db().selectFrom("meeting_invitations").selectAll().execute();
    const refused = await call(
      meetingRoute.action,
      `/staff/meetings/${meetingId}`,
      as,
      { meetingId },
      [
        ["intent", "reply"],
        ["reply", "declined"],
        ["reason", ""],
      ],
    );
    expect(refused).toMatchObject({
      status: 400,
      data: { errors: { reason: "meetings:errors.decline_reason_required" } },
    });
    expect(await db().selectFrom("meeting_invitations").selectAll().execute()).toEqual(before);
  });

  it("shows the chair who declined and why; a member who is not the chair sees no one's answer", async () => {
    const decliner = members[0]!;
    const chair = members[2]!;
    const reason = "A family commitment that day";
    const declined = await call(
      meetingRoute.action,
      `/staff/meetings/${otherMeetingId}`,
      await signedIn(decliner.user),
      { meetingId: otherMeetingId },
      [
        ["intent", "reply"],
        ["reply", "declined"],
        ["reason", reason],
      ],
    );
    expect(declined.status).toBe(200);
    await sign(chair.user);
    const asChairBefore = await call(
      meetingRoute.loader,
      `/staff/meetings/${otherMeetingId}`,
      await signedIn(chair.user),
      { meetingId: otherMeetingId },
    );
    // Not yet the chair: an ordinary member sees neither the answers nor the reasons.
    expect(asChairBefore.data).toMatchObject({ seesReplies: false, invitees: [] });
    expect(JSON.stringify(asChairBefore.data)).not.toContain(reason);
    await makeChair(boardId, chair.membershipId, db());
    const asChair = await call(
      meetingRoute.loader,
      `/staff/meetings/${otherMeetingId}`,
      await signedIn(chair.user),
      { meetingId: otherMeetingId },
    );
    expect(asChair.status).toBe(200);
    expect(asChair.data).toMatchObject({
      seesReplies: true,
      invitees: expect.arrayContaining([
        expect.objectContaining({ userId: decliner.user.id, reply: "declined", reason }),
      ]),
    });
  });

  it("refuses scheduling inside the notice window with the last day, keeping the values", async () => {
    const as = await signedIn(secretariat);
    const before = await db().selectFrom("meetings").selectAll().execute();
    const refused = await call(
      boardMeetingsRoute.action,
      `/staff/board/${boardId}/meetings`,
      as,
      { boardId },
      [
        ["date", addDays(localToday(), 1)],
        ["time", "23:59"],
        ["place", "Kept place"],
        ["itemTitle1", "Opening"],
        ["itemSummary1", "Welcome"],
        ["briefing", "Briefing"],
        ["invitees", members[0]!.user.id],
      ],
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: { date: "meetings:errors.notice_late" },
      values: { place: "Kept place" },
    });
    expect(String(refused.data.lastNoticeDay)).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    // A day in the past: refused, naming the first day that notice given today is in time for.
    const past = await call(
      boardMeetingsRoute.action,
      `/staff/board/${boardId}/meetings`,
      as,
      { boardId },
      [
        ["date", addDays(localToday(), -1)],
        ["time", "10:00"],
        ["place", "Kept place"],
        ["itemTitle1", "Opening"],
        ["itemSummary1", "Welcome"],
        ["briefing", "Briefing"],
        ["invitees", members[0]!.user.id],
      ],
    );
    expect(past.status).toBe(400);
    expect(past.data).toMatchObject({
      errors: { date: "meetings:errors.date_past" },
      values: { place: "Kept place" },
      lastNoticeDay: null,
      firstNoticeDay: dayMonthYear(firstDayWithNotice(localToday())),
    });
    // A member cannot schedule at all.
    const member = await call(
      boardMeetingsRoute.action,
      `/staff/board/${boardId}/meetings`,
      await signedIn(members[0]!.user),
      { boardId },
      [["date", day]],
    );
    expect(member.status).toBe(403);
    expect(await db().selectFrom("meetings").selectAll().execute()).toEqual(before);
  });

  it("lets a guest see the one meeting they were invited to, and nothing else", async () => {
    const as = await signedIn(secretariat);
    const path = `/staff/meetings/${meetingId}`;
    const bad = await call(meetingRoute.action, path, as, { meetingId }, [
      ["intent", "guest"],
      ["guestName", "Guest Person"],
      ["guestEmail", "not-an-address"],
      ["guestLang", "en"],
    ]);
    expect(bad).toMatchObject({
      status: 400,
      data: {
        errors: { guestEmail: "meetings:errors.guest_email_invalid" },
        values: { guestName: "Guest Person" },
      },
    });
    const email = `guest-${crypto.randomUUID()}@t.example`;
    const invited = await call(meetingRoute.action, path, as, { meetingId }, [
      ["intent", "guest"],
      ["guestName", "Guest Person"],
      ["guestEmail", email],
      ["guestLang", "en"],
    ]);
    expect(invited.status).toBe(200);
    // A neutral email with the link to set a password.
    const [mail] = await db()
      .selectFrom("outbox")
      .selectAll()
      .where("recipient", "=", email)
      .execute();
    expect(mail?.subject).toBe("Information");
    // The guest accepts the invitation, signs the declaration and sees that meeting only.
    const row = await db()
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await db().updateTable("users").set({ status: "active" }).where("id", "=", row.id).execute();
    const guest: StaffUser = {
      id: row.id,
      email,
      displayName: row.display_name,
      status: "active",
      roles: ["guest"],
    };
    const asGuest = await signedIn(guest);
    expect((await call(meetingRoute.loader, path, asGuest, { meetingId })).status).toBe(403);
    await sign(guest);
    const page = await call(meetingRoute.loader, path, asGuest, { meetingId });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ seesReplies: false, invitation: { guest: true } });
    const other = await call(meetingRoute.loader, `/staff/meetings/${otherMeetingId}`, asGuest, {
      meetingId: otherMeetingId,
    });
    expect(other.status).toBe(403);
    const list = await call(meetingsRoute.loader, "/staff/meetings", asGuest, {});
    const listed = [
      ...(list.data.upcoming as { id: string }[]),
      ...(list.data.past as { id: string }[]),
    ].map((m) => m.id);
    expect(listed).toEqual([meetingId]);
    // The secretariat sees the guest among the invitees.
    const forSecretariat = await call(meetingRoute.loader, path, as, { meetingId });
    expect(forSecretariat.data.invitees).toContainEqual(
      expect.objectContaining({ userId: guest.id, guest: true, reply: null }),
    );
    // Inviting the same person twice is refused.
    const again = await call(meetingRoute.action, path, as, { meetingId }, [
      ["intent", "guest"],
      ["guestName", "Guest Person"],
      ["guestEmail", email],
      ["guestLang", "en"],
    ]);
    expect(again).toMatchObject({
      status: 400,
      data: { errors: { guestEmail: "meetings:errors.guest_already_invited" } },
    });
  });

  it("gives a calendar file only to an invitee who opted in: neutral title, no place", async () => {
    const member = members[2]!.user;
    await sign(member);
    const as = await signedIn(member);
    const path = `/en/staff/meetings/${meetingId}/calendar`;
    const request = () =>
      new Request(`http://localhost${path}`, { headers: { Cookie: as.cookie } });
    const refused = await calendarRoute
      .loader({ request: request(), params: { meetingId }, context: { cspNonce: "" } })
      .catch((thrown: unknown) => thrown as Response);
    expect(refused.status).toBe(404);
    await savePreferences(member.id, { lang: "en", calendarFile: true });
    const file = await calendarRoute.loader({
      request: request(),
      params: { meetingId },
      context: { cspNonce: "" },
    });
    expect(file.headers.get("Content-Type")).toContain("text/calendar");
    const text = await file.text();
    expect(text).toContain("SUMMARY:Appointment\r\n");
    expect(text).not.toMatch(/Office|LOCATION|Opening/);
  });

  it("records a view of the change page (place, agenda, briefing) as a meeting view, saying it was the change page", async () => {
    await sign(secretariat);
    const viewsOf = () =>
      db()
        .selectFrom("audit_events")
        .select(["actor_user_id", "details"])
        .where("action", "=", "meeting_viewed")
        .where("subject", "=", meetingId)
        .execute();
    const before = (await viewsOf()).length;
    const page = await call(
      changeRoute.loader,
      `/staff/meetings/${meetingId}/change`,
      await signedIn(secretariat),
      { meetingId },
    );
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ current: { place: "Office", briefing: "Briefing" } });
    const views = await viewsOf();
    expect(views).toHaveLength(before + 1);
    expect(views.filter((v) => v.details && JSON.parse(v.details).purpose === "change")).toEqual([
      { actor_user_id: secretariat.id, details: JSON.stringify({ purpose: "change" }) },
    ]);
  });

  it("cancels a meeting from its change page (secretariat only); then its forms are refused and its calendar file says cancelled", async () => {
    const scheduled = await scheduleMeeting(
      secretariat,
      boardId,
      ScheduleMeetingSchema.parse({
        date: addDays(day, 14),
        time: "10:00",
        place: "Office",
        itemTitle1: "Opening",
        itemSummary1: "Welcome",
        briefing: "Briefing",
        // Member 1's term has ended (above).
        invitees: [members[0]!.user.id, members[2]!.user.id],
      }),
      db(),
    );
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
    const id = scheduled.value.meetingId;
    const path = `/staff/meetings/${id}/change`;
    const member = members[0]!.user;
    await sign(member);
    await savePreferences(member.id, { lang: "en", calendarFile: true });
    const asMember = await signedIn(member);
    expect(
      (
        await call(changeRoute.action, path, asMember, { meetingId: id }, [
          ["intent", "cancel"],
          ["reason", "x"],
        ])
      ).status,
    ).toBe(403);
    await sign(secretariat);
    const asSecretariat = await signedIn(secretariat);
    const empty = await call(changeRoute.action, path, asSecretariat, { meetingId: id }, [
      ["intent", "cancel"],
      ["reason", " "],
    ]);
    expect(empty).toMatchObject({
      status: 400,
      data: { errors: { reason: "meetings:errors.cancel_reason_required" } },
    });
    const done = await call(changeRoute.action, path, asSecretariat, { meetingId: id }, [
      ["intent", "cancel"],
      ["reason", "Room unavailable"],
    ]);
    expect(done.status).toBe(302);
    const reply = await call(
      meetingRoute.action,
      `/staff/meetings/${id}`,
      asMember,
      { meetingId: id },
      [["reply", "confirmed"]],
    );
    expect(reply.status).toBe(409);
    const page = await call(meetingRoute.loader, `/staff/meetings/${id}`, asMember, {
      meetingId: id,
    });
    expect(page.data).toMatchObject({ cancelled: true });
    // The member does not read the reason.
    expect(JSON.stringify(page.data)).not.toContain("Room unavailable");
    const calendar = (await calendarRoute.loader({
      request: new Request(`http://localhost/en/staff/meetings/${id}/calendar`, {
        headers: { Cookie: asMember.cookie },
      }),
      params: { meetingId: id },
      context: { cspNonce: "" },
    })) as Response;
    const file = await calendar.text();
    expect(file).toContain(`UID:${id}@portal`);
    expect(file).toContain("SEQUENCE:1");
    expect(file).toContain("STATUS:CANCELLED");
  });

  it("shows a guest of a held meeting the report's minutes only (no confidential item, no member's comment), no other meeting's tasks, and nothing once their days are over", async () => {
    const held = (daysAgo: number) =>
      insertMeeting(
        {
          boardId,
          startsAt: `${addDays(localToday(), -daysAgo)}T09:00:00.000Z`,
          meetingDay: addDays(localToday(), -daysAgo),
          place: "Office",
          onlineLink: "",
          briefing: "",
          extraordinary: false,
          extraordinaryReason: "",
          noticeSentOn: addDays(localToday(), -daysAgo - 20),
          agenda: [
            { title: "Opening", summary: "" },
            { title: "A person's case", summary: "" },
          ],
          invitees: members.map((m) => m.user.id),
          createdBy: secretariat.id,
        },
        db(),
      );
    // An earlier meeting with a task still open, and the guest's meeting two days ago.
    const earlier = (await getMeeting(await held(40)))!;
    const task = await assignActionItem(
      secretariat,
      earlier,
      {
        agendaItemId: earlier.agenda[0]!.id,
        task: "Call the shelter",
        ownerId: members[0]!.user.id,
        dueOn: addDays(localToday(), 30),
      },
      db(),
    );
    expect(task.ok).toBe(true);
    const meeting = (await getMeeting(await held(2)))!;
    await startMinutes(secretariat, meeting, db());
    const [doc] = await listMinutesDocs(meeting.id);
    // The second item is written first, and marked confidential only in the next revision.
    for (const [version, confidential] of [
      [1, false],
      [2, true],
    ] as const) {
      const saved = await saveMinutes(
        secretariat,
        meeting,
        doc!,
        version,
        [
          { discussion: "The meeting opened.", decisions: "", confidential: false },
          { discussion: "Name of the person", decisions: "", confidential },
        ],
        {},
        db(),
      );
      expect(saved.ok).toBe(true);
    }
    // A task on the confidential item.
    const hiddenTask = await assignActionItem(
      secretariat,
      meeting,
      {
        agendaItemId: meeting.agenda[1]!.id,
        task: "Visit the family",
        ownerId: members[0]!.user.id,
        dueOn: addDays(localToday(), 30),
      },
      db(),
    );
    expect(hiddenTask.ok).toBe(true);
    await circulateMinutes(secretariat, meeting, doc!, addDays(localToday(), 5), db());
    await sign(members[0]!.user);
    const circulated = (await listMinutesDocs(meeting.id))[0]!;
    await commentOnMinutes(
      members[0]!.user,
      meeting,
      circulated,
      { kind: "comment", item: "all", body: "A member's remark" },
      db(),
    );
    const guestId = await insertUser(
      {
        email: `guest-${crypto.randomUUID()}@t.example`,
        displayName: "Guest",
        passwordHash: "x",
        roles: ["guest"],
      },
      db(),
    );
    const guest = (await getUserById(guestId, db()))!;
    await db().updateTable("users").set({ status: "active" }).where("id", "=", guestId).execute();
    await insertGuestInvitation(meeting.id, guestId, db());
    await sign(guest);
    const asGuest = await signedIn(guest);
    const params = { meetingId: meeting.id };
    const page = await call(meetingRoute.loader, `/staff/meetings/${meeting.id}`, asGuest, params);
    expect(page.status).toBe(200);
    expect(page.data.openBefore).toEqual([]);
    expect(JSON.stringify(page.data)).not.toContain("Visit the family");
    // A member sees the earlier meeting's open task in the briefing.
    const asMember = await signedIn(members[0]!.user);
    const forMember = await call(
      meetingRoute.loader,
      `/staff/meetings/${meeting.id}`,
      asMember,
      params,
    );
    expect(JSON.stringify(forMember.data.openBefore)).toContain("Call the shelter");
    expect(JSON.stringify(forMember.data.actionItems)).toContain("Visit the family");

    const minutesPath = `/staff/meetings/${meeting.id}/minutes`;
    const minutes = await call(minutesRoute.loader, minutesPath, asGuest, params);
    expect(minutes.status).toBe(200);
    const shown = JSON.stringify(minutes.data);
    expect(shown).toContain("The meeting opened.");
    expect(shown).not.toContain("Name of the person");
    expect(shown).not.toContain("A member's remark");
    // Who has not answered yet is for those who approve, not for a guest or a member.
    expect(minutes.data.unanswered).toEqual([]);
    const printed = await call(printRoute.loader, `${minutesPath}/print`, asGuest, params);
    expect(JSON.stringify(printed.data)).not.toMatch(/Name of the person|Visit the family/);
    expect(printed.data.report).toBe(true);
    // Nor in the older revision, written before the item was marked confidential.
    const compared = await call(
      compareRoute.loader,
      `${minutesPath}/compare?a=2&b=3`,
      asGuest,
      params,
    );
    expect(compared.status).toBe(200);
    expect(compared.data).toMatchObject({ a: 2, b: 3 });
    expect(JSON.stringify(compared.data)).not.toContain("Name of the person");
    // A member's report print holds nothing of the confidential item either, in its data.
    const report = await call(printRoute.loader, `${minutesPath}/print?report=1`, asMember, params);
    expect(JSON.stringify(report.data)).not.toMatch(/Name of the person|Visit the family/);
    // The member still sees the confidential item and the comments.
    const forMemberMinutes = JSON.stringify(
      (await call(minutesRoute.loader, minutesPath, asMember, params)).data,
    );
    expect(forMemberMinutes).toContain("Name of the person");
    expect(forMemberMinutes).toContain("A member's remark");

    // A guest of a meeting held longer ago than GUEST_ACCESS_DAYS (7) sees it no more.
    const old = (await getMeeting(await held(10)))!;
    await insertGuestInvitation(old.id, guestId, db());
    expect(
      (await call(meetingRoute.loader, `/staff/meetings/${old.id}`, asGuest, { meetingId: old.id }))
        .status,
    ).toBe(403);
  });

  it("says on a later meeting's page, its minutes and their print which earlier minutes were approved there (with a link for members, not for a guest), and the earlier minutes' print names that meeting", async () => {
    const held = (daysAgo: number) =>
      insertMeeting(
        {
          boardId,
          startsAt: `${addDays(localToday(), -daysAgo)}T09:00:00.000Z`,
          meetingDay: addDays(localToday(), -daysAgo),
          place: "Office",
          onlineLink: "",
          briefing: "",
          extraordinary: false,
          extraordinaryReason: "",
          noticeSentOn: addDays(localToday(), -daysAgo - 20),
          agenda: [{ title: "Opening", summary: "" }],
          invitees: members.map((m) => m.user.id),
          createdBy: secretariat.id,
        },
        db(),
      );
    const earlier = (await getMeeting(await held(70)))!;
    const later = (await getMeeting(await held(3)))!;
    // Circulated the day after the meeting, comments closed a week later.
    const then = new Date(Date.parse(`${addDays(localToday(), -69)}T10:00:00Z`));
    await startMinutes(secretariat, earlier, db(), then);
    const [draft] = await listMinutesDocs(earlier.id);
    await circulateMinutes(secretariat, earlier, draft!, addDays(localToday(), -62), db(), then);
    const [circulated] = await listMinutesDocs(earlier.id);
    const approved = await approveMinutes(
      secretariat,
      earlier,
      circulated!,
      { approvalKind: "meeting", approvalMeetingId: later.id },
      { isChair: false, isSecretariat: true },
      db(),
    );
    expect(approved.ok).toBe(true);
    await startMinutes(secretariat, later, db());
    await sign(secretariat);
    await sign(members[0]!.user);
    const { timeZone } = getConfig();
    const expected = [
      { meetingId: earlier.id, day: displayDay(earlier.startsAt, timeZone), number: 0 },
    ];
    const params = { meetingId: later.id };
    for (const person of [secretariat, members[0]!.user]) {
      const as = await signedIn(person);
      const page = await call(meetingRoute.loader, `/staff/meetings/${later.id}`, as, params);
      expect(page.status).toBe(200);
      expect(page.data).toMatchObject({ approvedHere: expected, approvedHereLinks: true });
      const minutesPath = `/staff/meetings/${later.id}/minutes`;
      const minutes = await call(minutesRoute.loader, minutesPath, as, params);
      expect(minutes.data).toMatchObject({ approvedHere: expected, approvedHereLinks: true });
      const printed = await call(printRoute.loader, `${minutesPath}/print`, as, params);
      expect(printed.data).toMatchObject({ approvedHere: expected, approvedHereLinks: true });
    }
    // The earlier meeting's page lists nothing approved there; its print names the later meeting.
    const as = await signedIn(secretariat);
    const own = { meetingId: earlier.id };
    expect(
      (await call(meetingRoute.loader, `/staff/meetings/${earlier.id}`, as, own)).data.approvedHere,
    ).toEqual([]);
    const earlierPrint = await call(
      printRoute.loader,
      `/en/staff/meetings/${earlier.id}/minutes/print`,
      as,
      { ...own, lang: "en" },
    );
    expect(earlierPrint.data.status).toContain(
      `Approved by decision at the meeting of ${displayDay(later.startsAt, timeZone)} (recorded on`,
    );
    // A guest of the later meeting reads which minutes were approved, without a link.
    const guestId = await insertUser(
      {
        email: `guest-${crypto.randomUUID()}@t.example`,
        displayName: "Guest",
        passwordHash: "x",
        roles: ["guest"],
      },
      db(),
    );
    await db().updateTable("users").set({ status: "active" }).where("id", "=", guestId).execute();
    await insertGuestInvitation(later.id, guestId, db());
    const guest = (await getUserById(guestId, db()))!;
    await sign(guest);
    const forGuest = await call(
      meetingRoute.loader,
      `/staff/meetings/${later.id}`,
      await signedIn(guest),
      params,
    );
    expect(forGuest.data).toMatchObject({ approvedHere: expected, approvedHereLinks: false });
  });
});

describe("leaving the board from the declaration page", () => {
  it("offers the withdrawal to an active member who has not signed the version in force, and ends the membership as /staff/membership does", async () => {
    await migrateAll();
    const secretariat = await makeSecretariat(db());
    const { members } = await makeBoardWithMembers(secretariat, 3, db(), "Leaving board");
    await db()
      .updateTable("users")
      .set({ status: "active" })
      .where("status", "=", "invited")
      .execute();
    const [leaving, staying, signer] = members as [
      (typeof members)[0],
      (typeof members)[0],
      (typeof members)[0],
    ];
    const as = await signedIn(leaving.user);
    const page = await call(declarationRoute.loader, "/staff/declaration", as, {});
    expect(page.data).toMatchObject({
      signedCurrent: false,
      memberships: [{ id: leaving.membershipId, boardName: "Leaving board" }],
    });
    // Who signed the version in force is not offered to leave here.
    await sign(signer.user);
    const signed = await call(
      declarationRoute.loader,
      "/staff/declaration",
      await signedIn(signer.user),
      {},
    );
    expect(signed.data).toMatchObject({ signedCurrent: true, memberships: [] });

    const statusOf = async (id: string) =>
      await db()
        .selectFrom("board_memberships")
        .select(["status", "end_kind"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    // Without the confirmation: 400 on the withdrawal's own box, the reason kept, nothing ended.
    const unconfirmed = await call(declarationRoute.action, "/staff/declaration", as, {}, [
      ["intent", "withdraw"],
      ["membershipId", leaving.membershipId],
      ["reason", "I do not agree with the new text."],
    ]);
    expect(unconfirmed).toMatchObject({
      status: 400,
      data: {
        intent: "withdraw",
        values: { reason: "I do not agree with the new text." },
        errors: { confirm: "members:errors.withdraw_confirm_required" },
      },
    });
    expect((await statusOf(leaving.membershipId)).status).toBe("active");
    // Someone else's membership cannot be ended from here.
    const foreign = await call(declarationRoute.action, "/staff/declaration", as, {}, [
      ["intent", "withdraw"],
      ["membershipId", staying.membershipId],
      ["confirm", "yes"],
    ]);
    expect(foreign.status).toBe(400);
    expect((await statusOf(staying.membershipId)).status).toBe("active");

    const done = await call(declarationRoute.action, "/staff/declaration", as, {}, [
      ["intent", "withdraw"],
      ["membershipId", leaving.membershipId],
      ["reason", "I do not agree with the new text."],
      ["confirm", "yes"],
    ]);
    expect(done.status).toBe(303);
    expect(await statusOf(leaving.membershipId)).toEqual({
      status: "ended",
      end_kind: "withdrawn",
    });
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "=", "board_member_withdrew")
      .where("subject", "=", "Leaving board")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain("I do not agree");
    // Access ends at once: the session is gone, the page asks to sign in; the page the
    // withdrawal leads to says it is done and shows nothing of the board.
    const after = await call(declarationRoute.loader, "/staff/declaration", as, {});
    expect(after.status).toBe(302);
    const notice = await call(
      declarationRoute.loader,
      `/staff/declaration?withdrawn=${leaving.membershipId}`,
      as,
      {},
    );
    expect(notice).toEqual({ status: 200, data: { withdrawn: true } });
    // A made-up link (a membership not withdrawn) shows no such notice: sign in first.
    for (const made of [staying.membershipId, "1", crypto.randomUUID()])
      expect(
        (await call(declarationRoute.loader, `/staff/declaration?withdrawn=${made}`, as, {}))
          .status,
      ).toBe(302);
  });
});
