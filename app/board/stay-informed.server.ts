import { randomUUID } from "node:crypto";

import {
  createPersonKey,
  destroyPersonKey,
  getPersonKey,
  getPersonKeys,
  type KeyStore,
} from "./person-keys.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import { getConfig } from "../platform/config.server";
import { decryptField, emailBlindIndex, encryptField } from "../platform/field-encryption.server";

/**
 * The email kept after retention erased an application whose applicant chose to stay informed
 * (`board_stay_informed`, migrations 0010 and 0020). The address is encrypted under a key of its
 * own in the person-key store (decisions 021 and 043; person id "board_stay_informed:<id>"),
 * with "board_stay_informed|<id>|email" as associated data, so erasing it destroys the key and
 * a backup taken before reads nothing back. `email_lookup` is a keyed hash per board so an
 * admin can find it for a data-subject request (export, erasure) by the address alone.
 *
 * Addresses kept before this were under DATA_KEY ("board_stay_informed|<id>"): they are still
 * read, and `moveStayInformedToOwnKeys` (at start, and before a DATA_KEY rotation) moves them.
 */
export type StayInformedEntry = {
  id: string;
  boardId: string;
  /** The board's name as held, in Albanian and in English ("" when none): `boardName` shows it. */
  boardName: string;
  boardNameEn: string;
  email: string;
  /** When the address was kept (ISO 8601, UTC): the day retention erased the application. */
  keptSince: string;
};

/**
 * Keyed hash of `email` (trimmed, lower case) for `boardId`; base64url. Under a key derived from
 * `dataKey` (DATA_KEY unless given, as `npm run rotate-data-key` gives the new one).
 */
export function stayInformedLookup(
  boardId: string,
  email: string,
  dataKey: Buffer = getConfig().dataKey,
): string {
  return emailBlindIndex(dataKey, "board-stay-informed", boardId, email);
}

/** The key store's id of a kept address's key: its own namespace, apart from applicants'. */
export function stayInformedKeyId(id: string): string {
  return `board_stay_informed:${id}`;
}

/**
 * Keeps `email` for news of `boardId` (inside the caller's transaction `db`) under a new key of
 * its own (in `keys`, the server's key store unless given); answers the new row's id.
 */
export async function keepStayInformedEmail(
  db: IdentityDb,
  boardId: string,
  email: string,
  now = new Date(),
  keys?: KeyStore,
): Promise<string> {
  const id = randomUUID();
  const key = await createPersonKey(stayInformedKeyId(id), keys);
  await db
    .insertInto("board_stay_informed")
    .values({
      id,
      board_id: boardId,
      email_encrypted: encryptField(key, email, `board_stay_informed|${id}|email`),
      email_lookup: stayInformedLookup(boardId, email),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/**
 * The kept address of row `id`: under its own `key`, or (kept before decision 043's amendment)
 * under `dataKey`. Null when it opens with neither: its key was destroyed by an erasure.
 */
export function openKeptEmail(
  id: string,
  stored: string,
  key: Buffer | null,
  dataKey: Buffer = getConfig().dataKey,
): string | null {
  if (key) {
    try {
      return decryptField(key, stored, `board_stay_informed|${id}|email`);
    } catch {
      // perhaps still under DATA_KEY
    }
  }
  try {
    return decryptField(dataKey, stored, `board_stay_informed|${id}`);
  } catch {
    return null;
  }
}

/**
 * Moves every kept address still under DATA_KEY (`dataKey`) under a key of its own, one row at
 * a time; run at start and by `npm run rotate-data-key` before it rotates anything (the
 * rotation does not walk this column). Resumable: a row keeps the key it got, and a value
 * already under it is left alone. Answers how many were moved; logs nothing.
 */
export async function moveStayInformedToOwnKeys(
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  dataKey: Buffer = getConfig().dataKey,
): Promise<number> {
  const rows = await db
    .selectFrom("board_stay_informed")
    .select(["id", "email_encrypted"])
    .orderBy("id")
    .execute();
  let moved = 0;
  for (const row of rows) {
    const keyId = stayInformedKeyId(row.id);
    const existing = await getPersonKey(keyId, keys);
    if (existing) {
      try {
        decryptField(existing, row.email_encrypted, `board_stay_informed|${row.id}|email`);
        continue;
      } catch {
        // still under DATA_KEY
      }
    }
    const email = decryptField(dataKey, row.email_encrypted, `board_stay_informed|${row.id}`);
    const key = existing ?? (await createPersonKey(keyId, keys));
    await db
      .updateTable("board_stay_informed")
      .set({ email_encrypted: encryptField(key, email, `board_stay_informed|${row.id}|email`) })
      .where("id", "=", row.id)
      .execute();
    moved += 1;
  }
  return moved;
}

/** Fills the lookup of rows kept before migration 0020 (a migration has no DATA_KEY). */
async function fillMissingLookups(db: IdentityDb, keys?: KeyStore): Promise<void> {
  const rows = await db
    .selectFrom("board_stay_informed")
    .select(["id", "board_id", "email_encrypted"])
    .where("email_lookup", "is", null)
    .execute();
  for (const row of rows) {
    const key = await getPersonKey(stayInformedKeyId(row.id), keys);
    const email = openKeptEmail(row.id, row.email_encrypted, key);
    if (email === null) continue;
    await db
      .updateTable("board_stay_informed")
      .set({ email_lookup: stayInformedLookup(row.board_id, email) })
      .where("id", "=", row.id)
      .execute();
  }
}

/**
 * The kept addresses equal to `email` (any board), decrypted, oldest first; `[]` for an empty or
 * address-less query. Reads no row of another address. A row whose key was destroyed (an
 * erased address, as in a backup restored after the erasure) is not listed.
 */
export async function findStayInformed(
  email: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<StayInformedEntry[]> {
  const typed = email.trim();
  if (!typed.includes("@")) return [];
  await fillMissingLookups(db, keys);
  const boards = await db.selectFrom("boards").select("id").execute();
  if (boards.length === 0) return [];
  const rows = await db
    .selectFrom("board_stay_informed")
    .innerJoin("boards", "boards.id", "board_stay_informed.board_id")
    .select([
      "board_stay_informed.id as id",
      "board_stay_informed.board_id as boardId",
      "boards.name as boardName",
      "boards.name_en as boardNameEn",
      "board_stay_informed.email_encrypted as emailEncrypted",
      "board_stay_informed.created_at as keptSince",
    ])
    .where(
      "board_stay_informed.email_lookup",
      "in",
      boards.map((board) => stayInformedLookup(board.id, typed)),
    )
    .orderBy("board_stay_informed.created_at")
    .orderBy("board_stay_informed.id")
    .execute();
  const rowKeys = await getPersonKeys(
    rows.map((row) => stayInformedKeyId(row.id)),
    keys,
  );
  return rows.flatMap(({ emailEncrypted, ...row }) => {
    const opened = openKeptEmail(
      row.id,
      emailEncrypted,
      rowKeys.get(stayInformedKeyId(row.id)) ?? null,
    );
    return opened === null ? [] : [{ ...row, email: opened }];
  });
}

/**
 * Deletes the row of one kept address (inside the caller's transaction); false when it is not
 * held. Its key goes after the transaction (`eraseStayInformedAudited`).
 */
async function deleteStayInformed(id: string, db: IdentityDb): Promise<boolean> {
  const result = await db.deleteFrom("board_stay_informed").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Who acts on a data-subject request (an admin), as the audit log records them. */
type Actor = { id: string; email: string };

/**
 * The admin's search for a kept address, audited as an export of applicant data (one row per
 * entry shown, subject the entry's id, `kind: "stay_informed"`; never the address).
 */
export async function findStayInformedAudited(
  actor: Actor,
  email: string,
  db: IdentityDb = getIdentityDb(),
): Promise<StayInformedEntry[]> {
  const found = await findStayInformed(email, db);
  for (const entry of found)
    await recordAudit(
      {
        actor,
        action: "board_applicant_exported",
        subject: entry.id,
        details: { format: "page", kind: "stay_informed" },
      },
      db,
    );
  return found;
}

/**
 * Erases one kept address on request: the row and its audit in one transaction, then its key,
 * so every copy in a backup taken before is unreadable (crypto-shredding). The key goes even
 * when the row was already gone, so running it again after an interruption finishes the work;
 * the key's namespace keeps an id typed here from reaching any other person's key. False when
 * the address was not held.
 */
export async function eraseStayInformedAudited(
  actor: Actor,
  id: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<boolean> {
  const erased = await db.transaction().execute(async (trx) => {
    if (!(await deleteStayInformed(id, trx))) return false;
    await recordAudit(
      {
        actor,
        action: "board_applicant_erased",
        subject: id,
        details: { kind: "stay_informed" },
      },
      trx,
    );
    return true;
  });
  await destroyPersonKey(stayInformedKeyId(id), keys);
  return erased;
}
