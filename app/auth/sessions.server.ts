import { createCookie } from "@remix-run/node";

import { generateToken, hashToken } from "./tokens.server";
import { staffUserFromRow, type StaffUser } from "./users.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getConfig } from "../platform/config.server";

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn every page view into a write.
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionRow = {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
};
export type SessionState = "active" | "idle_expired" | "absolute_expired";

export function sessionState(
  session: Pick<SessionRow, "created_at" | "last_seen_at">,
  now: Date,
): SessionState {
  const nowMs = now.getTime();
  if (nowMs - Date.parse(session.created_at) >= SESSION_ABSOLUTE_TIMEOUT_MS)
    return "absolute_expired";
  if (nowMs - Date.parse(session.last_seen_at) >= SESSION_IDLE_TIMEOUT_MS) return "idle_expired";
  return "active";
}

function sessionCookie() {
  const { isProduction } = getConfig();
  // The __Host- prefix makes the browser refuse the cookie unless Secure, path=/ and no domain.
  return createCookie(isProduction ? "__Host-portal_session" : "portal_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction,
    path: "/",
  });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 ? value : null;
}

export function serializeSessionCookie(token: string): Promise<string> {
  // No maxAge: a browser session cookie; the server enforces both timeouts.
  return sessionCookie().serialize(token);
}

export function serializeClearedSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Creates a fresh session (a new id at every sign-in) and returns the token for the cookie. */
export async function createSession(
  userId: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ token: string; idHash: string }> {
  const token = generateToken();
  const idHash = hashToken(token);
  const at = now.toISOString();
  await db
    .insertInto("sessions")
    .values({ id_hash: idHash, user_id: userId, created_at: at, last_seen_at: at })
    .execute();
  return { token, idHash };
}

/** Returns the live session for a token, deleting it if it has expired. */
export async function getActiveSession(
  token: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<SessionRow | null> {
  return (await lookUpSession(token, now, db)).session;
}

/**
 * Like getActiveSession, and also names the owner of a session that has just expired (null
 * when the token is unknown, e.g. signed out in another tab), so input posted after the
 * timeout can be kept for that person only.
 */
export async function lookUpSession(
  token: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ session: SessionRow | null; expiredUserId: string | null }> {
  const idHash = hashToken(token);
  const session = await db
    .selectFrom("sessions")
    .selectAll()
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
  if (!session) return { session: null, expiredUserId: null };
  return checkSession(session, now, db);
}

/**
 * Like lookUpSession, and also reads the session's account with its roles and whether it has
 * two-step sign-in, in the same query (one per page instead of three or four). The session is
 * checked, deleted when expired and touched exactly as lookUpSession does; the account is
 * opened as getUserById opens it (decision 046). `user` is null when there is no live session.
 */
export async function lookUpSessionWithUser(
  token: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{
  session: SessionRow | null;
  user: StaffUser | null;
  hasTwoFactor: boolean;
  expiredUserId: string | null;
}> {
  const idHash = hashToken(token);
  const rows = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_roles", "user_roles.user_id", "sessions.user_id")
    .leftJoin("user_totp", "user_totp.user_id", "sessions.user_id")
    .select([
      "sessions.id_hash",
      "sessions.user_id",
      "sessions.created_at",
      "sessions.last_seen_at",
    ])
    .select(["users.email", "users.display_name", "users.email_encrypted"])
    .select(["users.display_name_encrypted", "users.status", "user_roles.role"])
    .select("user_totp.secret_encrypted as totp_secret")
    .where("sessions.id_hash", "=", idHash)
    .execute();
  const first = rows[0];
  if (!first) return { session: null, user: null, hasTwoFactor: false, expiredUserId: null };
  const { session, expiredUserId } = await checkSession(
    {
      id_hash: first.id_hash,
      user_id: first.user_id,
      created_at: first.created_at,
      last_seen_at: first.last_seen_at,
    },
    now,
    db,
  );
  if (!session) return { session, user: null, hasTwoFactor: false, expiredUserId };
  const user = await staffUserFromRow(
    { ...first, id: first.user_id },
    rows.flatMap((row) => (row.role === null ? [] : [row.role])),
  );
  return { session, user, hasTwoFactor: Boolean(first.totp_secret), expiredUserId: null };
}

/** A session read by its hash: deleted when past either timeout, else touched if due. */
async function checkSession(
  session: SessionRow,
  now: Date,
  db: IdentityDb,
): Promise<{ session: SessionRow | null; expiredUserId: string | null }> {
  if (sessionState(session, now) !== "active") {
    await db.deleteFrom("sessions").where("id_hash", "=", session.id_hash).execute();
    return { session: null, expiredUserId: session.user_id };
  }
  return { session: await touchIfDue(session, now, db), expiredUserId: null };
}

/** The moment (ms since epoch) a live session ends if nothing happens. */
export function sessionEndsAt(session: Pick<SessionRow, "created_at" | "last_seen_at">): number {
  return Math.min(
    Date.parse(session.last_seen_at) + SESSION_IDLE_TIMEOUT_MS,
    Date.parse(session.created_at) + SESSION_ABSOLUTE_TIMEOUT_MS,
  );
}

/** Marks the session as used now ("Stay signed in"), whatever the touch interval. */
export async function touchSession(
  idHash: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now.toISOString() })
    .where("id_hash", "=", idHash)
    .execute();
}

/** Deletes sessions past either timeout (they are also deleted when next presented). */
export async function deleteExpiredSessions(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("last_seen_at", "<=", new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS).toISOString()),
        eb("created_at", "<=", new Date(now.getTime() - SESSION_ABSOLUTE_TIMEOUT_MS).toISOString()),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function touchIfDue(session: SessionRow, now: Date, db: IdentityDb): Promise<SessionRow> {
  const idHash = session.id_hash;
  if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
    const lastSeen = now.toISOString();
    await db
      .updateTable("sessions")
      .set({ last_seen_at: lastSeen })
      .where("id_hash", "=", idHash)
      .execute();
    return { ...session, last_seen_at: lastSeen };
  }
  return session;
}

export async function deleteSession(
  idHash: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function deleteOtherSessions(
  userId: string,
  keepIdHash: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id_hash", "!=", keepIdHash)
    .execute();
}

export async function deleteAllSessions(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
