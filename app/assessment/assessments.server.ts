import { randomUUID } from "node:crypto";

import type { ScoreSheet } from "./assessment-form";
import { allItems, isScore, SELF_ASSESSMENT, type Score } from "./instrument";
import { changeSince, scoreAssessment, type ItemScores } from "./scoring";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/** Self-assessments of programmes (identity store). */
export type Assessment = {
  id: string;
  programmeId: string;
  assessedOn: string;
  participants: string;
  status: "draft" | "completed";
  version: number;
  completedAt: string | null;
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
  input: { programmeId: string; assessedOn: string; participants: string; createdBy: string },
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
    const current = await trx
      .selectFrom("assessments")
      .select(["version", "status"])
      .where("id", "=", id)
      .executeTakeFirst();
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
  result: ReturnType<typeof scoreAssessment>;
  change: ReturnType<typeof changeSince> | null;
};

/**
 * A programme's assessments, oldest first, each scored by the one scoring module, with the
 * change since the previous completed one. Two queries, whatever the number of assessments.
 */
export async function listProgrammeHistory(
  programmeId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<HistoryEntry[]> {
  const assessments = await db
    .selectFrom("assessments")
    .select(["id", "assessed_on", "status", "created_at"])
    .where("programme_id", "=", programmeId)
    .orderBy("assessed_on")
    .orderBy("created_at")
    .execute();
  const scoresByAssessment = await scoresFor(
    assessments.map((a) => a.id),
    db,
  );
  let previous: ReturnType<typeof scoreAssessment> | null = null;
  return assessments.map((assessment) => {
    const result = scoreAssessment(scoresByAssessment.get(assessment.id) ?? {});
    const entry: HistoryEntry = {
      id: assessment.id,
      assessedOn: assessment.assessed_on,
      status: assessment.status,
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
    .orderBy("name")
    .execute();
  const completed = await db
    .selectFrom("assessments")
    .innerJoin("programmes", "programmes.id", "assessments.programme_id")
    .select([
      "assessments.id",
      "assessments.programme_id",
      "assessments.assessed_on",
      "assessments.created_at",
    ])
    .where("programmes.organisation_id", "=", organisationId)
    .where("assessments.status", "=", "completed")
    .orderBy("assessments.assessed_on")
    .orderBy("assessments.created_at")
    .execute();
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
