import { beforeAll, describe, expect, it } from "vitest";

import { scheduleTestMeeting } from "./meeting-test-helpers";
import { endGuestAccess, guestAccessDays, inviteGuest } from "./meetings.commands.server";
import type { Meeting } from "./meetings.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { setAccountEnabled } from "../auth/auth.commands.server";
import { createSession } from "../auth/sessions.server";
import { getUserById, insertUser, type StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// Monday 30.11.2026; the meetings are on 14.12.2026 and 11.01.2027 at 10:00 in Tirana.
const NOW = new Date("2026-11-30T11:00:00Z");

const schedule = (secretariat: StaffUser, boardId: string, date: string, invitee: string) =>
  scheduleTestMeeting(secretariat, boardId, date, [invitee], db(), NOW);

const idOf = async (email: string) =>
  (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow())
    .id;

describe("guest accounts end once their meeting is over", () => {
  let secretariat: StaffUser;
  let first: Meeting;
  let second: Meeting;
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 1, db(), "Guests board");
    first = await schedule(secretariat, made.board.id, "2026-12-14", made.members[0]!.user.id);
    second = await schedule(secretariat, made.board.id, "2027-01-11", made.members[0]!.user.id);
  });

  it("disables a guest-only account and signs it out some days after its last meeting, and only takes the guest role from someone who has another", async () => {
    expect(guestAccessDays({})).toBe(7);
    expect(guestAccessDays({ GUEST_ACCESS_DAYS: "2" })).toBe(2);
    expect(guestAccessDays({ GUEST_ACCESS_DAYS: "-1" })).toBe(7);
    const guest = {
      guestName: "Vizitor",
      guestEmail: `g-${crypto.randomUUID()}@t.example`,
      guestLang: "sq" as const,
    };
    expect((await inviteGuest(secretariat, first, guest, db(), NOW)).ok).toBe(true);
    const guestId = await idOf(guest.guestEmail);
    // Invited again to the same meeting: refused, and the link they were sent still works
    // (before, it was replaced by one nobody sent them).
    const link = () =>
      db()
        .selectFrom("invitations")
        .select("token_hash")
        .where("user_id", "=", guestId)
        .where("used_at", "is", null)
        .execute();
    const sent = await link();
    expect(sent).toHaveLength(1);
    expect(await inviteGuest(secretariat, first, guest, db(), NOW)).toEqual({
      ok: false,
      errors: { guestEmail: "meetings:errors.guest_already_invited" },
    });
    expect(await link()).toEqual(sent);
    // A guest invited to two meetings keeps access until the later one is over.
    const twice = { ...guest, guestEmail: `g2-${crypto.randomUUID()}@t.example` };
    expect((await inviteGuest(secretariat, first, twice, db(), NOW)).ok).toBe(true);
    expect((await inviteGuest(secretariat, second, twice, db(), NOW)).ok).toBe(true);
    const twiceId = await idOf(twice.guestEmail);
    // Someone with another role invited as a guest.
    const reviewerEmail = `r-${crypto.randomUUID()}@t.example`;
    const reviewerId = await insertUser(
      { email: reviewerEmail, displayName: "Reviewer", passwordHash: "x", roles: ["reviewer"] },
      db(),
    );
    expect(
      (await inviteGuest(secretariat, first, { ...guest, guestEmail: reviewerEmail }, db(), NOW))
        .ok,
    ).toBe(true);
    await createSession(guestId, NOW, db());

    // During the meeting and the days after it, nothing changes.
    expect(await endGuestAccess(db(), new Date("2026-12-20T09:00:00Z"), 7)).toBe(0);
    expect((await getUserById(guestId))!.status).not.toBe("disabled");

    // A week after it: the guest-only account is disabled and signed out; the reviewer stays a reviewer.
    expect(await endGuestAccess(db(), new Date("2026-12-21T10:00:00Z"), 7)).toBe(2);
    expect((await getUserById(guestId))!.status).toBe("disabled");
    expect(
      await db().selectFrom("sessions").select("user_id").where("user_id", "=", guestId).execute(),
    ).toEqual([]);
    const reviewer = (await getUserById(reviewerId))!;
    expect(reviewer.status).not.toBe("disabled");
    expect(reviewer.roles).toEqual(["reviewer"]);
    expect((await getUserById(twiceId))!.status).not.toBe("disabled");
    // Run again: nothing more to do until the second meeting is over too.
    expect(await endGuestAccess(db(), new Date("2026-12-22T10:00:00Z"), 7)).toBe(0);
    expect(await endGuestAccess(db(), new Date("2027-01-19T10:00:00Z"), 7)).toBe(1);
    expect((await getUserById(twiceId))!.status).toBe("disabled");
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "actor_user_id", "details"])
      .where("subject", "=", guest.guestEmail)
      .where("action", "=", "account_disabled")
      .execute();
    expect(audit).toEqual([
      {
        action: "account_disabled",
        actor_user_id: null,
        details: '{"reason":"guest_meeting_over"}',
      },
    ]);
  });

  it("enables a guest whose access ended when they are invited to a later meeting (a new link if they never set a password), audited, but not an account an admin disabled", async () => {
    const made = await makeBoardWithMembers(secretariat, 1, db(), "Guests again board");
    const member = made.members[0]!.user.id;
    const earlier = await schedule(secretariat, made.board.id, "2026-12-14", member);
    const later = await schedule(secretariat, made.board.id, "2027-02-08", member);
    const afterEnd = new Date("2026-12-22T10:00:00Z");
    const unusedLinks = async (userId: string) =>
      (
        await db()
          .selectFrom("invitations")
          .select("token_hash")
          .where("user_id", "=", userId)
          .where("used_at", "is", null)
          .execute()
      ).map((l) => l.token_hash);
    const mails = async () => (await db().selectFrom("outbox").select("id").execute()).length;

    // One guest never chose a password, the other did; both had their access ended.
    const neverSignedIn = { guestName: "A", guestEmail: `n-${crypto.randomUUID()}@t.example` };
    const signedIn = { guestName: "B", guestEmail: `s-${crypto.randomUUID()}@t.example` };
    const signedInId = await insertUser(
      { email: signedIn.guestEmail, displayName: "B", passwordHash: "x", roles: ["guest"] },
      db(),
    );
    for (const guest of [neverSignedIn, signedIn])
      expect(
        (await inviteGuest(secretariat, earlier, { ...guest, guestLang: "en" }, db(), NOW)).ok,
      ).toBe(true);
    const neverId = await idOf(neverSignedIn.guestEmail);
    await endGuestAccess(db(), afterEnd, 7);
    expect((await getUserById(neverId))!.status).toBe("disabled");
    expect((await getUserById(signedInId))!.status).toBe("disabled");

    const linksBefore = await unusedLinks(neverId);
    const mailsBefore = await mails();
    for (const guest of [neverSignedIn, signedIn])
      expect(
        await inviteGuest(secretariat, later, { ...guest, guestLang: "en" }, db(), afterEnd),
      ).toEqual({ ok: true });
    // The one without a password can set one again through a new link; the other signs in.
    expect((await getUserById(neverId))!.status).toBe("invited");
    const links = await unusedLinks(neverId);
    expect(links).toHaveLength(1);
    expect(links).not.toEqual(linksBefore);
    expect((await getUserById(signedInId))!.status).toBe("active");
    expect(await unusedLinks(signedInId)).toEqual([]);
    expect(await mails()).toBe(mailsBefore + 2);
    const enabled = await db()
      .selectFrom("audit_events")
      .select(["subject", "actor_user_id", "details"])
      .where("action", "=", "account_enabled")
      .where("subject", "in", [neverSignedIn.guestEmail, signedIn.guestEmail])
      .execute();
    expect(enabled).toHaveLength(2);
    expect(enabled.every((e) => e.actor_user_id === secretariat.id)).toBe(true);
    expect(enabled.every((e) => e.details === '{"reason":"guest_invited_again"}')).toBe(true);
    // Their new meeting keeps them in until it is over.
    expect(await endGuestAccess(db(), new Date("2027-01-10T10:00:00Z"), 7)).toBe(0);
    expect((await getUserById(signedInId))!.status).toBe("active");

    // An account an admin disabled stays disabled: the secretariat is told to ask an admin.
    const admin = (await getUserById(
      await insertUser(
        {
          email: `a-${crypto.randomUUID()}@t.example`,
          displayName: "Admin",
          passwordHash: "x",
          roles: ["admin"],
        },
        db(),
      ),
    ))!;
    expect((await setAccountEnabled(admin, signedInId, false, db())).ok).toBe(true);
    const third = await schedule(secretariat, made.board.id, "2027-03-08", member);
    expect(
      await inviteGuest(secretariat, third, { ...signedIn, guestLang: "en" }, db(), afterEnd),
    ).toEqual({ ok: false, errors: { guestEmail: "meetings:errors.guest_disabled" } });
    expect((await getUserById(signedInId))!.status).toBe("disabled");
  });
});
