import { beforeAll, describe, expect, it, vi } from "vitest";

import { getStaffContext } from "./guard.server";
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  getActiveSession,
  lookUpSessionWithUser,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  serializeSessionCookie,
  sessionState,
} from "./sessions.server";
import * as sessions from "./sessions.server";
import { hashToken } from "./tokens.server";
import { generateTotpSecret, setTotpSecret } from "./totp.server";
import { insertUser, replaceRoles, setStatus } from "./users.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { countingDb } from "../../tests/unit/counting-db";
import { migrateAll } from "../platform/startup.server";

const minutes = (n: number) => n * 60 * 1000;

describe("sessionState", () => {
  const start = new Date("2026-11-23T08:00:00.000Z");
  const session = { created_at: start.toISOString(), last_seen_at: start.toISOString() };

  it("is active just before 30 idle minutes and expires at 30", () => {
    expect(sessionState(session, new Date(start.getTime() + minutes(29)))).toBe("active");
    expect(sessionState(session, new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS))).toBe(
      "idle_expired",
    );
  });

  it("expires after 12 hours even when used all the time", () => {
    const busy = {
      created_at: start.toISOString(),
      last_seen_at: new Date(start.getTime() + minutes(719)).toISOString(),
    };
    expect(sessionState(busy, new Date(start.getTime() + minutes(719) + 1000))).toBe("active");
    expect(sessionState(busy, new Date(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS))).toBe(
      "absolute_expired",
    );
  });
});

describe("server-side sessions", () => {
  let userId = "";
  beforeAll(async () => {
    await migrateIdentityStore();
    userId = await insertUser(
      { email: "session@example.org", displayName: "S", passwordHash: "x", roles: ["coordinator"] },
      getIdentityDb(),
    );
  });

  it("stores only a hash of a fresh 256-bit token, a new one each time", async () => {
    const a = await createSession(userId);
    const b = await createSession(userId);
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
    const rows = await getIdentityDb().selectFrom("sessions").select("id_hash").execute();
    const stored = rows.map((row) => row.id_hash);
    expect(stored).toContain(hashToken(a.token));
    expect(stored).not.toContain(a.token);
  });

  it("refuses and deletes a session idle for 30 minutes", async () => {
    const start = new Date("2026-11-23T09:00:00.000Z");
    const { token, idHash } = await createSession(userId, start);
    expect(await getActiveSession(token, new Date(start.getTime() + minutes(10)))).not.toBeNull();
    expect(await getActiveSession(token, new Date(start.getTime() + minutes(41)))).toBeNull();
    const row = await getIdentityDb()
      .selectFrom("sessions")
      .selectAll()
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("keeps a session alive while it is used, up to the absolute limit", async () => {
    const start = new Date("2026-11-23T10:00:00.000Z");
    const { token } = await createSession(userId, start);
    for (let m = 20; m < 12 * 60; m += 20) {
      expect(await getActiveSession(token, new Date(start.getTime() + minutes(m)))).not.toBeNull();
    }
    expect(await getActiveSession(token, new Date(start.getTime() + minutes(12 * 60)))).toBeNull();
  });

  it("signs out every other session of the person", async () => {
    const keep = await createSession(userId);
    const other = await createSession(userId);
    await deleteOtherSessions(userId, keep.idHash);
    expect(await getActiveSession(keep.token)).not.toBeNull();
    expect(await getActiveSession(other.token)).toBeNull();
  });
});

describe("the loaders of one page", () => {
  let userId = "";
  beforeAll(async () => {
    await migrateIdentityStore();
    userId = await insertUser(
      { email: "loaders@example.org", displayName: "L", passwordHash: "x", roles: ["coordinator"] },
      getIdentityDb(),
    );
  });

  const requestWith = async (token: string, method = "GET") =>
    new Request("http://portal.test/en/staff", {
      method,
      headers: { Cookie: (await serializeSessionCookie(token)).split(";")[0]! },
    });

  it("share one lookup of the session, and a page loaded after sign-out is signed out", async () => {
    const { token } = await createSession(userId);
    const reads = vi.spyOn(sessions, "lookUpSessionWithUser");
    try {
      // The root's loader and the route's start together, each with its own Request.
      const [root, route] = await Promise.all([
        getStaffContext(await requestWith(token)),
        getStaffContext(await requestWith(token)),
      ]);
      expect(root?.user.id).toBe(userId);
      expect(route?.user.id).toBe(userId);
      expect(reads).toHaveBeenCalledTimes(1);
      // Nothing is kept once the lookup is over: the next page reads afresh.
      await getStaffContext(await requestWith(token));
      expect(reads).toHaveBeenCalledTimes(2);
      // Two actions never share: each reads for itself.
      await Promise.all([
        getStaffContext(await requestWith(token, "POST")),
        getStaffContext(await requestWith(token, "POST")),
      ]);
      expect(reads).toHaveBeenCalledTimes(4);
      await deleteSession(hashToken(token));
      expect(await getStaffContext(await requestWith(token))).toBeNull();
    } finally {
      reads.mockRestore();
    }
  });
});

describe("a page's session lookup", () => {
  beforeAll(async () => {
    await migrateAll();
  });

  it("reads the session, the account, its roles and two-step sign-in in one query, afresh each time", async () => {
    const db = getIdentityDb();
    const id = await insertUser(
      {
        email: "one-query@example.org",
        displayName: "Q",
        passwordHash: "x",
        roles: ["coordinator"],
      },
      db,
    );
    const start = new Date("2026-11-30T08:00:00.000Z");
    const { token, idHash } = await createSession(id, start);
    const counted = countingDb(getIdentityDb());
    const first = await lookUpSessionWithUser(token, new Date(start.getTime() + 1000), counted.db);
    expect(counted.queries()).toBe(1);
    expect(first).toMatchObject({
      session: { id_hash: idHash, user_id: id },
      user: { id, email: "one-query@example.org", displayName: "Q", status: "active" },
      hasTwoFactor: false,
      expiredUserId: null,
    });
    expect(first.user!.roles).toEqual(["coordinator"]);

    // A role added, two-step sign-in turned on: seen on the next lookup.
    await replaceRoles(id, ["coordinator", "admin"], db);
    await setTotpSecret(id, generateTotpSecret(), start, db);
    const second = await lookUpSessionWithUser(token, new Date(start.getTime() + 2000), db);
    expect(second.user!.roles).toEqual(["admin", "coordinator"]);
    expect(second.hasTwoFactor).toBe(true);

    // No roles at all still finds the account; a disabled account is read as disabled.
    await replaceRoles(id, [], db);
    await setStatus(id, "disabled", db);
    const third = await lookUpSessionWithUser(token, new Date(start.getTime() + 3000), db);
    expect(third.user).toMatchObject({ id, status: "disabled", roles: [] });

    // Touched once a minute has passed (a second query), as getActiveSession does.
    const later = new Date(start.getTime() + minutes(2));
    const touching = countingDb(getIdentityDb());
    const fourth = await lookUpSessionWithUser(token, later, touching.db);
    expect(fourth.session!.last_seen_at).toBe(later.toISOString());
    expect(touching.queries()).toBe(2);

    // Past the idle timeout: deleted, and the owner named for kept input (decision 013).
    const expired = await lookUpSessionWithUser(token, new Date(later.getTime() + minutes(30)), db);
    expect(expired).toEqual({ session: null, user: null, hasTwoFactor: false, expiredUserId: id });
    expect(await getActiveSession(token, later)).toBeNull();
    expect(await lookUpSessionWithUser("x".repeat(43), later, db)).toEqual({
      session: null,
      user: null,
      hasTwoFactor: false,
      expiredUserId: null,
    });
  });

  it("opens a sealed account under its own key (decision 046)", async () => {
    const db = getIdentityDb();
    const id = await insertUser(
      {
        email: "sealed-lookup@example.org",
        displayName: "Sealed Person",
        passwordHash: "x",
        roles: ["board_member"],
        sealed: true,
      },
      db,
    );
    const { token } = await createSession(id);
    const found = await lookUpSessionWithUser(token);
    expect(found.user).toMatchObject({
      id,
      email: "sealed-lookup@example.org",
      displayName: "Sealed Person",
      roles: ["board_member"],
    });
    const raw = await db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(raw.email).toBe(`${id}@sealed.invalid`);
  });
});
