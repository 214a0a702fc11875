import { randomBytes, randomUUID } from "node:crypto";

import { ageBand, ageOn } from "./ages";
import { APPLICANT_STATUS_PATH, passphraseResetPath } from "./applicant-paths";
import { applicantReviewRecord } from "./applicant-record.server";
import type { Application } from "./application.schemas";
import type { BoardCall } from "./calls.server";
import {
  createPersonKey,
  destroyPersonKey,
  getPersonKey,
  type KeyStore,
} from "./person-keys.server";
import { findStayInformed, keepStayInformedEmail } from "./stay-informed.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { inTransaction } from "../../db/transaction";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { hashToken, hmac, safeEqual } from "../auth/tokens.server";
import { getFixedT } from "../i18n/i18n";
import { localePath, type Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";
import { decryptField, emailBlindIndex, encryptField } from "../platform/field-encryption.server";

/**
 * Board applications in the identity store (`board_applications`, migration 0010).
 *
 * Every personal field and free-text answer is encrypted on its own with AES-256-GCM under the
 * applicant's data key (app/board/person-keys.server.ts), with a random nonce per value and
 * "board_applications|<record id>|<field>" as associated data, so a value moved to another
 * record or field fails to decrypt. The row itself holds only the call, the status, the
 * reference code, the passphrase's argon2id hash, a keyed hash of the email for the
 * one-application-per-email rule, the language and two dates.
 */
export type ApplicationStatus = "submitted" | "withdrawn" | "selected" | "not_selected";

/** What the applicant gets once: the reference code and the passphrase (never stored). */
export type Credentials = { reference: string; passphrase: string };

const REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const PASSPHRASE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function randomFrom(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (out.length === length) break;
      if (byte < limit) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** A reference code: 9 characters in groups of 3 ("7KQ-M4P-2XW", about 44 bits). */
export function newReference(): string {
  return randomFrom(REFERENCE_ALPHABET, 9).match(/.{3}/g)!.join("-");
}

/** A passphrase: 16 characters in groups of 4 ("kf7m-2pxq-…", about 78 bits). */
export function newPassphrase(): string {
  return randomFrom(PASSPHRASE_ALPHABET, 16).match(/.{4}/g)!.join("-");
}

/** A typed reference as stored: upper case, groups of 3, whatever spaces or dashes were typed. */
export function normaliseReference(typed: string): string {
  const bare = typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 9);
  return bare.match(/.{1,3}/g)?.join("-") ?? "";
}

function normalisePassphrase(typed: string): string {
  const bare = typed
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 16);
  return bare.match(/.{1,4}/g)?.join("-") ?? "";
}

/**
 * The keyed hash that finds a second application by the same email to the same call: HMAC-SHA-256
 * under a key derived from `dataKey` (DATA_KEY unless given, as `npm run rotate-data-key` gives
 * the new one), base64url.
 */
export function emailLookup(
  callId: string,
  email: string,
  dataKey: Buffer = getConfig().dataKey,
): string {
  return emailBlindIndex(dataKey, "board-email-lookup", callId, email);
}

/** Encrypts each field of `fields` on its own under `key`; the JSON object stored in the row. */
export function encryptApplicationFields(
  key: Buffer,
  id: string,
  fields: Record<string, unknown>,
): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(fields).map(([field, value]) => [
        field,
        encryptField(key, JSON.stringify(value ?? null), `board_applications|${id}|${field}`),
      ]),
    ),
  );
}

/**
 * The fields back (only those named in `only`, when given: a list that needs three fields does
 * not pay for twenty); throws when a value was altered, moved or the key is wrong.
 */
export function decryptApplicationFields(
  key: Buffer,
  id: string,
  stored: string,
  only?: readonly string[],
): Record<string, unknown> {
  const encrypted = JSON.parse(stored) as Record<string, string>;
  const wanted = only ? Object.entries(encrypted).filter(([f]) => only.includes(f)) : null;
  return Object.fromEntries(
    (wanted ?? Object.entries(encrypted)).map(([field, value]) => [
      field,
      JSON.parse(decryptField(key, value, `board_applications|${id}|${field}`)) as unknown,
    ]),
  );
}

/** The stored fields of an application: every answer, with choices normalised. */
export function storedFieldsOf(application: Application): Record<string, unknown> {
  const preferNot = (list: string[]) => (list.includes("prefer_not") ? ["prefer_not"] : list);
  return {
    firstName: application.firstName,
    lastName: application.lastName,
    dateOfBirth: application.dateOfBirth,
    placeOfBirth: application.placeOfBirth,
    nationality: application.nationality,
    residence: application.residence,
    guardianName: application.guardianName ?? "",
    guardianContact: application.guardianContact ?? "",
    guardianConfirmed: Boolean(application.guardianConfirmed?.length),
    email: application.email,
    phone: application.phone,
    channels: application.channels,
    contactTimes: application.contactTimes,
    voicemailSafe: application.voicemailSafe,
    sharedPhoneSafe: application.sharedPhoneSafe,
    activity: application.activity,
    suitability: application.suitability,
    motivation: application.motivation,
    additional: application.additional,
    nominated: application.nominated,
    nominatingOrganisation:
      application.nominated === "yes" ? application.nominatingOrganisation : "",
    gender: application.gender,
    region: application.region,
    expertise: preferNot(application.expertise),
    acknowledged: true,
    stayInformed: application.stayInformed,
    signature: application.signature,
    signedOn: application.signedOn,
  };
}

/** The neutral subject of every message to an applicant (BOARD_MAIL_SUBJECT overrides it). */
export function neutralSubject(lang: Lang): string {
  return process.env.BOARD_MAIL_SUBJECT || getFixedT(lang)("board:mail.subject");
}

/**
 * Stores an application (Send). Answers the reference code and passphrase to show once.
 *
 * A second application by the same email to the same call is not stored: the answer looks the
 * same (a reference and a passphrase, which open nothing), and the email address gets a neutral
 * message offering to check the first application instead, so the page never tells whether
 * that email applied. Both paths hash a passphrase, so they take as long.
 */
export async function storeApplication(
  input: { call: BoardCall; application: Application; lang: Lang; now?: Date },
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<Credentials & { duplicate: boolean }> {
  const { call, application, lang, now = new Date() } = input;
  const credentials = { reference: newReference(), passphrase: newPassphrase() };
  const passphraseHash = await hashPassword(credentials.passphrase);
  const lookup = emailLookup(call.id, application.email);
  const id = randomUUID();
  // Applications to one call are decided one at a time: the call's row is locked (PostgreSQL;
  // SQLite runs one transaction at a time anyway), so the same form sent twice at once to two
  // instances cannot find "no application with this email" twice and be stored twice.
  const stored = await inTransaction(db, async (trx) => {
    await forUpdate(
      trx,
      trx.selectFrom("board_calls").select("id").where("id", "=", call.id),
    ).executeTakeFirst();
    const existing = await trx
      .selectFrom("board_applications")
      .select("id")
      .where("call_id", "=", call.id)
      .where("email_lookup", "=", lookup)
      .executeTakeFirst();
    if (existing) return false;
    const key = await createPersonKey(id, keys);
    await trx
      .insertInto("board_applications")
      .values({
        id,
        call_id: call.id,
        status: "submitted",
        reference_code: credentials.reference,
        passphrase_hash: passphraseHash,
        email_lookup: lookup,
        fields_encrypted: encryptApplicationFields(key, id, storedFieldsOf(application)),
        lang,
        submitted_at: now.toISOString(),
        decided_at: null,
      })
      .execute();
    return true;
  }).catch(async (error: unknown) => {
    // The row was not stored: the key made for it is not kept either.
    await destroyPersonKey(id, keys);
    throw error;
  });
  if (!stored) {
    const t = getFixedT(lang);
    await sendEmail(
      {
        to: application.email,
        subject: neutralSubject(lang),
        text: t("board:mail.duplicateBody", {
          link: `${getConfig().publicUrl}${localePath(lang, APPLICANT_STATUS_PATH)}`,
        }),
      },
      db,
    );
    return { ...credentials, duplicate: true };
  }
  return { ...credentials, duplicate: false };
}

/** One application with its fields decrypted, or null (no such row, or its key destroyed). */
export async function getApplication(
  id: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
) {
  const row = await db
    .selectFrom("board_applications")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const key = await getPersonKey(id, keys);
  if (!key) return null;
  return {
    id: row.id,
    callId: row.call_id,
    status: row.status,
    reference: row.reference_code,
    lang: row.lang as Lang,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    fields: decryptApplicationFields(key, row.id, row.fields_encrypted),
  };
}
export type StoredApplication = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/** The age band shown to reviewers in blind mode, from the stored date of birth. */
export function ageBandOf(application: StoredApplication, today: string) {
  return ageBand(ageOn(String(application.fields.dateOfBirth), today));
}

/**
 * Erases an application at once: its data key first (so every copy, backups included, is
 * unreadable), then the row and everything tied to it. Keeps the email (under a new key of its
 * own, app/board/stay-informed.server.ts) only when asked to, for an applicant who chose to
 * stay informed.
 */
export async function eraseApplication(
  id: string,
  options: { keepStayInformedEmail?: { boardId: string; email: string } } = {},
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<boolean> {
  await destroyPersonKey(id, keys);
  return db.transaction().execute(async (trx) => {
    const keep = options.keepStayInformedEmail;
    if (keep) await keepStayInformedEmail(trx, keep.boardId, keep.email, undefined, keys);
    const result = await trx
      .deleteFrom("board_applications")
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

/** The contact details an applicant may correct with their reference code. */
export type ContactDetails = {
  email: string;
  phone: string;
  channels: string[];
  contactTimes: string;
  voicemailSafe: "yes" | "no";
  sharedPhoneSafe: "yes" | "no";
};

/** Replaces the contact details (each re-encrypted with a fresh nonce). */
export async function updateContactDetails(
  id: string,
  contact: ContactDetails,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<boolean> {
  const application = await getApplication(id, db, keys);
  const key = await getPersonKey(id, keys);
  if (!application || !key) return false;
  const fields = { ...application.fields, ...contact };
  await db
    .updateTable("board_applications")
    .set({
      fields_encrypted: encryptApplicationFields(key, id, fields),
      email_lookup: emailLookup(application.callId, contact.email),
    })
    .where("id", "=", id)
    .execute();
  return true;
}

// ---- Access with the reference code and passphrase -------------------------------------

/** Failures allowed per reference and per client within one window. */
export const ACCESS_LIMIT = 5;
export const ACCESS_WINDOW_MS = 60 * 60 * 1000;

const attemptKey = (kind: string, value: string) => hashToken(`${kind}|${value}`);

async function isLocked(
  keysToCheck: string[],
  now: Date,
  db: IdentityDb,
  limit = ACCESS_LIMIT,
): Promise<boolean> {
  const rows = await db
    .selectFrom("board_access_attempts")
    .selectAll()
    .where("attempt_key", "in", keysToCheck)
    .execute();
  return rows.some(
    (row) =>
      Number(row.failures) >= limit &&
      now.getTime() - Date.parse(row.window_started_at) < ACCESS_WINDOW_MS,
  );
}

async function recordFailure(keysToCount: string[], now: Date, db: IdentityDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const key of keysToCount) {
      const row = await forUpdate(
        trx,
        trx.selectFrom("board_access_attempts").selectAll().where("attempt_key", "=", key),
      ).executeTakeFirst();
      const fresh = !row || now.getTime() - Date.parse(row.window_started_at) >= ACCESS_WINDOW_MS;
      await trx
        .insertInto("board_access_attempts")
        .values({ attempt_key: key, failures: 1, window_started_at: now.toISOString() })
        .onConflict((oc) =>
          oc.column("attempt_key").doUpdateSet({
            failures: fresh ? 1 : Number(row.failures) + 1,
            window_started_at: fresh ? now.toISOString() : row.window_started_at,
          }),
        )
        .execute();
    }
  });
}

/** Deletes failure counters whose window has passed (the periodic clean-up). */
export async function deleteExpiredAccessAttempts(now = new Date(), db = getIdentityDb()) {
  const result = await db
    .deleteFrom("board_access_attempts")
    .where("window_started_at", "<", new Date(now.getTime() - ACCESS_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Opens an application with its reference code and passphrase. A wrong reference and a wrong
 * passphrase answer the same ("wrong"), after the same work; after ACCESS_LIMIT failures in an
 * hour for one reference, or from one client, every try answers "locked" for the rest of the
 * hour (counted in the database, so every instance sees them).
 */
export async function openWithReference(
  typed: { reference: string; passphrase: string; clientKey: string | undefined },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ ok: true; id: string } | { ok: false; reason: "wrong" | "locked" }> {
  const reference = normaliseReference(typed.reference);
  const counted = [attemptKey("reference", reference)];
  if (typed.clientKey) counted.push(attemptKey("client", typed.clientKey));
  if (await isLocked(counted, now, db)) return { ok: false, reason: "locked" };
  const row = await db
    .selectFrom("board_applications")
    .select(["id", "passphrase_hash"])
    .where("reference_code", "=", reference)
    .executeTakeFirst();
  const passphrase = normalisePassphrase(typed.passphrase);
  const valid = row
    ? await verifyPassword(row.passphrase_hash, passphrase)
    : await verifyAgainstDummy(passphrase);
  if (!row || !valid) {
    await recordFailure(counted, now, db);
    return { ok: false, reason: "wrong" };
  }
  return { ok: true, id: row.id };
}

const GRANT_MS = 30 * 60 * 1000;

/**
 * A short-lived grant (30 minutes) to act on one application after the reference and
 * passphrase were checked. It travels in a hidden form field (no cookie), signed.
 */
export function issueAccessGrant(id: string, now = Date.now()): string {
  const body = `${id}.${now + GRANT_MS}`;
  return `${body}.${hmac(getConfig().sessionSecret, `board-grant|${body}`)}`;
}

/** The application id of a valid grant, or null. */
export function readAccessGrant(grant: unknown, now = Date.now()): string | null {
  if (typeof grant !== "string") return null;
  const [id, expires, signature] = grant.split(".");
  if (!id || !expires || !signature) return null;
  if (!safeEqual(signature, hmac(getConfig().sessionSecret, `board-grant|${id}.${expires}`)))
    return null;
  return Number(expires) > now ? id : null;
}

// ---- A lost passphrase ------------------------------------------------------------------

const RESET_MS = 60 * 60 * 1000;

/** Reset links that may be asked for per reference and per client within ACCESS_WINDOW_MS. */
export const RESET_LIMIT = 3;

/**
 * Sends a single-use link (one hour) to the email given in the application with this
 * reference, if there is one, and answers "sent" either way: the page always says the same.
 * Every request counts, known reference or not, per reference and per client (like the status
 * sign-in, in the database); after RESET_LIMIT in an hour the answer is "locked" and nothing is
 * sent, so nobody can fill an applicant's mailbox or probe references. "locked" says nothing
 * about whether the reference exists.
 */
export async function requestPassphraseReset(
  typed: { reference: string; lang: Lang; clientKey?: string | undefined },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<"sent" | "locked"> {
  const reference = normaliseReference(typed.reference);
  const counted = [attemptKey("reset-reference", reference)];
  if (typed.clientKey) counted.push(attemptKey("reset-client", typed.clientKey));
  if (await isLocked(counted, now, db, RESET_LIMIT)) return "locked";
  await recordFailure(counted, now, db);
  const row = await db
    .selectFrom("board_applications")
    .select("id")
    .where("reference_code", "=", reference)
    .executeTakeFirst();
  if (!row) return "sent";
  const application = await getApplication(row.id, db, keys);
  if (!application) return "sent";
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("board_passphrase_resets")
    .values({
      token_hash: hashToken(token),
      application_id: row.id,
      expires_at: new Date(now.getTime() + RESET_MS).toISOString(),
      used_at: null,
    })
    .execute();
  await sendEmail(
    {
      to: String(application.fields.email),
      subject: neutralSubject(typed.lang),
      text: getFixedT(typed.lang)("board:mail.resetBody", {
        link: `${getConfig().publicUrl}${localePath(typed.lang, passphraseResetPath(token))}`,
      }),
    },
    db,
  );
  return "sent";
}

/**
 * Uses a reset link: answers the reference and a new passphrase (its hash replaces the old
 * one), or null when the link is unknown, used or expired.
 */
export async function resetPassphrase(
  token: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<Credentials | null> {
  const passphrase = newPassphrase();
  const passphraseHash = await hashPassword(passphrase);
  return db.transaction().execute(async (trx) => {
    const reset = await forUpdate(
      trx,
      trx
        .selectFrom("board_passphrase_resets")
        .selectAll()
        .where("token_hash", "=", hashToken(token)),
    ).executeTakeFirst();
    if (!reset || reset.used_at || Date.parse(reset.expires_at) <= now.getTime()) return null;
    const application = await trx
      .selectFrom("board_applications")
      .select("reference_code")
      .where("id", "=", reset.application_id)
      .executeTakeFirst();
    if (!application) return null;
    await trx
      .updateTable("board_passphrase_resets")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", reset.token_hash)
      .execute();
    await trx
      .updateTable("board_applications")
      .set({ passphrase_hash: passphraseHash })
      .where("id", "=", reset.application_id)
      .execute();
    return { reference: application.reference_code, passphrase };
  });
}

// ---- Retention (Law no. 124/2024) -------------------------------------------------------

/** Months an application not selected is kept after the decision (BOARD_RETENTION_MONTHS). */
export function retentionMonths(): number {
  const value = Number(process.env.BOARD_RETENTION_MONTHS);
  return Number.isInteger(value) && value >= 0 && process.env.BOARD_RETENTION_MONTHS ? value : 6;
}

/**
 * Erases every application not selected whose decision is more than `months` old, keeping
 * only the email of those who chose to stay informed. Answers counts only.
 */
export async function eraseExpiredApplications(
  now = new Date(),
  months = retentionMonths(),
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<{ erased: number; keptForNews: number }> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const due = await db
    .selectFrom("board_applications")
    .innerJoin("board_calls", "board_calls.id", "board_applications.call_id")
    .select(["board_applications.id as id", "board_calls.board_id as boardId"])
    .where("board_applications.status", "=", "not_selected")
    .where("board_applications.decided_at", "is not", null)
    .where("board_applications.decided_at", "<", cutoff.toISOString())
    .execute();
  let keptForNews = 0;
  for (const { id, boardId } of due) {
    const application = await getApplication(id, db, keys);
    const keep =
      application?.fields.stayInformed === true
        ? { boardId, email: String(application.fields.email) }
        : undefined;
    if (keep) keptForNews += 1;
    await eraseApplication(id, { keepStayInformedEmail: keep }, db, keys);
  }
  return { erased: due.length, keptForNews };
}

/** Records the decision on an application (selection work sets it; the retention clock starts). */
export async function recordDecision(
  id: string,
  status: "selected" | "not_selected",
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db
    .updateTable("board_applications")
    .set({ status, decided_at: now.toISOString() })
    .where("id", "=", id)
    .execute();
}

/**
 * Everything held about one applicant, for an export on request (JSON and a readable page):
 * the application's fields, the call, the retention rule, and what review and selection hold
 * about this application only (scores and notes, recusals, redacted texts, shortlist entry,
 * NRM vote; app/board/applicant-record.server.ts). Null when the application is unknown or
 * its key is destroyed.
 */
export async function exportApplicant(
  id: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<Record<string, unknown> | null> {
  const application = await getApplication(id, db, keys);
  if (!application) return null;
  const call = await db
    .selectFrom("board_calls")
    .innerJoin("boards", "boards.id", "board_calls.board_id")
    .select([
      "boards.name as boardName",
      "boards.name_en as boardNameEn",
      "board_calls.opens_on as opensOn",
      "board_calls.closes_on as closesOn",
    ])
    .where("board_calls.id", "=", application.callId)
    .executeTakeFirst();
  return {
    application: {
      reference: application.reference,
      status: application.status,
      language: application.lang,
      submittedAt: application.submittedAt,
      decidedAt: application.decidedAt,
      ...application.fields,
    },
    call: call ?? null,
    ...(await applicantReviewRecord(id, db, keys)),
    stayInformed: (await findStayInformed(String(application.fields.email ?? ""), db)).map(
      ({ email, boardName, boardNameEn, keptSince }) => ({
        email,
        boardName,
        boardNameEn,
        keptSince,
      }),
    ),
    retention: { monthsAfterDecisionIfNotSelected: retentionMonths() },
  };
}

/**
 * Applications of one person, found by a reference code or by the email given (through the
 * keyed email hash of every call), for a data-subject request. Ids and references only.
 */
export async function findApplications(
  query: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ id: string; reference: string; callId: string; submittedAt: string }[]> {
  const select = db
    .selectFrom("board_applications")
    .select([
      "id",
      "reference_code as reference",
      "call_id as callId",
      "submitted_at as submittedAt",
    ]);
  const typed = query.trim();
  if (!typed) return [];
  if (!typed.includes("@"))
    return select.where("reference_code", "=", normaliseReference(typed)).execute();
  const calls = await db.selectFrom("board_calls").select("id").execute();
  if (calls.length === 0) return [];
  return select
    .where((eb) =>
      eb.or(
        calls.map((call) =>
          eb.and([
            eb("call_id", "=", call.id),
            eb("email_lookup", "=", emailLookup(call.id, typed)),
          ]),
        ),
      ),
    )
    .orderBy("submitted_at")
    .execute();
}
