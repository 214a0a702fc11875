import { createPersonKey, getPersonKey, type KeyStore } from "./person-keys.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * Each board member's own data key (docs/decisions/035, as applicants' in 021): a membership's
 * name, email, phone, the name typed on the participation form, the reason it ended and the
 * secretariat's Art. 5 reasons for activating or ending it (migration 0021) are encrypted under a random 256-bit key of that membership (the key store's person id is the
 * membership id), with "board_memberships|<id>|<column>" as associated data. Erasing the
 * member destroys the key: every copy of those fields, backups included, is unreadable.
 *
 * Memberships written before this (under DATA_KEY, associated data
 * "board_memberships:<id>:<column>") are still read, and `moveMembersToOwnKeys` (run at start
 * and before a DATA_KEY rotation) moves them under keys of their own; it also seals the Art. 5
 * reasons written in plain text before migration 0021.
 */
export const MEMBER_FIELDS = [
  "full_name",
  "email",
  "phone",
  "participation_name",
  "end_reason",
  "activation_reason",
  "end_composition_reason",
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

/** The key a membership's fields open with: its own, or none yet (written under DATA_KEY). */
export type MemberKey = { id: string; key: Buffer | null };

/** The data key of membership `id` (null: none yet, or destroyed by an erasure). */
export async function getMemberKey(id: string, keys?: KeyStore): Promise<MemberKey> {
  return { id, key: await getPersonKey(id, keys) };
}

/** Makes the data key of a new membership. */
export async function createMemberKey(id: string, keys?: KeyStore): Promise<MemberKey> {
  return { id, key: await createPersonKey(id, keys) };
}

/** Encrypts one field of a membership under its own key (under DATA_KEY if it has none yet). */
export function sealMemberField(member: MemberKey, column: MemberField, value: string): string {
  return member.key
    ? encryptField(member.key, value, `board_memberships|${member.id}|${column}`)
    : encryptField(getConfig().dataKey, value, `board_memberships:${member.id}:${column}`);
}

/**
 * Decrypts one field of a membership. An empty stored value is an erased field (""). Throws
 * when a value was altered or moved. A value still under DATA_KEY opens too (a membership
 * between getting its key and its fields being moved, or not moved yet).
 */
export function openMemberField(member: MemberKey, column: MemberField, stored: string): string {
  if (stored === "") return "";
  if (member.key) {
    try {
      return decryptField(member.key, stored, `board_memberships|${member.id}|${column}`);
    } catch (error) {
      if (!opensUnderDataKey(member.id, column, stored)) throw error;
    }
  }
  return decryptField(getConfig().dataKey, stored, `board_memberships:${member.id}:${column}`);
}

function opensUnderDataKey(id: string, column: MemberField, stored: string): boolean {
  try {
    decryptField(getConfig().dataKey, stored, `board_memberships:${id}:${column}`);
    return true;
  } catch {
    return false;
  }
}

const COLUMNS = {
  full_name: "full_name_encrypted",
  email: "email_encrypted",
  phone: "phone_encrypted",
  participation_name: "participation_name_encrypted",
  end_reason: "end_reason_encrypted",
  activation_reason: "activation_reason_encrypted",
  end_composition_reason: "end_composition_reason_encrypted",
} as const satisfies Record<MemberField, string>;

/**
 * Moves every membership whose fields are still under DATA_KEY under a key of its own
 * (memberships made before decision 035). Safe to run again or after an interruption: a
 * membership keeps the key it got, and a field already under it is left as it is. Erased
 * memberships (fields empty) are skipped. `dataKey` is the DATA_KEY the old fields are under.
 *
 * The Art. 5 reasons kept in plain text before migration 0021 (`activation_reason`,
 * `end_composition_reason`) are sealed under the member's key into their `*_encrypted` columns
 * and the plain columns emptied, in one update per membership; an erased membership's are only
 * emptied (its key is gone: nothing about the person stays).
 * Answers how many memberships were moved or sealed; logs nothing.
 */
export async function moveMembersToOwnKeys(
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  dataKey: Buffer = getConfig().dataKey,
): Promise<number> {
  await db
    .updateTable("board_memberships")
    .set({ activation_reason: null, end_composition_reason: null })
    .where("full_name_encrypted", "=", "")
    .where((eb) =>
      eb.or([
        eb("activation_reason", "is not", null),
        eb("end_composition_reason", "is not", null),
      ]),
    )
    .execute();
  const rows = await db
    .selectFrom("board_memberships")
    .select(["id", "activation_reason", "end_composition_reason", ...Object.values(COLUMNS)])
    .where("full_name_encrypted", "!=", "")
    .orderBy("id")
    .execute();
  let moved = 0;
  for (const row of rows) {
    const key = (await getPersonKey(row.id, keys)) ?? (await createPersonKey(row.id, keys));
    const changes: Partial<Record<(typeof COLUMNS)[MemberField], string>> & {
      activation_reason?: null;
      end_composition_reason?: null;
    } = {};
    for (const field of ["activation_reason", "end_composition_reason"] as const) {
      const plain = row[field];
      if (plain === null) continue;
      // Sealed already (an interrupted run) wins; the plain text goes either way.
      if (!row[COLUMNS[field]])
        changes[COLUMNS[field]] = encryptField(key, plain, `board_memberships|${row.id}|${field}`);
      changes[field] = null;
    }
    for (const field of MEMBER_FIELDS) {
      const stored = row[COLUMNS[field]];
      if (!stored || changes[COLUMNS[field]]) continue;
      try {
        decryptField(key, stored, `board_memberships|${row.id}|${field}`);
        continue;
      } catch {
        // still under DATA_KEY
      }
      const plain = decryptField(dataKey, stored, `board_memberships:${row.id}:${field}`);
      changes[COLUMNS[field]] = encryptField(key, plain, `board_memberships|${row.id}|${field}`);
    }
    if (Object.keys(changes).length === 0) continue;
    await db.updateTable("board_memberships").set(changes).where("id", "=", row.id).execute();
    moved += 1;
  }
  return moved;
}
