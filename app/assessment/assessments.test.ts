import { beforeAll, describe, expect, it } from "vitest";

import { parseScoreSheet, type ScoreSheet } from "./assessment-form";
import {
  getAssessment,
  insertAssessment,
  insertRevision,
  listProgrammeHistory,
  listRevisions,
  saveAssessment,
} from "./assessments.server";
import { allItems } from "./instrument";
import { insertOrganisation, insertProgramme } from "./organisations.server";
import { migrateIdentityStore } from "../../db/identity-store";

function sheetOf(score: 0 | 1 | 2): ScoreSheet {
  const sheet: ScoreSheet = { scores: {}, notes: {} };
  for (const { itemId } of allItems()) {
    sheet.scores[itemId] = score;
    sheet.notes[itemId] = "";
  }
  return sheet;
}

describe("reading the scoring form", () => {
  it("takes 0, 1, 2 or nothing, and notes", () => {
    const form = new FormData();
    form.set("score:employment_opportunities", "2");
    form.set("score:leadership_positions", "");
    form.set("note:employment_opportunities", "Two survivor staff.");
    const { sheet, errors } = parseScoreSheet(form);
    expect(errors).toEqual({});
    expect(sheet.scores.employment_opportunities).toBe(2);
    expect(sheet.scores.leadership_positions).toBeNull();
    expect(sheet.notes.employment_opportunities).toBe("Two survivor staff.");
    expect(Object.keys(sheet.scores)).toHaveLength(15);
  });

  it("refuses other scores, unknown items and notes over 2,000 characters, keeping what was typed", () => {
    const form = new FormData();
    form.set("score:employment_opportunities", "3");
    form.set("score:not_an_item", "1");
    form.set("note:leadership_positions", "ë".repeat(2001));
    const { sheet, errors } = parseScoreSheet(form);
    expect(errors).toEqual({
      "score-employment_opportunities": "assessment:errors.score_invalid",
      form: "assessment:errors.unknown_item",
      "note-leadership_positions": "assessment:errors.note_too_long",
    });
    expect(sheet.notes.leadership_positions).toHaveLength(2001);
  });
});

describe("revisions and history", () => {
  let programmeId = "";
  beforeAll(async () => {
    await migrateIdentityStore();
    const organisationId = await insertOrganisation({ name: "Revision test", type: "ngo" });
    programmeId = await insertProgramme({ organisationId, name: "P", description: "" });
  });

  it("shows the latest completed revision in the history and keeps the earlier one", async () => {
    const first = await insertAssessment({
      programmeId,
      assessedOn: "2026-01-10",
      participants: "A",
      createdBy: null,
    });
    expect(
      await saveAssessment(first, 1, {
        assessedOn: "2026-01-10",
        participants: "A",
        sheet: sheetOf(1),
        complete: true,
      }),
    ).toEqual({ ok: true, version: 2 });
    const second = await insertAssessment({
      programmeId,
      assessedOn: "2026-06-10",
      participants: "A",
      createdBy: null,
    });
    await saveAssessment(second, 1, {
      assessedOn: "2026-06-10",
      participants: "A",
      sheet: sheetOf(2),
      complete: true,
    });

    const revisionId = await insertRevision((await getAssessment(first))!, null);
    const draft = (await getAssessment(revisionId))!;
    expect(draft.status).toBe("draft");
    expect(draft.sheet.scores.employment_opportunities).toBe(1);
    // While the revision is a draft, the history still shows the original.
    expect(
      (await listProgrammeHistory(programmeId))
        .filter((e) => e.status === "completed")
        .map((e) => e.id),
    ).toEqual([first, second]);

    await saveAssessment(revisionId, 1, {
      assessedOn: "2026-01-10",
      participants: "A",
      sheet: sheetOf(0),
      complete: true,
    });
    const history = (await listProgrammeHistory(programmeId)).filter(
      (e) => e.status === "completed",
    );
    expect(history.map((e) => e.id)).toEqual([revisionId, second]);
    expect(history[1]!.change?.total).toBe(30);
    expect((await listRevisions(revisionId)).map((r) => [r.id, r.number])).toEqual([
      [first, 1],
      [revisionId, 2],
    ]);
    expect(await getAssessment(first)).not.toBeNull();
  });

  it("refuses to save a completed assessment and tells a second saver of a draft", async () => {
    const id = await insertAssessment({
      programmeId,
      assessedOn: "2026-07-01",
      participants: "A",
      createdBy: null,
    });
    const input = {
      assessedOn: "2026-07-01",
      participants: "A",
      sheet: sheetOf(1),
      complete: false,
    };
    expect(await saveAssessment(id, 1, input)).toEqual({ ok: true, version: 2 });
    expect(await saveAssessment(id, 1, input)).toEqual({ ok: false, reason: "conflict" });
    await saveAssessment(id, 2, { ...input, complete: true });
    expect(await saveAssessment(id, 3, input)).toEqual({ ok: false, reason: "completed" });
  });
});
