import { beforeAll, describe, expect, it } from "vitest";

import { resetStaffPassword } from "./accounts-cli.server";
import { signIn } from "./auth.commands.server";
import { requireUser } from "./guard.server";
import { hashPassword } from "./password.server";
import { createSession, getActiveSession, serializeSessionCookie } from "./sessions.server";
import { readChallenge, serializeChallengeCookie } from "./sign-in-challenges.server";
import { startTotpEnrolment, totpCode } from "./totp.server";
import { formatRecoveryCode } from "./two-factor";
import {
  completeSignInWithCode,
  completeSignInWithEnrolment,
  resetTwoFactor,
} from "./two-factor.commands.server";
import { getUserById, insertUser, type StaffUser } from "./users.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";

const PASSWORD = "a long enough test passphrase";
const noWait = () => Promise.resolve();
let admin: StaffUser;

async function makeUser(email: string, roles: StaffUser["roles"]) {
  const id = await insertUser(
    { email, displayName: email, passwordHash: await hashPassword(PASSWORD), roles },
    getIdentityDb(),
  );
  return (await getUserById(id))!;
}

/** Signs in with the password and returns the challenge, as the browser's cookie names it. */
async function passwordStep(email: string, now: Date) {
  const result = await signIn({ email, password: PASSWORD }, { now, wait: noWait });
  if (!result.ok || result.next === "session") throw new Error("expected a second step");
  const cookie = (await serializeChallengeCookie(result.challengeToken)).split(";")[0]!;
  const challenge = await readChallenge(
    new Request("http://x/", { headers: { Cookie: cookie } }),
    now,
  );
  return { next: result.next, challenge: challenge! };
}

async function auditActions(): Promise<string[]> {
  const rows = await getIdentityDb().selectFrom("audit_events").select("action").execute();
  return rows.map((row) => row.action);
}

/** Enrols a person through sign-in at `now`; returns the secret and the recovery codes. */
async function enrol(email: string, now: Date) {
  const { next, challenge } = await passwordStep(email, now);
  expect(next).toBe("enrol");
  const secret = await startTotpEnrolment(challenge.user_id, now);
  const result = await completeSignInWithEnrolment(challenge, totpCode(secret, now), { now });
  if (!result.ok) throw new Error(`enrolment refused: ${result.reason}`);
  return { secret, recoveryCodes: result.recoveryCodes, token: result.token };
}

beforeAll(async () => {
  await migrateIdentityStore();
  admin = await makeUser("admin-2fa@example.org", ["admin"]);
});

describe("two-step sign-in", () => {
  it("a reviewer without it must enrol after the password; the session exists only after a right code", async () => {
    await makeUser("reviewer@example.org", ["reviewer"]);
    const now = new Date("2026-11-29T10:00:10Z");
    const { next, challenge } = await passwordStep("reviewer@example.org", now);
    expect(next).toBe("enrol");
    expect(await getIdentityDb().selectFrom("sessions").selectAll().execute()).toHaveLength(0);
    const secret = await startTotpEnrolment(challenge.user_id, now);
    // Opening the page again shows the same secret, not a new one.
    expect(await startTotpEnrolment(challenge.user_id, now)).toBe(secret);
    expect(await completeSignInWithEnrolment(challenge, "000000", { now })).toMatchObject({
      ok: false,
    });
    const done = await completeSignInWithEnrolment(challenge, totpCode(secret, now), { now });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await getActiveSession(done.token, now)).not.toBeNull();
    // The secret is stored encrypted, the recovery codes hashed.
    const stored =
      JSON.stringify(await getIdentityDb().selectFrom("user_totp").selectAll().execute()) +
      JSON.stringify(await getIdentityDb().selectFrom("recovery_codes").selectAll().execute());
    expect(stored).not.toContain(secret);
    for (const code of done.recoveryCodes) expect(stored).not.toContain(code);
  });

  it("refuses the same code twice (replay), but takes the next one", async () => {
    await makeUser("replay@example.org", ["secretariat"]);
    const now = new Date("2026-11-29T11:00:05Z");
    const { secret } = await enrol("replay@example.org", now);
    // The enrolment used the current step's code: signing in with it again is a replay.
    const first = await passwordStep("replay@example.org", now);
    expect(first.next).toBe("code");
    expect(await completeSignInWithCode(first.challenge, totpCode(secret, now), { now })).toEqual({
      ok: false,
      reason: "used",
    });
    const next = new Date(now.getTime() + 30_000);
    const result = await completeSignInWithCode(first.challenge, totpCode(secret, next), { now });
    expect(result).toMatchObject({ ok: true });
    // And the challenge is over: it cannot make a second session.
    expect(
      await completeSignInWithCode(
        first.challenge,
        totpCode(secret, new Date(now.getTime() - 30_000)),
        {
          now,
        },
      ),
    ).toEqual({ ok: false, reason: "expired" });
    expect(await auditActions()).toContain("two_factor_failed");
  });

  it("a recovery code works once, in any case and with dashes", async () => {
    await makeUser("recovery@example.org", ["admin"]);
    const now = new Date("2026-11-29T12:00:00Z");
    const { recoveryCodes } = await enrol("recovery@example.org", now);
    const typed = formatRecoveryCode(recoveryCodes[3]!).toUpperCase();
    const once = await passwordStep("recovery@example.org", now);
    expect(await completeSignInWithCode(once.challenge, typed, { now })).toMatchObject({
      ok: true,
      remainingRecoveryCodes: 9,
    });
    const twice = await passwordStep("recovery@example.org", now);
    expect(await completeSignInWithCode(twice.challenge, typed, { now })).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(await auditActions()).toContain("recovery_code_used");
  });

  it("five wrong codes lock the second step for 15 minutes, even for the right code", async () => {
    await makeUser("throttle@example.org", ["reviewer"]);
    const now = new Date("2026-11-29T13:00:00Z");
    const { secret } = await enrol("throttle@example.org", now);
    const later = new Date(now.getTime() + 60_000);
    const { challenge } = await passwordStep("throttle@example.org", later);
    const reasons = [];
    for (let i = 0; i < 5; i += 1) {
      reasons.push(
        (await completeSignInWithCode(challenge, "000000", { now: later })) as {
          reason: string;
        },
      );
    }
    expect(reasons.map((r) => r.reason)).toEqual(["wrong", "wrong", "wrong", "wrong", "locked"]);
    expect(
      await completeSignInWithCode(challenge, totpCode(secret, later), { now: later }),
    ).toEqual({ ok: false, reason: "locked" });
    const after = new Date(later.getTime() + 15 * 60_000 + 1000);
    const again = await passwordStep("throttle@example.org", after);
    expect(
      await completeSignInWithCode(again.challenge, totpCode(secret, after), { now: after }),
    ).toMatchObject({ ok: true });
  });

  it("an admin reset removes it, ends the person's sessions, is audited, and forces enrolment again", async () => {
    await makeUser("lost-phone@example.org", ["reviewer"]);
    const now = new Date("2026-11-29T14:00:00Z");
    const { token } = await enrol("lost-phone@example.org", now);
    const target = (await getIdentityDb()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lost-phone@example.org")
      .executeTakeFirst())!;
    expect(await resetTwoFactor(admin, target.id)).toEqual({ ok: true });
    expect(await getActiveSession(token, now)).toBeNull();
    expect(await auditActions()).toContain("two_factor_reset");
    expect((await passwordStep("lost-phone@example.org", now)).next).toBe("enrol");
    expect(await resetTwoFactor(admin, admin.id)).toMatchObject({ ok: false });
  });

  it("a session of a person whose role requires it but who has none opens only the setup page", async () => {
    const reviewer = await makeUser("role-added@example.org", ["coordinator", "reviewer"]);
    const { token } = await createSession(reviewer.id);
    const cookie = (await serializeSessionCookie(token)).split(";")[0]!;
    const get = (path: string) =>
      requireUser(
        new Request(`http://x${path}`, { headers: { Cookie: cookie } }),
        "account:manage",
      );
    const refused = await get("/en/staff/account").catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).headers.get("Location")).toBe("/en/staff/account/two-factor");
    await expect(get("/en/staff/account/two-factor")).resolves.toMatchObject({
      mustSetUpTwoFactor: true,
    });
  });

  it("the command-line password reset also resets two-step sign-in, audited (the last admin's way back in)", async () => {
    await makeUser("last-admin@example.org", ["admin"]);
    const now = new Date("2026-11-29T15:00:00Z");
    await enrol("last-admin@example.org", now);
    const result = await resetStaffPassword("last-admin@example.org", "another long passphrase");
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toContain("Two-step sign-in was reset");
    expect(
      (await passwordStep2("last-admin@example.org", "another long passphrase", now)).next,
    ).toBe("enrol");
    expect(await auditActions()).toContain("two_factor_reset");
  });
});

async function passwordStep2(email: string, password: string, now: Date) {
  const result = await signIn({ email, password }, { now, wait: noWait });
  if (!result.ok) throw new Error("password refused");
  return result;
}
