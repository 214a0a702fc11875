import { decryptApplicationFields, emailLookup } from "./applications.server";
import { readAllPersonKeys, type KeyStore } from "./person-keys.server";
import { openKeptEmail, stayInformedKeyId, stayInformedLookup } from "./stay-informed.server";
import type { IdentityDb } from "../../db/identity-store";
import { accountEmailLookup, accountKeyId } from "../auth/account-keys.server";
import { decryptField } from "../platform/field-encryption.server";

/**
 * Recomputes every keyed email lookup under `newKey`, for `npm run rotate-data-key`
 * (decisions 025, 043 and 046): `board_applications.email_lookup` (one application per email and
 * call; the admin's search), `board_stay_informed.email_lookup` (the admin's search) and
 * `users.email_lookup` (sign-in to a board member's sealed account). All
 * are HMACs under keys derived from DATA_KEY, so after a rotation the stored ones would match
 * nothing. Runs inside the rotation's transaction of the identity store (`db`), after the
 * re-encryption, so the store holds either the old key's values and lookups or the new key's.
 *
 * Each address is read where it is kept: an application's in its fields under the applicant's
 * key (from `keys`, wrapped by `oldKey` or, on a rerun, by `newKey`); a kept address under
 * whichever of the two keys opens it. Idempotent: running it again writes the same values.
 * An application whose key was destroyed (an erasure interrupted before the row went) keeps its
 * lookup, which matches nothing any more; so does a sealed account whose key is gone. A sealed
 * account's address is opened under its own key. Answers how many lookups of each were written.
 */
export async function recomputeEmailLookups(
  db: IdentityDb,
  keys: KeyStore,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<{ applications: number; stayInformed: number; accounts: number }> {
  const personKeys = await readAllPersonKeys(keys, [oldKey, newKey]);
  let applications = 0;
  const rows = await db
    .selectFrom("board_applications")
    .select(["id", "call_id", "fields_encrypted"])
    .orderBy("id")
    .execute();
  for (const row of rows) {
    const key = personKeys.get(row.id);
    if (!key) continue;
    const { email } = decryptApplicationFields(key, row.id, row.fields_encrypted, ["email"]);
    await db
      .updateTable("board_applications")
      .set({ email_lookup: emailLookup(row.call_id, String(email), newKey) })
      .where("id", "=", row.id)
      .execute();
    applications += 1;
  }
  let stayInformed = 0;
  const kept = await db
    .selectFrom("board_stay_informed")
    .select(["id", "board_id", "email_encrypted"])
    .orderBy("id")
    .execute();
  for (const row of kept) {
    const key = personKeys.get(stayInformedKeyId(row.id)) ?? null;
    const email =
      openKeptEmail(row.id, row.email_encrypted, key, oldKey) ??
      openKeptEmail(row.id, row.email_encrypted, null, newKey);
    if (email === null) continue;
    await db
      .updateTable("board_stay_informed")
      .set({ email_lookup: stayInformedLookup(row.board_id, email, newKey) })
      .where("id", "=", row.id)
      .execute();
    stayInformed += 1;
  }
  let accounts = 0;
  const sealed = await db
    .selectFrom("users")
    .select(["id", "email_encrypted"])
    .where("email_encrypted", "is not", null)
    .orderBy("id")
    .execute();
  for (const row of sealed) {
    const key = personKeys.get(accountKeyId(row.id));
    if (!key) continue;
    const email = decryptField(key, row.email_encrypted!, `users|${row.id}|email`);
    await db
      .updateTable("users")
      .set({ email_lookup: accountEmailLookup(email, newKey) })
      .where("id", "=", row.id)
      .execute();
    accounts += 1;
  }
  return { applications, stayInformed, accounts };
}
