import { beforeAll, describe, expect, it } from "vitest";

import {
  acceptInvitation,
  changePassword,
  changeRoles,
  checkInvitation,
  checkPasswordReset,
  inviteUser,
  requestPasswordReset,
  resendInvitation,
  resetPassword,
  setAccountEnabled,
  signIn,
} from "./auth.commands.server";
import { hashPassword } from "./password.server";
import { createSession, getActiveSession } from "./sessions.server";
import { getUserById, insertUser, type StaffUser } from "./users.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { getOutboxMessage, listOutbox } from "../platform/email.server";

const PASSWORD = "a long enough test passphrase";
let admin: StaffUser;
const noWait = () => Promise.resolve();

async function auditActions(): Promise<string[]> {
  const rows = await getIdentityDb()
    .selectFrom("audit_events")
    .select("action")
    .orderBy("occurred_at")
    .execute();
  return rows.map((row) => row.action);
}

async function invitationTokenFor(email: string): Promise<string> {
  const message = (await listOutbox()).find((m) => m.recipient === email);
  return /invitations\/([\w-]+)/.exec((await getOutboxMessage(message!.id))!.body)![1]!;
}

beforeAll(async () => {
  await migrateIdentityStore();
  const id = await insertUser(
    {
      email: "admin@example.org",
      displayName: "Admin",
      passwordHash: await hashPassword(PASSWORD),
      roles: ["admin"],
    },
    getIdentityDb(),
  );
  admin = (await getUserById(id))!;
});

describe("signIn", () => {
  it("accepts the right password case-insensitively by email, but an admin without two-step sign-in must set it up before any session exists", async () => {
    const result = await signIn({ email: " Admin@Example.org ", password: PASSWORD });
    expect(result).toMatchObject({ ok: true, next: "enrol" });
    expect(result).not.toHaveProperty("token");
    expect(await auditActions()).not.toContain("sign_in");
  });

  it("creates a session at once for a role that does not require two-step sign-in, and audits it", async () => {
    await insertUser(
      {
        email: "coordinator@example.org",
        displayName: "Coordinator",
        passwordHash: await hashPassword(PASSWORD),
        roles: ["coordinator"],
      },
      getIdentityDb(),
    );
    const result = await signIn({ email: "coordinator@example.org", password: PASSWORD });
    expect(result).toMatchObject({ ok: true, next: "session" });
    expect(await getActiveSession((result as { token: string }).token)).not.toBeNull();
    expect(await auditActions()).toContain("sign_in");
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const unknown = await signIn(
      { email: "nobody@example.org", password: PASSWORD },
      { wait: noWait },
    );
    const wrong = await signIn(
      { email: "admin@example.org", password: "wrong password here" },
      { wait: noWait },
    );
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows after 5 failures and locks after 8, even for the right password", async () => {
    const waits: number[] = [];
    const wait = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const email = "locked@example.org";
    await insertUser(
      { email, displayName: "L", passwordHash: await hashPassword(PASSWORD), roles: ["reviewer"] },
      getIdentityDb(),
    );
    const results = [];
    for (let i = 0; i < 8; i += 1)
      results.push(await signIn({ email, password: `wrong ${i} password` }, { wait }));
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn({ email, password: PASSWORD }, { wait })).toMatchObject({
      ok: false,
      reason: "locked",
    });
  });

  it("keeps the lock after a restart (it lives in the database)", async () => {
    const email = "restart@example.org";
    for (let i = 0; i < 8; i += 1)
      await signIn({ email, password: "x".repeat(12) }, { wait: noWait });
    const rows = await getIdentityDb().selectFrom("sign_in_throttle").selectAll().execute();
    expect(rows.some((row) => row.locked_until !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(email);
  });
});

describe("invitations", () => {
  it("creates an invited account and puts an encrypted link in the outbox", async () => {
    const result = await inviteUser(admin, {
      email: "new@example.org",
      displayName: "New",
      roles: ["coordinator"],
      lang: "en",
    });
    expect(result).toEqual({ ok: true, value: { delivery: "outbox" } });
    const [message] = await listOutbox();
    const raw = await getIdentityDb()
      .selectFrom("outbox")
      .select("body_encrypted")
      .where("id", "=", message!.id)
      .executeTakeFirstOrThrow();
    expect(raw.body_encrypted).not.toContain("/staff/invitations/");
    const body = (await getOutboxMessage(message!.id))!.body;
    expect(body).toMatch(/\/en\/staff\/invitations\/[\w-]{43}/);
  });

  it("offers to send again to someone who has not accepted yet, instead of refusing", async () => {
    const result = await inviteUser(admin, {
      email: "NEW@example.org",
      displayName: "Again",
      roles: ["reviewer"],
      lang: "sq",
    });
    expect(result).toMatchObject({ ok: false, pendingInvitation: { email: "new@example.org" } });
    const first = await invitationTokenFor("new@example.org");
    const userId = "pendingInvitation" in result ? result.pendingInvitation.userId : "";
    expect(await resendInvitation(admin, userId, "sq")).toMatchObject({ ok: true });
    // The new link works; the old one is void.
    expect((await checkInvitation(first)).state).toBe("unknown");
    const [newest] = await listOutbox();
    const body = (await getOutboxMessage(newest!.id))!.body;
    expect(body).toMatch(/\/staff\/invitations\/[\w-]{43}/);
    expect(body).not.toMatch(/\/en\/staff/);
    expect(newest!.subject).toBe("Ftesa juaj për Zëri juaj");
  });

  it("refuses a second account for an address that has accepted", async () => {
    await inviteUser(admin, {
      email: "taken@example.org",
      displayName: "Taken",
      roles: ["reviewer"],
      lang: "en",
    });
    await acceptInvitation(await invitationTokenFor("taken@example.org"), PASSWORD);
    const result = await inviteUser(admin, {
      email: "taken@example.org",
      displayName: "Again",
      roles: ["reviewer"],
      lang: "en",
    });
    expect(result).toEqual({ ok: false, errors: { email: "auth:errors.email_taken" } });
  });

  it("attaches an invited coordinator to the chosen organisations, and names them in the audit", async () => {
    const db = getIdentityDb();
    const organisationId = "5b0f1d2e-0000-4000-8000-000000000001";
    await db
      .insertInto("organisations")
      .values({ id: organisationId, name: "Shelter North", type: "ngo", created_at: "2026-01-01" })
      .execute();
    await inviteUser(admin, {
      email: "coord@example.org",
      displayName: "Coord",
      roles: ["coordinator"],
      organisations: [organisationId],
      lang: "en",
    });
    const members = await db
      .selectFrom("organisation_members")
      .innerJoin("users", "users.id", "organisation_members.user_id")
      .select("users.email")
      .where("organisation_id", "=", organisationId)
      .execute();
    expect(members.map((m) => m.email)).toEqual(["coord@example.org"]);
    const audit = await db
      .selectFrom("audit_events")
      .select(["subject"])
      .where("action", "=", "organisation_members_changed")
      .execute();
    expect(audit.map((a) => a.subject)).toContain("Shelter North");
  });

  it("accepts a strong password once, refuses a weak one, and the link cannot be reused", async () => {
    await inviteUser(admin, {
      email: "once@example.org",
      displayName: "Once",
      roles: ["reviewer"],
      lang: "sq",
    });
    const token = await invitationTokenFor("once@example.org");
    expect(await acceptInvitation(token, "password1234")).toEqual({
      ok: false,
      errors: { password: "auth:errors.password_too_common" },
    });
    expect(await acceptInvitation(token, PASSWORD)).toEqual({
      ok: true,
      value: { email: "once@example.org" },
    });
    expect(await acceptInvitation(token, PASSWORD)).toEqual({ ok: false, state: "used" });
    expect(await signIn({ email: "once@example.org", password: PASSWORD })).toMatchObject({
      ok: true,
    });
  });

  it("refuses an expired invitation", async () => {
    await inviteUser(admin, {
      email: "late@example.org",
      displayName: "Late",
      roles: ["reviewer"],
      lang: "sq",
    });
    const token = await invitationTokenFor("late@example.org");
    await getIdentityDb()
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("used_at", "is", null)
      .execute();
    expect(await acceptInvitation(token, PASSWORD)).toEqual({ ok: false, state: "expired" });
  });
});

describe("roles and accounts", () => {
  it("changes roles and audits before and after", async () => {
    const id = await insertUser(
      { email: "roles@example.org", displayName: "R", passwordHash: null, roles: ["reviewer"] },
      getIdentityDb(),
    );
    expect(await changeRoles(admin, { userId: id, roles: ["reviewer", "secretariat"] })).toEqual({
      ok: true,
      value: null,
    });
    expect((await getUserById(id))!.roles).toEqual(["secretariat", "reviewer"]);
    const event = await getIdentityDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "roles_changed")
      .where("subject", "=", "roles@example.org")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.details!)).toEqual({
      before: ["reviewer"],
      after: ["reviewer", "secretariat"],
    });
  });

  it("does not let an admin remove their own admin role or disable themselves", async () => {
    expect(await changeRoles(admin, { userId: admin.id, roles: ["coordinator"] })).toEqual({
      ok: false,
      errors: { roles: "auth:errors.cannot_remove_own_admin" },
    });
    expect(await setAccountEnabled(admin, admin.id, false)).toEqual({
      ok: false,
      errors: { userId: "auth:errors.cannot_disable_self" },
    });
  });

  it("disabling an account ends its sessions and stops sign-in", async () => {
    const id = await insertUser(
      {
        email: "leaver@example.org",
        displayName: "Leaver",
        passwordHash: await hashPassword(PASSWORD),
        roles: ["reviewer"],
      },
      getIdentityDb(),
    );
    const { token } = await createSession(id);
    expect(await setAccountEnabled(admin, id, false)).toEqual({ ok: true, value: null });
    expect(await getActiveSession(token)).toBeNull();
    expect(
      await signIn({ email: "leaver@example.org", password: PASSWORD }, { wait: noWait }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("changing a password checks the current one and signs out other sessions", async () => {
    const id = await insertUser(
      {
        email: "changer@example.org",
        displayName: "C",
        passwordHash: await hashPassword(PASSWORD),
        roles: ["reviewer"],
      },
      getIdentityDb(),
    );
    const user = (await getUserById(id))!;
    const current = await createSession(id);
    const other = await createSession(id);
    expect(
      await changePassword(user, current.idHash, {
        currentPassword: "wrong wrong wrong",
        password: "another fine passphrase",
      }),
    ).toEqual({
      ok: false,
      errors: { currentPassword: "auth:errors.current_password_wrong" },
    });
    expect(await getActiveSession(other.token)).not.toBeNull();
    expect(
      await changePassword(user, current.idHash, {
        currentPassword: PASSWORD,
        password: "another fine passphrase",
      }),
    ).toEqual({ ok: true, value: null });
    expect(await getActiveSession(current.token)).not.toBeNull();
    expect(await getActiveSession(other.token)).toBeNull();
  });
});

describe("sign-in attempts sent in parallel", () => {
  it("check at most 8 passwords; the rest are refused unchecked", async () => {
    const email = "parallel@example.org";
    await insertUser(
      { email, displayName: "P", passwordHash: await hashPassword(PASSWORD), roles: ["reviewer"] },
      getIdentityDb(),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn({ email, password: `wrong password ${i}` }, { wait: noWait }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(7);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(13);
    expect(await signIn({ email, password: PASSWORD }, { wait: noWait })).toMatchObject({
      ok: false,
      reason: "locked",
    });
  });
});

describe("password reset links", () => {
  async function resetTokenFor(email: string): Promise<string | null> {
    const message = (await listOutbox()).find(
      (m) => m.recipient === email && /password/i.test(m.subject),
    );
    if (!message) return null;
    return /reset-password\/([\w-]+)/.exec((await getOutboxMessage(message.id))!.body)?.[1] ?? null;
  }

  it("stores only the hash, works once within the hour, and ends every session", async () => {
    const id = await insertUser(
      {
        email: "forgot@example.org",
        displayName: "F",
        passwordHash: await hashPassword(PASSWORD),
        roles: ["reviewer"],
      },
      getIdentityDb(),
    );
    const session = await createSession(id);
    const { delivered } = await requestPasswordReset({ email: "Forgot@Example.org" }, "en");
    expect(await delivered).toBe("outbox");
    const token = (await resetTokenFor("forgot@example.org"))!;
    expect(token).toMatch(/^[\w-]{43}$/);
    const stored = await getIdentityDb().selectFrom("password_resets").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await resetPassword(token, "another long passphrase here")).toEqual({
      ok: true,
      value: { email: "forgot@example.org" },
    });
    expect(await getActiveSession(session.token)).toBeNull();
    expect(await resetPassword(token, "yet another long passphrase")).toEqual({
      ok: false,
      state: "used",
    });
    expect(await auditActions()).toContain("password_reset_completed");
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const before = (await listOutbox()).length;
    const { delivered } = await requestPasswordReset({ email: "nobody@example.org" }, "sq");
    expect(await delivered).toBe("none");
    expect((await listOutbox()).length).toBe(before);
  });

  it("sends at most three links an hour per account, and only the newest works", async () => {
    await insertUser(
      { email: "many@example.org", displayName: "M", passwordHash: "x", roles: ["reviewer"] },
      getIdentityDb(),
    );
    const first = await requestPasswordReset({ email: "many@example.org" }, "en");
    await first.delivered;
    const firstToken = (await resetTokenFor("many@example.org"))!;
    for (let i = 0; i < 3; i += 1) {
      await (
        await requestPasswordReset({ email: "many@example.org" }, "en")
      ).delivered;
    }
    const sent = (await listOutbox()).filter((m) => m.recipient === "many@example.org");
    expect(sent).toHaveLength(3);
    expect(await checkPasswordReset(firstToken)).toMatchObject({ state: "expired" });
  });

  it("refuses a link after one hour", async () => {
    await insertUser(
      { email: "slow@example.org", displayName: "S", passwordHash: "x", roles: ["reviewer"] },
      getIdentityDb(),
    );
    await (
      await requestPasswordReset({ email: "slow@example.org" }, "en")
    ).delivered;
    const token = (await resetTokenFor("slow@example.org"))!;
    await getIdentityDb()
      .updateTable("password_resets")
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .execute();
    expect(await resetPassword(token, "another long passphrase here")).toEqual({
      ok: false,
      state: "expired",
    });
  });
});
