import { openAccounts } from "./account-keys.server";
import { generateToken, hashToken } from "./tokens.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

export const INVITATION_LIFETIME_MS = 72 * 60 * 60 * 1000;

export type InvitationState = "valid" | "unknown" | "used" | "expired";

export function invitationState(
  invitation: { expires_at: string; used_at: string | null } | undefined,
  now: Date,
): InvitationState {
  if (!invitation) return "unknown";
  if (invitation.used_at) return "used";
  if (Date.parse(invitation.expires_at) <= now.getTime()) return "expired";
  return "valid";
}

/** Creates a single-use invitation, replacing any earlier one for the same person. */
export async function createInvitation(
  userId: string,
  invitedBy: string | null,
  db: IdentityDb,
  now = new Date(),
): Promise<string> {
  const token = generateToken();
  await db
    .deleteFrom("invitations")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  await db
    .insertInto("invitations")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      invited_by: invitedBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * The invitation of link `token` with the invitee's email and name (opened for a board
 * member's sealed account, decision 046); undefined for an unknown token.
 */
export async function findInvitation(token: string, db: IdentityDb = getIdentityDb()) {
  const row = await db
    .selectFrom("invitations")
    .innerJoin("users", "users.id", "invitations.user_id")
    .select([
      "invitations.token_hash",
      "invitations.user_id",
      "invitations.expires_at",
      "invitations.used_at",
      "users.email",
      "users.display_name",
      "users.email_encrypted",
      "users.display_name_encrypted",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const opened = (await openAccounts([{ ...row, id: row.user_id }])).get(row.user_id)!;
  return {
    token_hash: row.token_hash,
    user_id: row.user_id,
    expires_at: row.expires_at,
    used_at: row.used_at,
    email: opened.email,
    display_name: opened.displayName,
  };
}

export async function markInvitationUsed(tokenHash: string, db: IdentityDb, now = new Date()) {
  const result = await db
    .updateTable("invitations")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The email of an invitation accepted in the last 15 minutes, for prefilling the sign-in form
 * right after acceptance (the spent token in the URL says nothing new). Null otherwise.
 */
export async function emailOfJustAcceptedInvitation(
  token: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const invitation = await findInvitation(token, db);
  if (!invitation?.used_at) return null;
  return now.getTime() - Date.parse(invitation.used_at) < 15 * 60 * 1000 ? invitation.email : null;
}
