import { beforeAll, describe, expect, it, vi } from "vitest";

import { getStaffContext } from "./guard.server";
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  getActiveSession,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  serializeSessionCookie,
  sessionState,
} from "./sessions.server";
import { hashToken } from "./tokens.server";
import * as users from "./users.server";
import { insertUser } from "./users.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";

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
    const reads = vi.spyOn(users, "getUserById");
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
