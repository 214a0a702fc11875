import { createHmac, randomUUID } from "node:crypto";

import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * The email kept after retention erased an application whose applicant chose to stay informed
 * (`board_stay_informed`, migrations 0010 and 0020). The address is encrypted under DATA_KEY
 * with "board_stay_informed|<id>" as associated data; `email_lookup` is a keyed hash per board
 * so an admin can find it for a data-subject request (export, erasure) by the address alone.
 */
export type StayInformedEntry = {
  id: string;
  boardId: string;
  boardName: string;
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
  const key = createHmac("sha256", dataKey).update("board-stay-informed").digest();
  return createHmac("sha256", key)
    .update(`${boardId}|${email.trim().toLowerCase()}`)
    .digest("base64url");
}

/** Keeps `email` for news of `boardId` (inside the caller's transaction); answers the new id. */
export async function keepStayInformedEmail(
  db: IdentityDb,
  boardId: string,
  email: string,
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("board_stay_informed")
    .values({
      id,
      board_id: boardId,
      email_encrypted: encryptField(getConfig().dataKey, email, `board_stay_informed|${id}`),
      email_lookup: stayInformedLookup(boardId, email),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Fills the lookup of rows kept before migration 0020 (a migration has no DATA_KEY). */
async function fillMissingLookups(db: IdentityDb): Promise<void> {
  const rows = await db
    .selectFrom("board_stay_informed")
    .select(["id", "board_id", "email_encrypted"])
    .where("email_lookup", "is", null)
    .execute();
  for (const row of rows) {
    const email = decryptField(
      getConfig().dataKey,
      row.email_encrypted,
      `board_stay_informed|${row.id}`,
    );
    await db
      .updateTable("board_stay_informed")
      .set({ email_lookup: stayInformedLookup(row.board_id, email) })
      .where("id", "=", row.id)
      .execute();
  }
}

/**
 * The kept addresses equal to `email` (any board), decrypted, oldest first; `[]` for an empty or
 * address-less query. Reads no row of another address.
 */
export async function findStayInformed(
  email: string,
  db: IdentityDb = getIdentityDb(),
): Promise<StayInformedEntry[]> {
  const typed = email.trim();
  if (!typed.includes("@")) return [];
  await fillMissingLookups(db);
  const boards = await db.selectFrom("boards").select("id").execute();
  if (boards.length === 0) return [];
  const rows = await db
    .selectFrom("board_stay_informed")
    .innerJoin("boards", "boards.id", "board_stay_informed.board_id")
    .select([
      "board_stay_informed.id as id",
      "board_stay_informed.board_id as boardId",
      "boards.name as boardName",
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
  return rows.map(({ emailEncrypted, ...row }) => ({
    ...row,
    email: decryptField(getConfig().dataKey, emailEncrypted, `board_stay_informed|${row.id}`),
  }));
}

/** Erases one kept address (a data-subject request); false when it is not held. */
export async function eraseStayInformed(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
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

/** Erases one kept address on request and audits it in the same transaction; false when unknown. */
export async function eraseStayInformedAudited(
  actor: Actor,
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await eraseStayInformed(id, trx))) return false;
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
}
