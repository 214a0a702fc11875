import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import {
  createPersonKey,
  getPersonKey,
  getPersonKeys,
  type KeyStore,
} from "../board/person-keys.server";
import { getConfig } from "../platform/config.server";
import { decryptField, emailBlindIndex, encryptField } from "../platform/field-encryption.server";

/**
 * Board members' accounts sealed under a key of their own (docs/decisions/046). The account
 * made for a board member keeps its email and display name (the member's full name) encrypted
 * under a random key in the person-key store (person id `users:<user id>`), outside the
 * snapshots; `users.email` holds a made-up unique address (`<id>@sealed.invalid`),
 * `users.display_name` nothing, and `users.email_lookup` a keyed hash of the address for
 * sign-in. What the account signs and writes that names the person (the name typed under the
 * confidentiality declaration, the reasons for declining a meeting) is sealed under the same
 * key inside the DATA_KEY column it always had. The audit log names a sealed account by its id.
 * Closing the account on erasure destroys the key, so every copy, backups included, is
 * unreadable. Staff and guest accounts keep their address and name in plain columns.
 *
 * Every read of a sealed account's email or name goes through `openAccounts` (or a function
 * of app/auth/users.server.ts built on it).
 */

/** The key-store person id of account `userId`'s own key. */
export function accountKeyId(userId: string): string {
  return `users:${userId}`;
}

/** The made-up, unique address kept in `users.email` of sealed account `userId`. */
export function sealedAddress(userId: string): string {
  return `${userId}@sealed.invalid`;
}

/**
 * The keyed hash a sealed account is found by: HMAC-SHA256 of the trimmed, lower-cased address
 * under a key derived from `dataKey` (base64url). `npm run rotate-data-key` recomputes it.
 */
export function accountEmailLookup(email: string, dataKey: Buffer = getConfig().dataKey): string {
  return emailBlindIndex(dataKey, "account-email-lookup", "users", email);
}

/** Makes (or, after an interrupted run, finds) the own key of account `userId`. */
export async function ensureAccountKey(userId: string, keys?: KeyStore): Promise<Buffer> {
  const id = accountKeyId(userId);
  return (await getPersonKey(id, keys)) ?? (await createPersonKey(id, keys));
}

/** The own key of account `userId`: null for a staff account, or once destroyed. */
export function getAccountKey(userId: string, keys?: KeyStore): Promise<Buffer | null> {
  return getPersonKey(accountKeyId(userId), keys);
}

/** The columns of a sealed account: what `insertUser` and the start's move write. */
export function sealedAccountColumns(
  key: Buffer,
  userId: string,
  email: string,
  displayName: string,
  dataKey: Buffer = getConfig().dataKey,
) {
  return {
    email: sealedAddress(userId),
    display_name: "",
    email_lookup: accountEmailLookup(email, dataKey),
    email_encrypted: encryptField(key, email, `users|${userId}|email`),
    display_name_encrypted: encryptField(key, displayName, `users|${userId}|display_name`),
  };
}

/** The columns a users row is opened from. */
export type AccountRow = {
  id: string;
  email: string;
  display_name: string;
  email_encrypted: string | null;
  display_name_encrypted: string | null;
};

/**
 * The email and display name of each account of `rows`, opened: a staff account's as stored, a
 * sealed one's decrypted under its own key (one key-store query for all). A sealed account
 * whose key is gone (an erasure) answers its made-up address and an empty name. Id → fields.
 */
export async function openAccounts(
  rows: readonly AccountRow[],
  keys?: KeyStore,
): Promise<Map<string, { email: string; displayName: string }>> {
  const sealed = rows.filter((row) => row.email_encrypted);
  const accountKeys = sealed.length
    ? await getPersonKeys(
        sealed.map((row) => accountKeyId(row.id)),
        keys,
      )
    : new Map<string, Buffer>();
  const opened = new Map<string, { email: string; displayName: string }>();
  for (const row of rows) {
    const key = row.email_encrypted ? accountKeys.get(accountKeyId(row.id)) : undefined;
    if (!row.email_encrypted)
      opened.set(row.id, { email: row.email, displayName: row.display_name });
    else if (!key) opened.set(row.id, { email: row.email, displayName: "" });
    else
      opened.set(row.id, {
        email: decryptField(key, row.email_encrypted, `users|${row.id}|email`),
        displayName: row.display_name_encrypted
          ? decryptField(key, row.display_name_encrypted, `users|${row.id}|display_name`)
          : "",
      });
  }
  return opened;
}

/**
 * The email and display name of each account id of `userIds` (absent ids are left out),
 * opened as `openAccounts` does. For lists and mail: one query and one key-store query.
 */
export async function accountFieldsOf(
  userIds: readonly string[],
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<Map<string, { email: string; displayName: string }>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows: AccountRow[] = [];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(
      ...(await db
        .selectFrom("users")
        .select(["id", "email", "display_name", "email_encrypted", "display_name_encrypted"])
        .where("id", "in", ids.slice(i, i + 500))
        .execute()),
    );
  return openAccounts(rows, keys);
}

// Text an account writes about itself (the name typed under a declaration, a reason for
// declining) is kept in a column encrypted under DATA_KEY, which `npm run rotate-data-key`
// re-encrypts. For a sealed account the text inside is itself sealed under the account's key,
// marked by a private-use character and "users|" (no text is typed so; a NUL would be sure, but
// no NUL may reach a store, even encrypted): the rotation changes the outer layer only, and
// destroying the account's key leaves the inner unreadable.
const SEALED_MARK = "\uE000users|";

/**
 * The text to encrypt under DATA_KEY for `value` written by account `userId`: sealed under
 * `key` (the account's own, `getAccountKey`) with `users|<id>|<purpose>` as associated data,
 * or `value` itself for an account without a key (staff, guests).
 */
export function sealAccountText(
  key: Buffer | null,
  userId: string,
  purpose: string,
  value: string,
): string {
  return key ? SEALED_MARK + encryptField(key, value, `users|${userId}|${purpose}`) : value;
}

/**
 * The text `sealAccountText` wrapped, once the DATA_KEY layer is off: opened under `key` when
 * sealed; "" when sealed and `key` is null (destroyed by an erasure). Throws when a sealed value
 * was altered or moved to another account or purpose.
 */
export function openAccountText(
  key: Buffer | null,
  userId: string,
  purpose: string,
  inner: string,
): string {
  if (!inner.startsWith(SEALED_MARK)) return inner;
  if (!key) return "";
  return decryptField(key, inner.slice(SEALED_MARK.length), `users|${userId}|${purpose}`);
}

/** True when `inner` (a DATA_KEY layer's plain text) is sealed under an account's key. */
export function isSealedAccountText(inner: string): boolean {
  return inner.startsWith(SEALED_MARK);
}

/**
 * Seals the accounts of board members written before decision 046 (run at every start, like
 * `moveMembersToOwnKeys`, and by `npm run rotate-data-key` before it rotates anything): every
 * account not sealed yet that has a board membership and no role besides `board_member` and
 * `guest`, and was not closed by an erasure. Each gets its own key (in `keys`, the server's key
 * store unless given; an interrupted run's key is reused), then in one transaction: its email
 * and name sealed and looked up under `dataKey` (the DATA_KEY in force), the audit log's
 * entries naming it by address (as the actor, or as the subject) rewritten to its id, and the
 * names it typed under declarations and its reasons for declining meetings sealed under its key
 * inside their DATA_KEY layer. Safe to run again. Answers how many accounts were sealed.
 */
export async function sealMemberAccounts(
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  dataKey: Buffer = getConfig().dataKey,
): Promise<number> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "email", "display_name"])
    .where("email_encrypted", "is", null)
    .where("email", "not like", "%@erased.invalid")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("board_memberships")
          .select("board_memberships.id")
          .whereRef("board_memberships.user_id", "=", "users.id"),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("user_roles")
            .select("user_roles.user_id")
            .whereRef("user_roles.user_id", "=", "users.id")
            .where("user_roles.role", "not in", ["board_member", "guest"]),
        ),
      ),
    )
    .orderBy("id")
    .execute();
  for (const row of rows) {
    const key = await ensureAccountKey(row.id, keys);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("users")
        .set(sealedAccountColumns(key, row.id, row.email, row.display_name, dataKey))
        .where("id", "=", row.id)
        .where("email_encrypted", "is", null)
        .execute();
      await trx
        .updateTable("audit_events")
        .set({ actor_email: row.id })
        .where("actor_user_id", "=", row.id)
        .execute();
      await trx
        .updateTable("audit_events")
        .set({ subject: row.id })
        .where("subject", "=", row.email)
        .execute();
      const signatures = await trx
        .selectFrom("declaration_signatures")
        .select(["version", "signed_name_encrypted"])
        .where("user_id", "=", row.id)
        .execute();
      for (const signature of signatures) {
        const version = Number(signature.version);
        const context = `declaration:${row.id}:${version}`;
        const inner = decryptField(dataKey, signature.signed_name_encrypted, context);
        if (isSealedAccountText(inner)) continue;
        await trx
          .updateTable("declaration_signatures")
          .set({
            signed_name_encrypted: encryptField(
              dataKey,
              sealAccountText(key, row.id, `declaration|${version}`, inner),
              context,
            ),
          })
          .where("user_id", "=", row.id)
          .where("version", "=", signature.version)
          .execute();
      }
      const declines = await trx
        .selectFrom("meeting_invitations")
        .select(["meeting_id", "decline_reason_encrypted"])
        .where("user_id", "=", row.id)
        .where("decline_reason_encrypted", "is not", null)
        .execute();
      for (const decline of declines) {
        const context = `meeting_invitations:${decline.meeting_id}:${row.id}:reason`;
        const inner = decryptField(dataKey, decline.decline_reason_encrypted!, context);
        if (isSealedAccountText(inner)) continue;
        await trx
          .updateTable("meeting_invitations")
          .set({
            decline_reason_encrypted: encryptField(
              dataKey,
              sealAccountText(key, row.id, `decline|${decline.meeting_id}`, inner),
              context,
            ),
          })
          .where("meeting_id", "=", decline.meeting_id)
          .where("user_id", "=", row.id)
          .execute();
      }
    });
  }
  return rows.length;
}
