import { decryptApplicationFields, type StoredApplication } from "./applications.server";
import { boardNameIn } from "./boards.server";
import { getPersonKey, getPersonKeys, type KeyStore } from "./person-keys.server";
import { FREE_TEXT_FIELDS, type CriterionScores, type FreeTexts } from "./review-rules";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { accountFieldsOf } from "../auth/account-keys.server";
import type { Lang } from "../i18n/lang";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * Review of a call's applications in the identity store (migration 0013): which reviewers the
 * secretariat assigned, the free text as redacted for blind review, and each reviewer's scores.
 * Conflicts of interest live in app/board/recusal.server.ts; the shortlist in
 * app/board/shortlist.server.ts.
 */

/** A reviewer assigned to a call: who, and whether they went through the list of names. */
export type CallReviewer = {
  userId: string;
  email: string;
  displayName: string;
  recusalDone: boolean;
};

/**
 * `rows` (reviewers by name, as the query sorted them) with the email and name of a board
 * member's sealed account opened (decision 046; a member given the reviewer role), sorted
 * again by name then id when there was one. Staff accounts are as stored.
 */
async function withOpenedNames<T extends { userId: string; email: string; displayName: string }>(
  rows: T[],
  db: IdentityDb,
): Promise<T[]> {
  const sealed = rows.filter((row) => row.displayName === "");
  if (sealed.length === 0) return rows;
  const opened = await accountFieldsOf(
    sealed.map((row) => row.userId),
    db,
  );
  return rows
    .map((row) => ({ ...row, ...opened.get(row.userId) }))
    .sort((a, b) =>
      a.displayName === b.displayName
        ? a.userId < b.userId
          ? -1
          : 1
        : a.displayName < b.displayName
          ? -1
          : 1,
    );
}

/** The reviewers assigned to a call, by name. */
export async function listCallReviewers(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<CallReviewer[]> {
  const rows = await db
    .selectFrom("board_call_reviewers")
    .innerJoin("users", "users.id", "board_call_reviewers.user_id")
    .select([
      "users.id as userId",
      "users.email as email",
      "users.display_name as displayName",
      "board_call_reviewers.recusal_done_at as recusalDoneAt",
    ])
    .where("board_call_reviewers.call_id", "=", callId)
    .orderBy("users.display_name")
    .orderBy("users.id")
    .execute();
  return withOpenedNames(
    rows.map(({ recusalDoneAt, ...row }) => ({ ...row, recusalDone: recusalDoneAt !== null })),
    db,
  );
}

/** A reviewer whose scores count in a call; `former` when no longer assigned or their account ended. */
export type ScoringReviewer = CallReviewer & { former: boolean };

/**
 * Everyone whose scores of the call count (decision 039): the reviewers assigned now, then
 * those who scored an application of the call before they were removed from it or their account
 * ended (`former`), each group by name. A former reviewer's scores stay counted and are shown
 * as theirs; only a conflict of interest sets a score aside.
 */
export async function listScoringReviewers(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<ScoringReviewer[]> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("board_call_reviewers", (join) =>
      join
        .onRef("board_call_reviewers.user_id", "=", "users.id")
        .on("board_call_reviewers.call_id", "=", callId),
    )
    .select([
      "users.id as userId",
      "users.email as email",
      "users.display_name as displayName",
      "users.status as status",
      "board_call_reviewers.user_id as assignedId",
      "board_call_reviewers.recusal_done_at as recusalDoneAt",
    ])
    .where((eb) =>
      eb.or([
        eb("board_call_reviewers.user_id", "is not", null),
        eb(
          "users.id",
          "in",
          eb
            .selectFrom("board_review_scores")
            .innerJoin(
              "board_applications",
              "board_applications.id",
              "board_review_scores.application_id",
            )
            .select("board_review_scores.reviewer_id")
            .where("board_applications.call_id", "=", callId),
        ),
      ]),
    )
    .orderBy("users.display_name")
    .orderBy("users.id")
    .execute();
  const all = await withOpenedNames(
    rows.map(({ assignedId, status, recusalDoneAt, ...row }) => ({
      ...row,
      recusalDone: recusalDoneAt !== null,
      former: assignedId === null || status !== "active",
    })),
    db,
  );
  return [...all.filter((r) => !r.former), ...all.filter((r) => r.former)];
}

/** Every active account with the reviewer role (those the secretariat may assign). */
export async function listReviewerAccounts(db: IdentityDb = getIdentityDb()) {
  const rows = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id as userId", "users.email as email", "users.display_name as displayName"])
    .where("user_roles.role", "=", "reviewer")
    .where("users.status", "=", "active")
    .orderBy("users.display_name")
    .orderBy("users.id")
    .execute();
  return withOpenedNames(rows, db);
}

/**
 * Makes the call's reviewers exactly `userIds` (accounts without the reviewer role are left
 * out). A reviewer kept keeps their recusal and scores; one removed loses the call (their
 * scores stay, for the record, and keep counting). Answers who was added and who removed.
 */
export async function setCallReviewers(
  callId: string,
  userIds: readonly string[],
  assignedBy: string | null,
  now: Date,
  db: IdentityDb,
): Promise<{ added: string[]; removed: string[] }> {
  const eligible = new Set(
    (await listReviewerAccounts(db)).map((a) => a.userId).filter((id) => userIds.includes(id)),
  );
  const current = new Set((await listCallReviewers(callId, db)).map((r) => r.userId));
  const added = [...eligible].filter((id) => !current.has(id)).sort();
  const removed = [...current].filter((id) => !eligible.has(id)).sort();
  if (added.length)
    await db
      .insertInto("board_call_reviewers")
      .values(
        added.map((userId) => ({
          call_id: callId,
          user_id: userId,
          assigned_at: now.toISOString(),
          assigned_by: assignedBy,
          recusal_done_at: null,
        })),
      )
      .execute();
  if (removed.length)
    await db
      .deleteFrom("board_call_reviewers")
      .where("call_id", "=", callId)
      .where("user_id", "in", removed)
      .execute();
  return { added, removed };
}

/**
 * Whether `userId` is assigned to review `callId`, whether they finished the names list, and
 * when they last did (ISO instant; applications sent after it are not cleared for them yet).
 */
export async function getAssignment(
  callId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ recusalDone: boolean; recusalDoneAt: string | null } | null> {
  const row = await db
    .selectFrom("board_call_reviewers")
    .select("recusal_done_at")
    .where("call_id", "=", callId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? { recusalDone: row.recusal_done_at !== null, recusalDoneAt: row.recusal_done_at }
    : null;
}

/** The calls a reviewer is assigned to, with their board's name in `lang`, the latest first. */
export async function listCallsToReview(
  userId: string,
  lang: Lang = "sq",
  db: IdentityDb = getIdentityDb(),
) {
  const rows = await db
    .selectFrom("board_call_reviewers")
    .innerJoin("board_calls", "board_calls.id", "board_call_reviewers.call_id")
    .innerJoin("boards", "boards.id", "board_calls.board_id")
    .select((eb) => [
      "board_calls.id as callId",
      boardNameIn(lang)(eb).as("boardName"),
      "board_calls.opens_on as opensOn",
      "board_calls.closes_on as closesOn",
      "board_call_reviewers.recusal_done_at as recusalDoneAt",
    ])
    .where("board_call_reviewers.user_id", "=", userId)
    .orderBy("board_calls.opens_on", "desc")
    .orderBy("board_calls.id")
    .execute();
  return rows.map(({ recusalDoneAt, ...row }) => ({ ...row, recusalDone: recusalDoneAt !== null }));
}

/** The ids of a call's applications under review (every status but withdrawn), oldest first. */
export async function listCallApplicationIds(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string[]> {
  const rows = await db
    .selectFrom("board_applications")
    .select("id")
    .where("call_id", "=", callId)
    .where("status", "!=", "withdrawn")
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** Whether `applicationId` is an application of `callId` (any status). */
export async function isApplicationOfCall(
  callId: string,
  applicationId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const row = await db
    .selectFrom("board_applications")
    .select("id")
    .where("id", "=", applicationId)
    .where("call_id", "=", callId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A call's applications under review (every status but withdrawn), oldest first, decrypted;
 * those whose key was destroyed are left out. Two queries and one key lookup per 500, whatever
 * the number of applications. With `fields`, only those fields are decrypted (the others are
 * absent from `fields`): the reviewer's list needs three of twenty.
 */
export async function listCallApplications(
  callId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  options: { fields?: readonly string[] } = {},
): Promise<StoredApplication[]> {
  const rows = await db
    .selectFrom("board_applications")
    .selectAll()
    .where("call_id", "=", callId)
    .where("status", "!=", "withdrawn")
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  const personKeys = await getPersonKeys(
    rows.map((row) => row.id),
    keys,
  );
  return rows.flatMap((row) => {
    const key = personKeys.get(row.id);
    return key
      ? [
          {
            id: row.id,
            callId: row.call_id,
            status: row.status,
            reference: row.reference_code,
            lang: row.lang as Lang,
            submittedAt: row.submitted_at,
            decidedAt: row.decided_at,
            fields: decryptApplicationFields(key, row.id, row.fields_encrypted, options.fields),
          },
        ]
      : [];
  });
}

// ---- Redaction for blind review ----------------------------------------------------------

/** Stores the redacted free texts of an application (replacing earlier ones). */
export async function saveRedaction(
  applicationId: string,
  texts: FreeTexts,
  redactedBy: string | null,
  now: Date,
  db: IdentityDb,
  keys?: KeyStore,
): Promise<boolean> {
  const key = await getPersonKey(applicationId, keys);
  if (!key) return false;
  const fields_encrypted = JSON.stringify(
    Object.fromEntries(
      FREE_TEXT_FIELDS.map((field) => [
        field,
        encryptField(key, texts[field], `board_application_redactions|${applicationId}|${field}`),
      ]),
    ),
  );
  const values = { fields_encrypted, redacted_at: now.toISOString(), redacted_by: redactedBy };
  await db
    .insertInto("board_application_redactions")
    .values({ application_id: applicationId, ...values })
    .onConflict((oc) => oc.column("application_id").doUpdateSet(values))
    .execute();
  return true;
}

/** The redacted free texts of an application, or null when the secretariat has not redacted it. */
export async function getRedaction(
  applicationId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<(FreeTexts & { redactedAt: string }) | null> {
  const row = await db
    .selectFrom("board_application_redactions")
    .selectAll()
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  const key = row ? await getPersonKey(applicationId, keys) : null;
  if (!row || !key) return null;
  const stored = JSON.parse(row.fields_encrypted) as Record<string, string>;
  const texts = Object.fromEntries(
    FREE_TEXT_FIELDS.map((field) => [
      field,
      stored[field]
        ? decryptField(key, stored[field], `board_application_redactions|${applicationId}|${field}`)
        : "",
    ]),
  ) as FreeTexts;
  return { ...texts, redactedAt: row.redacted_at };
}

/** The ids of a call's applications the secretariat has redacted. */
export async function listRedactedIds(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("board_application_redactions")
    .innerJoin(
      "board_applications",
      "board_applications.id",
      "board_application_redactions.application_id",
    )
    .select("board_application_redactions.application_id as id")
    .where("board_applications.call_id", "=", callId)
    .execute();
  return new Set(rows.map((row) => row.id));
}

// ---- Scores ---------------------------------------------------------------------------

export type ReviewScore = CriterionScores & {
  applicationId: string;
  reviewerId: string;
  notes: string;
  submittedAt: string;
};

/** Stores (or replaces) one reviewer's scores of one application; notes encrypted. */
export async function saveScore(
  score: CriterionScores & { applicationId: string; reviewerId: string; notes: string },
  now: Date,
  db: IdentityDb,
  keys?: KeyStore,
): Promise<boolean> {
  const key = await getPersonKey(score.applicationId, keys);
  if (!key) return false;
  const values = {
    experience: score.experience,
    expertise: score.expertise,
    participation: score.participation,
    notes_encrypted: encryptField(
      key,
      score.notes,
      `board_review_scores|${score.applicationId}|${score.reviewerId}`,
    ),
    submitted_at: now.toISOString(),
  };
  await db
    .insertInto("board_review_scores")
    .values({ application_id: score.applicationId, reviewer_id: score.reviewerId, ...values })
    .onConflict((oc) => oc.columns(["application_id", "reviewer_id"]).doUpdateSet(values))
    .execute();
  return true;
}

/** The ids of the call's applications `reviewerId` has scored. */
export async function listScoredIds(
  callId: string,
  reviewerId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("board_review_scores")
    .innerJoin("board_applications", "board_applications.id", "board_review_scores.application_id")
    .select("board_review_scores.application_id as id")
    .where("board_applications.call_id", "=", callId)
    .where("board_review_scores.reviewer_id", "=", reviewerId)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Scores of a call's applications, with notes decrypted: every reviewer's (for the secretariat),
 * or only `reviewerId`'s (a reviewer never sees another reviewer's scores).
 */
export async function listScores(
  callId: string,
  options: { reviewerId?: string } = {},
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<ReviewScore[]> {
  let query = db
    .selectFrom("board_review_scores")
    .innerJoin("board_applications", "board_applications.id", "board_review_scores.application_id")
    .selectAll("board_review_scores")
    .where("board_applications.call_id", "=", callId);
  if (options.reviewerId)
    query = query.where("board_review_scores.reviewer_id", "=", options.reviewerId);
  const rows = await query
    .orderBy("board_review_scores.application_id")
    .orderBy("board_review_scores.reviewer_id")
    .execute();
  const out: ReviewScore[] = [];
  for (const row of rows) {
    const key = await getPersonKey(row.application_id, keys);
    if (!key) continue;
    out.push({
      applicationId: row.application_id,
      reviewerId: row.reviewer_id,
      experience: Number(row.experience),
      expertise: Number(row.expertise),
      participation: Number(row.participation),
      notes: decryptField(
        key,
        row.notes_encrypted,
        `board_review_scores|${row.application_id}|${row.reviewer_id}`,
      ),
      submittedAt: row.submitted_at,
    });
  }
  return out;
}
