import { PREFER_NOT } from "./application.schemas";
import type { StoredApplication } from "./applications.server";
import type { KeyStore } from "./person-keys.server";
import { listConflicts } from "./recusal.server";
import {
  BALANCE_DIMENSIONS,
  balanceCounts,
  type BalanceDimension,
  mostDisagreed,
  scoreSpread,
  totalOf,
  type BalanceCell,
  type CriterionSpread,
  type ReviewCriterion,
} from "./review-rules";
import {
  listCallApplications,
  listScores,
  listScoringReviewers,
  type ReviewScore,
} from "./review.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * The secretariat's side of selection (issue 15): every reviewer's scores side by side with
 * their spread, the applications where reviewers disagree most, the shortlist and its balance
 * table, and fixing the shortlist (which ends blind mode for the call).
 */

/** Whether the secretariat has fixed the call's shortlist. */
export async function isShortlistFixed(callId: string, db: IdentityDb = getIdentityDb()) {
  const row = await db
    .selectFrom("board_call_selection")
    .select("shortlist_fixed_at")
    .where("call_id", "=", callId)
    .executeTakeFirst();
  return Boolean(row?.shortlist_fixed_at);
}

/** The ids of the call's shortlisted applications. */
export async function listShortlistIds(callId: string, db: IdentityDb = getIdentityDb()) {
  const rows = await db
    .selectFrom("board_shortlist")
    .select("application_id")
    .where("call_id", "=", callId)
    .execute();
  return new Set(rows.map((row) => row.application_id));
}

/** Makes the shortlist exactly `applicationIds` (ids of other calls are ignored). */
export async function setShortlist(
  callId: string,
  applicationIds: readonly string[],
  addedBy: string | null,
  now: Date,
  db: IdentityDb,
): Promise<void> {
  const valid = new Set(
    (
      await db
        .selectFrom("board_applications")
        .select("id")
        .where("call_id", "=", callId)
        .where("status", "!=", "withdrawn")
        .execute()
    )
      .map((row) => row.id)
      .filter((id) => applicationIds.includes(id)),
  );
  const current = await listShortlistIds(callId, db);
  const removed = [...current].filter((id) => !valid.has(id));
  const added = [...valid].filter((id) => !current.has(id));
  if (removed.length)
    await db.deleteFrom("board_shortlist").where("application_id", "in", removed).execute();
  if (added.length)
    await db
      .insertInto("board_shortlist")
      .values(
        added.map((id) => ({
          application_id: id,
          call_id: callId,
          added_at: now.toISOString(),
          added_by: addedBy,
        })),
      )
      .execute();
}

/** Fixes the shortlist: scores can no longer change and blind mode ends for the call. */
export async function fixShortlist(
  callId: string,
  fixedBy: string | null,
  now: Date,
  db: IdentityDb,
) {
  const values = { shortlist_fixed_at: now.toISOString(), shortlist_fixed_by: fixedBy };
  await db
    .insertInto("board_call_selection")
    .values({ call_id: callId, ...values })
    .onConflict((oc) => oc.column("call_id").doUpdateSet(values))
    .execute();
}

export type ScoreRow = {
  id: string;
  name: string;
  /** Each counted reviewer's scores, in the order of `reviewers`; null where not scored. */
  scores: (null | (Pick<ReviewScore, ReviewCriterion | "notes"> & { total: number }))[];
  /** Reviewers excluded by a conflict, in the order of `reviewers`. */
  conflicted: boolean[];
  spread: Record<ReviewCriterion, CriterionSpread> | null;
  disagreement: number | null;
  meanTotal: number | null;
  shortlisted: boolean;
};

/**
 * The side-by-side view of a call: one row per application with every reviewer's scores
 * (a reviewer with a conflict is excluded from that application's scores, even if scores were
 * stored before the conflict was recorded), the spread per criterion, the mean total, and the
 * five applications where reviewers disagree most. `reviewers` lists the assigned reviewers,
 * then former ones (removed from the call or account ended) whose scores keep counting,
 * marked `former` (decision 039).
 */
export async function scoreBoard(
  callId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
) {
  const reviewers = await listScoringReviewers(callId, db);
  const applications = await listCallApplications(callId, db, keys);
  const conflicts = new Set(
    (
      await listConflicts(
        callId,
        reviewers.map((r) => r.userId),
        applications,
        db,
      )
    ).map((c) => `${c.reviewerId}|${c.applicationId}`),
  );
  const scores = await listScores(callId, {}, db, keys);
  const shortlist = await listShortlistIds(callId, db);
  const rows: ScoreRow[] = applications.map((application) => {
    const conflicted = reviewers.map((r) => conflicts.has(`${r.userId}|${application.id}`));
    const own = reviewers.map((r, i) => {
      if (conflicted[i]) return null;
      const s = scores.find((x) => x.applicationId === application.id && x.reviewerId === r.userId);
      return s
        ? {
            experience: s.experience,
            expertise: s.expertise,
            participation: s.participation,
            notes: s.notes,
            total: totalOf(s),
          }
        : null;
    });
    const counted = own.filter((s) => s !== null);
    const spread = scoreSpread(counted);
    return {
      id: application.id,
      name: `${String(application.fields.firstName)} ${String(application.fields.lastName)}`,
      scores: own,
      conflicted,
      spread: spread?.criteria ?? null,
      disagreement: spread?.disagreement ?? null,
      meanTotal: counted.length
        ? counted.reduce((sum, s) => sum + s.total, 0) / counted.length
        : null,
      shortlisted: shortlist.has(application.id),
    };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { reviewers, rows, mostDisagreed: mostDisagreed(rows) };
}

/**
 * The balance table of a shortlist (Annex 3.2, balanced representation): counts by gender,
 * region and area of expertise from the optional answers, counts under 3 shown as "fewer than
 * 3" (app/board/review-rules.ts `balanceCounts`). An unanswered question counts as
 * "prefer not to say".
 */
export function balanceTable(
  shortlisted: readonly StoredApplication[],
): Record<BalanceDimension, BalanceCell[]> {
  const answer = (a: StoredApplication, field: string): string[] => {
    const value = a.fields[field];
    if (Array.isArray(value)) return value.length ? value.map(String) : [PREFER_NOT];
    return [typeof value === "string" && value ? value : PREFER_NOT];
  };
  return {
    gender: balanceCounts(
      shortlisted.flatMap((a) => answer(a, "gender")),
      BALANCE_DIMENSIONS.gender,
    ),
    region: balanceCounts(
      shortlisted.flatMap((a) => answer(a, "region")),
      BALANCE_DIMENSIONS.region,
    ),
    expertise: balanceCounts(
      shortlisted.flatMap((a) => answer(a, "expertise")),
      BALANCE_DIMENSIONS.expertise,
    ),
  };
}
