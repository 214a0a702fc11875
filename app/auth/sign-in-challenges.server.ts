import { createCookie } from "@remix-run/node";

import { generateToken, hashToken } from "./tokens.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getConfig } from "../platform/config.server";

/**
 * The short-lived state between a right password and the second step (decision 020). It
 * grants nothing: no session exists until the second step is done. The browser holds only a
 * random token in a cookie of its own; the server keeps its hash with the person, the stage
 * ("code" or "enrol"), where to go afterwards and the kept-input token, for 15 minutes.
 */
export const CHALLENGE_LIFETIME_MS = 15 * 60 * 1000;

export type SignInChallenge = {
  id_hash: string;
  user_id: string;
  stage: "code" | "enrol";
  redirect_to: string;
  kept: string | null;
};

function challengeCookie() {
  const { isProduction } = getConfig();
  return createCookie(isProduction ? "__Host-portal_sign_in" : "portal_sign_in", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction,
    path: "/",
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

export function serializeChallengeCookie(token: string): Promise<string> {
  return challengeCookie().serialize(token);
}

export function serializeClearedChallengeCookie(): Promise<string> {
  return challengeCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Starts a second step for a person whose password was right; returns the cookie's token. */
export async function createChallenge(
  input: {
    userId: string;
    stage: SignInChallenge["stage"];
    redirectTo: string;
    kept: string | null;
  },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const token = generateToken();
  await db
    .insertInto("sign_in_challenges")
    .values({
      id_hash: hashToken(token),
      user_id: input.userId,
      stage: input.stage,
      redirect_to: input.redirectTo,
      kept: input.kept,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CHALLENGE_LIFETIME_MS).toISOString(),
    })
    .execute();
  return token;
}

/** The live challenge named by the request's cookie, or null (none, unknown or expired). */
export async function readChallenge(
  request: Request,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<SignInChallenge | null> {
  const value: unknown = await challengeCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || value.length < 32) return null;
  const row = await db
    .selectFrom("sign_in_challenges")
    .select(["id_hash", "user_id", "stage", "redirect_to", "kept", "expires_at"])
    .where("id_hash", "=", hashToken(value))
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return null;
  return {
    id_hash: row.id_hash,
    user_id: row.user_id,
    stage: row.stage,
    redirect_to: row.redirect_to,
    kept: row.kept,
  };
}

/** Ends a challenge; true when this call ended it (so two requests cannot both finish it). */
export async function deleteChallenge(
  idHash: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db
    .deleteFrom("sign_in_challenges")
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteExpiredChallenges(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const result = await db
    .deleteFrom("sign_in_challenges")
    .where("expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
