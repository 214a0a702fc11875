import { createHmac, randomUUID } from "node:crypto";

import { sql } from "kysely";

import { generateAccessCode, hashAccessCode } from "./access-codes.server";
import { nextPublication, responsesIn, type Tally } from "./results";
import {
  acceptSubmissions,
  hasHeldSubmissions,
  moveHeldSubmissions,
} from "../../db/response-holding";
import { getResponseDb, type ResponseDb } from "../../db/response-store";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * Everything that touches the response store. Nothing here knows who answered: no staff id,
 * no time finer than a day, no code, no order.
 */
export type Submission = {
  campaignId: string;
  templateVersion: number;
  language: string;
  respondentMode: "self" | "interview";
  period: string;
  choices: Record<string, string[]>;
  freeTexts: { questionId: string; text: string }[];
  /** Free-text and choice questions that got any answer, for the "answered" tallies. */
  answeredQuestionIds: string[];
  accessCode?: string;
  /** The form's one-time nonce: a second store of the same form (any instance) stores nothing. */
  formNonce?: string;
};

export type StoreResult = "stored" | "code_rejected";

export const RESPONSES_QUESTION = "__responses";
export const ANSWERED_CHOICE = "__answered";

/**
 * Writes a batch of submissions in the caller's transaction: the batch's form nonces are
 * recorded as spent in one statement (a form whose nonce was spent already is thanked again
 * and stores nothing more), each code is spent on its own (`UPDATE … WHERE used = 0`, so a code
 * can never be used twice), then every accepted response, every count and every free text goes
 * in with one multi-row statement per table.
 */
async function writeSubmissions(
  db: ResponseDb,
  submissions: Submission[],
): Promise<{ results: StoreResult[]; held: number }> {
  const config = getConfig();
  const results: StoreResult[] = [];
  const accepted: Submission[] = [];
  const spent = await spendFormNonces(db, submissions);
  for (const [index, submission] of submissions.entries()) {
    if (!spent[index]) {
      // The same form was stored already (another instance, or before a restart): thank it
      // again, as the first store was, and keep nothing more.
      results.push("stored");
      continue;
    }
    if (submission.accessCode !== undefined) {
      const used = await db
        .updateTable("access_codes")
        .set({ used: 1 })
        .where("code_hash", "=", hashAccessCode(submission.accessCode, config.feedbackSecret))
        .where("campaign_id", "=", submission.campaignId)
        .where("used", "=", 0)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) {
        results.push("code_rejected");
        continue;
      }
    }
    accepted.push(submission);
    results.push("stored");
  }
  if (accepted.length === 0) return { results, held: 0 };
  // Written now, or held and moved later in shuffled batches (db/response-holding.ts). The
  // code and the nonce are never part of what is kept.
  const { held } = await acceptSubmissions(
    db,
    accepted,
    {
      write: writeAccepted,
      hold: ({ accessCode: _code, formNonce: _nonce, ...kept }) => ({
        campaignId: kept.campaignId,
        payload: encryptField(config.dataKey, JSON.stringify(kept), HELD_CONTEXT),
      }),
    },
    { countUpTo: MOVE_BATCH },
  );
  if (held > 0) heldHere += accepted.length;
  return { results, held };
}

const HELD_CONTEXT = "held-submission";

/** How long a spent nonce is remembered: past the nonce's own 24 hours, counted in whole days. */
const NONCE_MEMORY_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Records the batch's form nonces as used, in the caller's transaction, with one statement
 * (one per 500 nonces). Per submission: true when its nonce was spent now, or when it has none;
 * false when the nonce was used already (before, or earlier in this batch). Only a keyed hash
 * and a day are kept (docs/decisions/019).
 */
async function spendFormNonces(db: ResponseDb, submissions: Submission[]): Promise<boolean[]> {
  const secret = getConfig().feedbackSecret;
  const expires_on = new Date(Date.now() + NONCE_MEMORY_MS).toISOString().slice(0, 10);
  const hashes = submissions.map(({ formNonce }) =>
    formNonce === undefined
      ? undefined
      : createHmac("sha256", secret).update(`spent-form-nonce|${formNonce}`).digest("base64url"),
  );
  // A nonce twice in one batch: only its first submission may spend it.
  const first = new Map<string, number>();
  hashes.forEach((hash, index) => {
    if (hash !== undefined && !first.has(hash)) first.set(hash, index);
  });
  const inserted = new Set<string>();
  for (const chunk of chunks([...first.keys()], 500)) {
    const rows = await db
      .insertInto("spent_form_nonces")
      .values(chunk.map((nonce_hash) => ({ nonce_hash, expires_on })))
      .onConflict((oc) => oc.column("nonce_hash").doNothing())
      .returning("nonce_hash")
      .execute();
    for (const row of rows) inserted.add(row.nonce_hash);
  }
  return hashes.map(
    (hash, index) => hash === undefined || (first.get(hash) === index && inserted.has(hash)),
  );
}

/** Forgets spent nonces whose forms can no longer be sent (their nonce has expired). */
export async function forgetExpiredFormNonces(db: ResponseDb = getResponseDb()): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await db.deleteFrom("spent_form_nonces").where("expires_on", "<", today).execute();
}

async function writeAcceptedPayloads(db: ResponseDb, payloads: string[]): Promise<void> {
  const key = getConfig().dataKey;
  await writeAccepted(
    db,
    payloads.map((payload) => JSON.parse(decryptField(key, payload, HELD_CONTEXT)) as Submission),
  );
}

/** Writes accepted submissions: responses, counts and free texts, one statement per table. */
async function writeAccepted(db: ResponseDb, accepted: Submission[]): Promise<void> {
  const config = getConfig();
  for (const chunk of chunks(accepted, 200)) {
    await db
      .insertInto("responses")
      .values(
        chunk.map((submission) => ({
          id: randomUUID(),
          campaign_id: submission.campaignId,
          template_version: submission.templateVersion,
          language: submission.language,
          respondent_mode: submission.respondentMode,
          submitted_period: submission.period,
          answers: JSON.stringify(submission.choices),
        })),
      )
      .execute();
  }

  // Counts summed here first, so each (campaign, question, choice, language, mode) is one row.
  const tallies = new Map<string, TallyRow & { campaign_id: string }>();
  const count = (submission: Submission, question_id: string, choice: string) => {
    const key = `${submission.campaignId}\u0000${question_id}\u0000${choice}\u0000${submission.language}\u0000${submission.respondentMode}`;
    const existing = tallies.get(key);
    if (existing) existing.count += 1;
    else
      tallies.set(key, {
        campaign_id: submission.campaignId,
        question_id,
        choice,
        language: submission.language,
        respondent_mode: submission.respondentMode,
        count: 1,
      });
  };
  for (const submission of accepted) {
    count(submission, RESPONSES_QUESTION, ANSWERED_CHOICE);
    for (const questionId of new Set(submission.answeredQuestionIds))
      count(submission, questionId, ANSWERED_CHOICE);
    for (const [questionId, choices] of Object.entries(submission.choices)) {
      for (const choice of new Set(choices)) count(submission, questionId, choice);
    }
  }
  for (const chunk of chunks([...tallies.values()], 500)) {
    await db
      .insertInto("answer_tallies")
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(["campaign_id", "question_id", "choice", "language", "respondent_mode"])
          .doUpdateSet({ count: sql`answer_tallies.count + excluded.count` }),
      )
      .execute();
  }

  const texts = accepted.flatMap((submission) =>
    submission.freeTexts.map(({ questionId, text }) => {
      const id = randomUUID();
      return {
        id,
        campaign_id: submission.campaignId,
        question_id: questionId,
        language: submission.language,
        text_encrypted: encryptField(config.dataKey, text, `free-text:${id}`),
        redacted_encrypted: null,
        status: "pending" as const,
      };
    }),
  );
  for (const chunk of chunks(texts, 200))
    await db.insertInto("free_text_answers").values(chunk).execute();
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Job = {
  submission: Submission;
  resolve: (result: StoreResult) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit: submissions that arrive while a commit is under way are written together in the
 * next transaction, so one fsync acknowledges many. Each caller is answered only after the
 * transaction holding its submission has committed. If a batch fails, its submissions are
 * retried one by one so one bad submission cannot sink the others.
 */
class SubmissionWriter {
  private pending: Job[] = [];
  private running = false;

  constructor(private readonly getDb: () => ResponseDb) {}

  store(submission: Submission): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ submission, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 200);
      let db: ResponseDb;
      try {
        db = this.getDb();
      } catch (error) {
        // No store to write to (it could not be opened): tell everyone waiting, stay usable.
        for (const job of batch) job.reject(error);
        continue;
      }
      let held = 0;
      try {
        const written = await db.transaction().execute((trx) =>
          writeSubmissions(
            trx,
            batch.map((job) => job.submission),
          ),
        );
        held = written.held;
        batch.forEach((job, index) => job.resolve(written.results[index]!));
      } catch {
        for (const job of batch) {
          try {
            const written = await db
              .transaction()
              .execute((trx) => writeSubmissions(trx, [job.submission]));
            held = Math.max(held, written.held);
            job.resolve(written.results[0]!);
          } catch (error) {
            job.reject(error);
          }
        }
      }
      if (Date.now() >= nextNonceCleanup) {
        nextNonceCleanup = Date.now() + 60 * 60 * 1000;
        void forgetExpiredFormNonces(db).catch(() => {});
      }
      if (held > 0) {
        lastHeldWriteAt = Date.now();
        scheduleMove();
      }
      if (held >= MOVE_BATCH) moveInBackground();
    }
    this.running = false;
  }
}

let nextNonceCleanup = 0;

const writer = new SubmissionWriter(() => getResponseDb());

/** Held submissions are moved once this many wait (docs/decisions/018)… */
export const MOVE_BATCH = 5;
/** …or at the latest this long after the first of them was acknowledged. */
export const MOVE_AFTER_MS = 10 * 60 * 1000;
/**
 * Under a steady stream, a move in the background starts no sooner than this many times the
 * last move's duration after it ended (at least MOVE_MIN_GAP_MS): a move rewrites every row of
 * the campaign, so moving after every fifth submission made the cost grow with the square of
 * the campaign and, on PostgreSQL, took every pooled connection (decision 018, "Load").
 */
export const MOVE_GAP_FACTOR = 10;
export const MOVE_MIN_GAP_MS = 1000;
/**
 * A move in the background also waits for a pause of `quietMs` in the submissions (a setting
 * only so a test can lengthen it on a slow machine): while they keep coming, the burst of a
 * move (decrypting, writing and rewriting the campaign) would slow every submission waiting
 * beside it (decision 018, "Moves wait for a pause")…
 */
export const MOVE_TIMING = { quietMs: 300 };
/** …unless this many are held: then it runs whatever the traffic (the 10-minute bound holds too). */
export const MOVE_HELD_CAP = 5000;
let lastHeldWriteAt = 0;
/** Submissions this instance has held since its last move (an upper bound on PostgreSQL). */
let heldHere = 0;
let moveTimer: ReturnType<typeof setTimeout> | undefined;
let gapTimer: ReturnType<typeof setTimeout> | undefined;
/** This instance's move under way, if any: one at a time, never a second waiting beside it. */
let moving: Promise<unknown> | undefined;
let moveAgain = false;
let nextMoveAt = 0;

function scheduleMove(): void {
  if (moveTimer) return;
  moveTimer = setTimeout(() => {
    moveTimer = undefined;
    void settleHeldSubmissions().catch(() => {});
  }, MOVE_AFTER_MS);
  moveTimer.unref();
}

/** Runs one move (this instance's only one), then keeps the gap before the next. */
function runMove(db: ResponseDb, wait: boolean): Promise<number | null> {
  const started = Date.now();
  const heldBefore = heldHere;
  const run = moveHeldSubmissions(db, writeAcceptedPayloads, { wait });
  moving = run
    .catch(() => null)
    .then((moved) => {
      // Everything held when the move began is moved (by it, or by another instance's).
      if (moved !== null) heldHere = Math.max(0, heldHere - heldBefore);
      const took = Date.now() - started;
      nextMoveAt = Date.now() + Math.max(MOVE_MIN_GAP_MS, took * MOVE_GAP_FACTOR);
      moving = undefined;
      // Another instance was moving: what is still held here is tried again after the gap.
      if (moved === null) moveAgain = true;
      if (moveAgain) {
        moveAgain = false;
        moveInBackground();
      }
    });
  return run;
}

/**
 * After a write that left MOVE_BATCH or more held: a move in the background, unless this
 * instance is moving already (then once more after it), the gap since the last move has not
 * passed, or submissions are still coming (then when they pause for MOVE_TIMING.quietMs, or
 * at once when MOVE_HELD_CAP are held; the 10-minute timer of scheduleMove bounds the wait in
 * any case).
 * Never waits for another instance's move.
 */
function moveInBackground(): void {
  if (moving) {
    moveAgain = true;
    return;
  }
  const now = Date.now();
  const busy = heldHere < MOVE_HELD_CAP ? lastHeldWriteAt + MOVE_TIMING.quietMs - now : 0;
  const wait = Math.max(nextMoveAt - now, busy);
  if (wait > 0) {
    gapTimer ??= setTimeout(() => {
      gapTimer = undefined;
      moveInBackground();
    }, wait);
    gapTimer.unref();
    return;
  }
  let db: ResponseDb;
  try {
    db = getResponseDb();
  } catch {
    return; // No store (it could not be opened): the next write or the timer tries again.
  }
  void runMove(db, false);
}

/**
 * Moves submissions that wait in the holding table into the response tables (PostgreSQL;
 * nothing to do on SQLite). Run by a timer, at start-up, and before any count or text is read,
 * so coordinators see the same results on both engines: it waits for this instance's move in
 * the background and for another instance's, then moves what is still held. Returns how many
 * it moved.
 */
export async function settleHeldSubmissions(db: ResponseDb = getResponseDb()): Promise<number> {
  while (moving) await moving;
  if (!(await hasHeldSubmissions(db))) return 0;
  if (moveTimer) {
    clearTimeout(moveTimer);
    moveTimer = undefined;
  }
  // Another reader may have started a move meanwhile: wait for it rather than queue beside it.
  while (moving) await moving;
  return (await runMove(db, true)) ?? 0;
}

export function storeSubmission(submission: Submission): Promise<StoreResult> {
  return writer.store(submission);
}

// ---- Access codes ---------------------------------------------------------------------------

/** Makes `count` new codes for a campaign; returns them once (only hashes are kept). */
export async function createAccessCodes(
  campaignId: string,
  count: number,
  db: ResponseDb = getResponseDb(),
) {
  const secret = getConfig().feedbackSecret;
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateAccessCode());
  const list = [...codes];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < list.length; i += 200) {
      await trx
        .insertInto("access_codes")
        .values(
          list.slice(i, i + 200).map((code) => ({
            code_hash: hashAccessCode(code, secret),
            campaign_id: campaignId,
            used: 0,
          })),
        )
        .execute();
    }
  });
  return list;
}

/** The campaign an unused code belongs to, or null (unknown and used codes look the same). */
export async function findCampaignIdForCode(
  code: string,
  db: ResponseDb = getResponseDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("access_codes")
    .select("campaign_id")
    .where("code_hash", "=", hashAccessCode(code, getConfig().feedbackSecret))
    .where("used", "=", 0)
    .executeTakeFirst();
  return row?.campaign_id ?? null;
}

export async function countAccessCodes(campaignId: string, db: ResponseDb = getResponseDb()) {
  const row = await db
    .selectFrom("access_codes")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.sum<number>("used").as("used")])
    .where("campaign_id", "=", campaignId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), used: Number(row.used ?? 0) };
}

// ---- Results ---------------------------------------------------------------------------------

export type TallyRow = {
  question_id: string;
  choice: string;
  language: string;
  respondent_mode: string;
  count: number;
};

/** How many responses a campaign has received (a count, nothing about them). */
export async function countResponses(
  campaignId: string,
  db: ResponseDb = getResponseDb(),
): Promise<number> {
  await settleHeldSubmissions(db);
  const row = await db
    .selectFrom("answer_tallies")
    .select((eb) => eb.fn.sum<number>("count").as("n"))
    .where("campaign_id", "=", campaignId)
    .where("question_id", "=", RESPONSES_QUESTION)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * What a campaign's staff page counts, in one query (issue 17): the responses received, the
 * access codes made and used, the free-text answers by review status. The same figures as
 * countResponses, countAccessCodes and countFreeText, held submissions settled first.
 */
export async function countCampaignActivity(
  campaignId: string,
  db: ResponseDb = getResponseDb(),
): Promise<{
  responses: number;
  codes: { total: number; used: number };
  freeText: { pending: number; approved: number; rejected: number };
}> {
  await settleHeldSubmissions(db);
  const freeText = (status: "pending" | "approved" | "rejected") =>
    db
      .selectFrom("free_text_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaignId)
      .where("status", "=", status);
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("answer_tallies")
        .select((sub) => sub.fn.sum<number>("count").as("n"))
        .where("campaign_id", "=", campaignId)
        .where("question_id", "=", RESPONSES_QUESTION)
        .as("responses"),
      eb
        .selectFrom("access_codes")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .where("campaign_id", "=", campaignId)
        .as("codes_total"),
      eb
        .selectFrom("access_codes")
        .select((sub) => sub.fn.sum<number>("used").as("n"))
        .where("campaign_id", "=", campaignId)
        .as("codes_used"),
      freeText("pending").as("pending"),
      freeText("approved").as("approved"),
      freeText("rejected").as("rejected"),
    ])
    .executeTakeFirstOrThrow();
  return {
    responses: Number(row.responses ?? 0),
    codes: { total: Number(row.codes_total ?? 0), used: Number(row.codes_used ?? 0) },
    freeText: {
      pending: Number(row.pending ?? 0),
      approved: Number(row.approved ?? 0),
      rejected: Number(row.rejected ?? 0),
    },
  };
}

export type PublishedResults = {
  /** The counts results and exports show (nextPublication in results.ts). */
  tallies: readonly Tally[];
  /** Responses received so far (the published counts may include fewer). */
  received: number;
};

/**
 * The counts results and exports show, moved on in steps of at least k responses
 * (nextPublication in results.ts, docs/decisions/009). What was shown last is kept encrypted
 * with the data key.
 */
export async function getPublishedResults(
  campaignId: string,
  k: number,
  db: ResponseDb = getResponseDb(),
): Promise<PublishedResults> {
  await settleHeldSubmissions(db);
  const key = getConfig().dataKey;
  const context = `published-results:${campaignId}`;
  return db.transaction().execute(async (trx) => {
    const live = (
      await trx
        .selectFrom("answer_tallies")
        .select(["question_id", "choice", "language", "respondent_mode", "count"])
        .where("campaign_id", "=", campaignId)
        .execute()
    ).map((row) => ({ ...row, count: Number(row.count) }));
    const row = await trx
      .selectFrom("published_results")
      .select("publication_encrypted")
      .where("campaign_id", "=", campaignId)
      .executeTakeFirst();
    const last = row
      ? (JSON.parse(decryptField(key, row.publication_encrypted, context)) as Tally[])
      : null;
    const next = nextPublication(live, last, k);
    if (responsesIn(next) !== responsesIn(last ?? [])) {
      const publication_encrypted = encryptField(key, JSON.stringify(next), context);
      await trx
        .insertInto("published_results")
        .values({ campaign_id: campaignId, publication_encrypted })
        .onConflict((oc) => oc.column("campaign_id").doUpdateSet({ publication_encrypted }))
        .execute();
    }
    return { tallies: next, received: responsesIn(live) };
  });
}

// ---- Free text -------------------------------------------------------------------------------

export type FreeTextItem = {
  id: string;
  questionId: string;
  language: string;
  text: string;
  redacted: string | null;
  status: string;
};

export async function listFreeText(
  campaignId: string,
  status: "pending" | "approved" | "rejected",
  db: ResponseDb = getResponseDb(),
): Promise<FreeTextItem[]> {
  await settleHeldSubmissions(db);
  const key = getConfig().dataKey;
  const rows = await db
    .selectFrom("free_text_answers")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("status", "=", status)
    // Random ids: this order says nothing about when anything was sent.
    .orderBy("question_id")
    .orderBy("id")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    questionId: row.question_id,
    language: row.language,
    text: decryptField(key, row.text_encrypted, `free-text:${row.id}`),
    redacted: row.redacted_encrypted
      ? decryptField(key, row.redacted_encrypted, `free-text-redacted:${row.id}`)
      : null,
    status: row.status,
  }));
}

export async function countFreeText(campaignId: string, db: ResponseDb = getResponseDb()) {
  await settleHeldSubmissions(db);
  const rows = await db
    .selectFrom("free_text_answers")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy("status")
    .execute();
  const counts = { pending: 0, approved: 0, rejected: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/**
 * Approves a pending free-text answer with its redacted wording, or leaves it out of reports.
 * False when no pending text has this id (already reviewed, or not this campaign's).
 */
export async function reviewFreeText(
  campaignId: string,
  id: string,
  decision: { approve: true; redacted: string } | { approve: false },
  db: ResponseDb = getResponseDb(),
): Promise<boolean> {
  const key = getConfig().dataKey;
  const result = await db
    .updateTable("free_text_answers")
    .set(
      decision.approve
        ? {
            status: "approved",
            redacted_encrypted: encryptField(key, decision.redacted, `free-text-redacted:${id}`),
          }
        : { status: "rejected", redacted_encrypted: null },
    )
    .where("id", "=", id)
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes back an approved text: it leaves reports and exports at once and returns to the queue
 * as pending, its redacted wording cleared, so it can be redacted again or left out. Nothing
 * else about the row changes (no time is kept). False when no approved text has this id.
 */
export async function withdrawFreeText(
  campaignId: string,
  id: string,
  db: ResponseDb = getResponseDb(),
): Promise<boolean> {
  const result = await db
    .updateTable("free_text_answers")
    .set({ status: "pending", redacted_encrypted: null })
    .where("id", "=", id)
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
