import { randomUUID } from "node:crypto";

import type { ScoreSheet } from "./assessment-form";
import { allItems, isScore, SELF_ASSESSMENT, type Score } from "./instrument";
import { changeSince, scoreAssessment, type ItemScores } from "./scoring";
import { albanianOrder } from "../../db/collation";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";

/** Self-assessments of programmes (identity store). */
export type Assessment = {
  id: string;
  programmeId: string;
  assessedOn: string;
  participants: string;
  status: "draft" | "completed";
  version: number;
  completedAt: string | null;
  revisionOf: string | null;
  sheet: ScoreSheet;
};

function emptySheet(): ScoreSheet {
  const sheet: ScoreSheet = { scores: {}, notes: {} };
  for (const { itemId } of allItems()) {
    sheet.scores[itemId] = null;
    sheet.notes[itemId] = "";
  }
  return sheet;
}

export async function insertAssessment(
  input: {
    programmeId: string;
    assessedOn: string;
    participants: string;
    createdBy: string | null;
  },
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("assessments")
    .values({
      id,
      programme_id: input.programmeId,
      assessed_on: input.assessedOn,
      participants: input.participants,
      status: "draft",
      version: 1,
      instrument_version: SELF_ASSESSMENT.version,
      created_by: input.createdBy,
      created_at: new Date().toISOString(),
      completed_at: null,
    })
    .execute();
  return id;
}

export async function getAssessment(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Assessment | null> {
  const row = await db
    .selectFrom("assessments")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const scores = await db
    .selectFrom("assessment_scores")
    .selectAll()
    .where("assessment_id", "=", id)
    .execute();
  const sheet = emptySheet();
  for (const score of scores) {
    sheet.scores[score.item_id] = isScore(score.score) ? score.score : null;
    sheet.notes[score.item_id] = score.note;
  }
  return {
    id: row.id,
    programmeId: row.programme_id,
    assessedOn: row.assessed_on,
    participants: row.participants,
    status: row.status,
    version: row.version,
    completedAt: row.completed_at,
    revisionOf: row.revision_of,
    sheet,
  };
}

export type SaveResult =
  { ok: true; version: number } | { ok: false; reason: "conflict" | "completed" };

/**
 * Saves a draft (or completes it) only if nobody saved it since `expectedVersion` was read:
 * the version check and the write are one transaction, so a second saver is told, not ignored.
 */
export async function saveAssessment(
  id: string,
  expectedVersion: number,
  input: { assessedOn: string; participants: string; sheet: ScoreSheet; complete: boolean },
  db: IdentityDb = getIdentityDb(),
): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const current = await forUpdate(
      trx,
      trx.selectFrom("assessments").select(["version", "status"]).where("id", "=", id),
    ).executeTakeFirst();
    if (!current) throw new Response("Not Found", { status: 404 });
    if (current.status === "completed") return { ok: false, reason: "completed" } as const;
    if (current.version !== expectedVersion) return { ok: false, reason: "conflict" } as const;
    const now = new Date().toISOString();
    await trx
      .updateTable("assessments")
      .set({
        assessed_on: input.assessedOn,
        participants: input.participants,
        status: input.complete ? "completed" : "draft",
        completed_at: input.complete ? now : null,
        version: expectedVersion + 1,
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("assessment_scores").where("assessment_id", "=", id).execute();
    const rows = allItems().map(({ itemId }) => ({
      assessment_id: id,
      item_id: itemId,
      score: input.sheet.scores[itemId] ?? null,
      note: input.sheet.notes[itemId] ?? "",
    }));
    await trx.insertInto("assessment_scores").values(rows).execute();
    return { ok: true, version: expectedVersion + 1 } as const;
  });
}

export type HistoryEntry = {
  id: string;
  assessedOn: string;
  status: "draft" | "completed";
  /** Display name of the person who started it (null once their account is gone). */
  startedBy: string | null;
  /** Who takes part, as written on the form. */
  participants: string;
  result: ReturnType<typeof scoreAssessment>;
  change: ReturnType<typeof changeSince> | null;
};

/**
 * A programme's assessments, oldest first, each scored by the one scoring module, with the
 * change since the previous completed one. Two queries, whatever the number of assessments.
 * The whole history, for the CSV export; the programme page reads it a page at a time
 * (listProgrammeHistoryPage).
 */
export async function listProgrammeHistory(
  programmeId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<HistoryEntry[]> {
  const assessments = await historyRows(programmeId, db);
  const scores = await scoresFor(
    assessments.map((a) => a.id),
    db,
  );
  return historyEntries(assessments, scores, null);
}

/** Assessments in one page of a programme's history (issue 17: 1,000 assessments stay fast). */
export const HISTORY_PAGE_SIZE = 50;
/** Completed assessments in the history's chart: the latest ones. */
export const HISTORY_CHART_BARS = 12;

export type HistoryPage = {
  /** This page's assessments, oldest first, each with its change since the completed one before. */
  entries: HistoryEntry[];
  /** 1 is the newest assessments; the highest page the oldest. */
  page: number;
  pageCount: number;
  /** Assessments in the whole history (superseded ones left out, as on the page). */
  total: number;
  /** The latest completed assessments of the whole history (at most 12), oldest first. */
  latestCompleted: { id: string; assessedOn: string; total: number; max: number }[];
};

/**
 * One page of a programme's history: page 1 holds the newest HISTORY_PAGE_SIZE assessments,
 * page 2 the ones before them, and so on; within a page, oldest first as on paper. A page out
 * of range gives the nearest one (a bookmarked page after assessments were removed). Reads
 * every assessment's date and status (one light query), but scores only this page's, the
 * completed one just before it (for the change) and the chart's: four queries at most,
 * whatever the history's length.
 */
export async function listProgrammeHistoryPage(
  programmeId: string,
  requestedPage: number,
  db: IdentityDb = getIdentityDb(),
): Promise<HistoryPage> {
  const assessments = await historyRows(programmeId, db);
  const total = assessments.length;
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const end = total - (page - 1) * HISTORY_PAGE_SIZE;
  const start = Math.max(0, end - HISTORY_PAGE_SIZE);
  const onPage = assessments.slice(start, end);
  const before = assessments
    .slice(0, start)
    .filter((a) => a.status === "completed")
    .at(-1);
  const charted = assessments.filter((a) => a.status === "completed").slice(-HISTORY_CHART_BARS);
  const scores = await scoresFor(
    [...new Set([...onPage, ...charted, ...(before ? [before] : [])].map((a) => a.id))],
    db,
  );
  const previous = before ? scoreAssessment(scores.get(before.id) ?? {}) : null;
  return {
    entries: historyEntries(onPage, scores, previous),
    page,
    pageCount,
    total,
    latestCompleted: charted.map((assessment) => {
      const result = scoreAssessment(scores.get(assessment.id) ?? {});
      return {
        id: assessment.id,
        assessedOn: assessment.assessed_on,
        total: result.total,
        max: result.max,
      };
    }),
  };
}

/** Every assessment of a programme, oldest first, without those a completed revision replaced. */
async function historyRows(programmeId: string, db: IdentityDb) {
  const all = await db
    .selectFrom("assessments")
    .leftJoin("users", "users.id", "assessments.created_by")
    .select([
      "assessments.id",
      "assessments.assessed_on",
      "assessments.status",
      "assessments.created_at",
      "assessments.revision_of",
      "assessments.participants",
      "users.display_name as started_by",
    ])
    .where("assessments.programme_id", "=", programmeId)
    .orderBy("assessments.assessed_on")
    .orderBy("assessments.created_at")
    .execute();
  return withoutSuperseded(all);
}

/** Scores each row; a completed one gets its change since the completed one before it. */
function historyEntries(
  rows: Awaited<ReturnType<typeof historyRows>>,
  scores: Map<string, ItemScores>,
  previousCompleted: ReturnType<typeof scoreAssessment> | null,
): HistoryEntry[] {
  let previous = previousCompleted;
  return rows.map((assessment) => {
    const result = scoreAssessment(scores.get(assessment.id) ?? {});
    const entry: HistoryEntry = {
      id: assessment.id,
      assessedOn: assessment.assessed_on,
      status: assessment.status,
      startedBy: assessment.started_by,
      participants: assessment.participants,
      result,
      change: assessment.status === "completed" ? changeSince(previous, result) : null,
    };
    if (assessment.status === "completed") previous = result;
    return entry;
  });
}

/** For each programme of an organisation: its latest completed assessment's result, if any. */
export async function latestResultsForOrganisation(
  organisationId: string,
  db: IdentityDb = getIdentityDb(),
) {
  const programmes = await db
    .selectFrom("programmes")
    .select(["id", "name", "status"])
    .where("organisation_id", "=", organisationId)
    .orderBy(albanianOrder(db, "name"))
    .orderBy("id")
    .execute();
  const allCompleted = await db
    .selectFrom("assessments")
    .innerJoin("programmes", "programmes.id", "assessments.programme_id")
    .select([
      "assessments.id",
      "assessments.programme_id",
      "assessments.assessed_on",
      "assessments.created_at",
      "assessments.status",
      "assessments.revision_of",
    ])
    .where("programmes.organisation_id", "=", organisationId)
    .where("assessments.status", "=", "completed")
    .orderBy("assessments.assessed_on")
    .orderBy("assessments.created_at")
    .execute();
  const completed = withoutSuperseded(allCompleted);
  const latest = new Map<string, { id: string; assessedOn: string }>();
  for (const row of completed)
    latest.set(row.programme_id, { id: row.id, assessedOn: row.assessed_on });
  const scores = await scoresFor(
    [...latest.values()].map((l) => l.id),
    db,
  );
  return programmes.map((programme) => {
    const last = latest.get(programme.id);
    return {
      id: programme.id,
      name: programme.name,
      status: programme.status,
      assessedOn: last?.assessedOn ?? null,
      result: last ? scoreAssessment(scores.get(last.id) ?? {}) : null,
    };
  });
}

async function scoresFor(ids: string[], db: IdentityDb): Promise<Map<string, ItemScores>> {
  const map = new Map<string, ItemScores>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom("assessment_scores")
      .select(["assessment_id", "item_id", "score"])
      .where("assessment_id", "in", chunk)
      .execute();
    for (const row of rows) {
      const scores = map.get(row.assessment_id) ?? {};
      if (isScore(row.score)) scores[row.item_id] = row.score as Score;
      map.set(row.assessment_id, scores);
    }
  }
  return map;
}

/** Drops every assessment that a completed revision has replaced (the history keeps the latest). */
function withoutSuperseded<T extends { id: string; status: string; revision_of: string | null }>(
  rows: T[],
): T[] {
  const superseded = new Set(
    rows.filter((r) => r.status === "completed" && r.revision_of).map((r) => r.revision_of),
  );
  return rows.filter((row) => !superseded.has(row.id));
}

/**
 * Editing a completed assessment: a new draft that copies its date, participants, scores and
 * notes and points at it. Once completed it replaces the original in the history; the original
 * is kept and listed among the revisions.
 */
export async function insertRevision(
  original: Assessment,
  createdBy: string | null,
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const id = await insertAssessment(
      {
        programmeId: original.programmeId,
        assessedOn: original.assessedOn,
        participants: original.participants,
        createdBy,
      },
      trx,
    );
    await trx
      .updateTable("assessments")
      .set({ revision_of: original.id })
      .where("id", "=", id)
      .execute();
    await trx
      .insertInto("assessment_scores")
      .values(
        allItems().map(({ itemId }) => ({
          assessment_id: id,
          item_id: itemId,
          score: original.sheet.scores[itemId] ?? null,
          note: original.sheet.notes[itemId] ?? "",
        })),
      )
      .execute();
    return id;
  });
}

/** The chain of revisions an assessment belongs to, oldest first. */
export async function listRevisions(assessmentId: string, db: IdentityDb = getIdentityDb()) {
  const start = await db
    .selectFrom("assessments")
    .select(["programme_id"])
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  if (!start) return [];
  const rows = await db
    .selectFrom("assessments")
    .select(["id", "revision_of", "status", "created_at", "completed_at"])
    .where("programme_id", "=", start.programme_id)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Walk back to the first version, then forward through the revisions that follow it.
  let first = byId.get(assessmentId);
  while (first?.revision_of && byId.has(first.revision_of)) first = byId.get(first.revision_of);
  const chain = [];
  for (let current = first; current; current = rows.find((row) => row.revision_of === current!.id))
    chain.push(current);
  return chain.map((row, index) => ({
    id: row.id,
    number: index + 1,
    status: row.status,
    completedAt: row.completed_at,
  }));
}

// ---- Team scoring: each assessor's own sheet, kept beside the agreed scores ----------------

export async function saveAssessorSheet(
  assessmentId: string,
  assessorId: string,
  sheet: ScoreSheet,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("assessor_scores")
      .where("assessment_id", "=", assessmentId)
      .where("assessor_id", "=", assessorId)
      .execute();
    await trx
      .insertInto("assessor_scores")
      .values(
        allItems().map(({ itemId }) => ({
          assessment_id: assessmentId,
          assessor_id: assessorId,
          item_id: itemId,
          score: sheet.scores[itemId] ?? null,
          note: sheet.notes[itemId] ?? "",
        })),
      )
      .execute();
  });
}

export type AssessorSheet = { assessorId: string; name: string; sheet: ScoreSheet };

/** Every assessor's own sheet for an assessment, by name. */
export async function listAssessorSheets(
  assessmentId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<AssessorSheet[]> {
  const rows = await db
    .selectFrom("assessor_scores")
    .innerJoin("users", "users.id", "assessor_scores.assessor_id")
    .select([
      "assessor_scores.assessor_id",
      "users.display_name",
      "assessor_scores.item_id",
      "assessor_scores.score",
      "assessor_scores.note",
    ])
    .where("assessor_scores.assessment_id", "=", assessmentId)
    .orderBy(albanianOrder(db, "users.display_name"))
    .execute();
  const sheets = new Map<string, AssessorSheet>();
  for (const row of rows) {
    const entry = sheets.get(row.assessor_id) ?? {
      assessorId: row.assessor_id,
      name: row.display_name,
      sheet: emptySheet(),
    };
    entry.sheet.scores[row.item_id] = isScore(row.score) ? row.score : null;
    entry.sheet.notes[row.item_id] = row.note;
    sheets.set(row.assessor_id, entry);
  }
  return [...sheets.values()];
}
