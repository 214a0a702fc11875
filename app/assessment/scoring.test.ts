import { describe, expect, it } from "vitest";

import {
  allItems,
  isScore,
  SCORES,
  sectionMax,
  SELF_ASSESSMENT,
  TOTAL_MAX,
  type Score,
} from "./instrument";
import {
  changeSince,
  disagreements,
  improvementAreas,
  scoreAssessment,
  strengths,
  suggestedConsensus,
  type ItemScores,
} from "./scoring";

function allScored(score: Score): ItemScores {
  return Object.fromEntries(allItems().map(({ itemId }) => [itemId, score]));
}

// A: 2+2+1+1 = 6/8; B: 0+1+2+1+0 = 4/10; C: 2+2+2+1+2+2 = 11/12; total 21/30.
const mixed: ItemScores = {
  employment_opportunities: 2,
  leadership_positions: 2,
  survivor_consultants: 1,
  survivor_developed_resources: 1,
  sex_and_labour_trafficking: 0,
  domestic_and_foreign_nationals: 1,
  diverse_perspectives: 2,
  other_fields_best_practice: 1,
  strengths_based_engagement: 0,
  initial_development: 2,
  policies_and_procedures: 2,
  programme_materials: 2,
  throughout_implementation: 1,
  programme_evaluation: 2,
  participant_feedback_process: 2,
};

describe("the survivor-informed instrument", () => {
  it("has three sections of 4, 5 and 6 items, maxima 8, 10 and 12, total 30", () => {
    expect(SELF_ASSESSMENT.id).toBe("survivor_informed");
    expect(SELF_ASSESSMENT.sections.map((s) => s.id)).toEqual([
      "meaningful_input",
      "diverse_community",
      "all_stages",
    ]);
    expect(SELF_ASSESSMENT.sections.map((s) => s.items.length)).toEqual([4, 5, 6]);
    expect(SELF_ASSESSMENT.sections.map((s) => sectionMax(s.id))).toEqual([8, 10, 12]);
    expect(TOTAL_MAX).toBe(30);
    expect(SCORES).toEqual([0, 1, 2]);
  });

  it("has 15 items with unique ids, listed in instrument order", () => {
    const items = allItems();
    expect(items).toHaveLength(15);
    expect(new Set(items.map((i) => i.itemId)).size).toBe(15);
    expect(items[0]).toEqual({ sectionId: "meaningful_input", itemId: "employment_opportunities" });
    expect(items[14]).toEqual({ sectionId: "all_stages", itemId: "participant_feedback_process" });
    expect(Object.keys(mixed)).toEqual(items.map((i) => i.itemId));
  });

  it("rejects an unknown section and accepts only 0, 1 and 2 as scores", () => {
    expect(() => sectionMax("nope")).toThrow();
    expect([0, 1, 2, 3, -1, "1", null, undefined, 1.5].map(isScore)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("scoring one assessment", () => {
  it("scores all Never as 0 of 30 with no strengths", () => {
    const result = scoreAssessment(allScored(0));
    expect(result.total).toBe(0);
    expect(result.max).toBe(30);
    expect(result.percent).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
    expect(strengths(result)).toEqual([]);
    expect(improvementAreas(allScored(0))).toHaveLength(15);
  });

  it("scores all Always as 30 of 30, every section a strength, nothing to improve", () => {
    const result = scoreAssessment(allScored(2));
    expect(result.total).toBe(30);
    expect(result.percent).toBe(100);
    expect(result.sections.map((s) => [s.score, s.max, s.percent])).toEqual([
      [8, 8, 100],
      [10, 10, 100],
      [12, 12, 100],
    ]);
    expect(strengths(result)).toEqual(["meaningful_input", "diverse_community", "all_stages"]);
    expect(improvementAreas(allScored(2))).toEqual([]);
  });

  it("scores a mixed assessment per section, with percentages to one decimal", () => {
    const result = scoreAssessment(mixed);
    expect(result.sections).toEqual([
      {
        id: "meaningful_input",
        score: 6,
        max: 8,
        percent: 75,
        scoredItems: 4,
        totalItems: 4,
      },
      {
        id: "diverse_community",
        score: 4,
        max: 10,
        percent: 40,
        scoredItems: 5,
        totalItems: 5,
      },
      { id: "all_stages", score: 11, max: 12, percent: 91.7, scoredItems: 6, totalItems: 6 },
    ]);
    expect(result.total).toBe(21);
    expect(result.percent).toBe(70);
    expect(result.complete).toBe(true);
    expect(strengths(result)).toEqual(["meaningful_input", "all_stages"]);
  });

  it("counts a section as a strength from exactly 75%", () => {
    const six = scoreAssessment({ ...allScored(0), ...pick(mixed, 4) }); // 2+2+1+1 = 6 of 8
    expect(six.sections[0]?.percent).toBe(75);
    expect(strengths(six)).toEqual(["meaningful_input"]);
    const five = scoreAssessment({ ...allScored(0), ...pick(mixed, 4), leadership_positions: 1 });
    expect(five.sections[0]?.score).toBe(5);
    expect(five.sections[0]?.percent).toBe(62.5);
    expect(strengths(five)).toEqual([]);
  });

  it("lists unscored items as missing and counts them as 0", () => {
    const result = scoreAssessment({
      programme_evaluation: 2,
      employment_opportunities: 1,
      diverse_perspectives: 2,
    });
    expect(result.total).toBe(5);
    expect(result.complete).toBe(false);
    expect(result.missing).toHaveLength(12);
    expect(result.missing.slice(0, 4)).toEqual([
      "leadership_positions",
      "survivor_consultants",
      "survivor_developed_resources",
      "sex_and_labour_trafficking",
    ]);
    expect(result.missing).not.toContain("programme_evaluation");
    expect(result.sections.map((s) => s.scoredItems)).toEqual([1, 1, 1]);
    expect(scoreAssessment({}).missing).toEqual(allItems().map((i) => i.itemId));
  });

  it("ignores values that are not 0, 1 or 2, and unknown items", () => {
    const tampered = { employment_opportunities: 5, made_up_item: 2 } as unknown as ItemScores;
    const result = scoreAssessment(tampered);
    expect(result.total).toBe(0);
    expect(result.missing).toContain("employment_opportunities");
    expect(result.missing).toHaveLength(15);
  });

  it("lists improvement areas: Never first, then Sometimes, each in instrument order", () => {
    expect(improvementAreas(mixed)).toEqual([
      { itemId: "sex_and_labour_trafficking", sectionId: "diverse_community", score: 0 },
      { itemId: "strengths_based_engagement", sectionId: "diverse_community", score: 0 },
      { itemId: "survivor_consultants", sectionId: "meaningful_input", score: 1 },
      { itemId: "survivor_developed_resources", sectionId: "meaningful_input", score: 1 },
      { itemId: "domestic_and_foreign_nationals", sectionId: "diverse_community", score: 1 },
      { itemId: "other_fields_best_practice", sectionId: "diverse_community", score: 1 },
      { itemId: "throughout_implementation", sectionId: "all_stages", score: 1 },
    ]);
    expect(improvementAreas({})).toEqual([]);
  });
});

describe("comparing assessors", () => {
  it("finds no disagreement when assessors agree, or with a single assessor", () => {
    expect(disagreements({ a: mixed, b: { ...mixed } })).toEqual([]);
    expect(disagreements({ a: mixed })).toEqual([]);
    expect(disagreements({})).toEqual([]);
    // Nobody scored an item: not a disagreement.
    expect(disagreements({ a: {}, b: {} })).toEqual([]);
  });

  it("reports different scores with their spread", () => {
    const found = disagreements({
      a: { ...mixed, employment_opportunities: 0 },
      b: mixed,
      c: { ...mixed, employment_opportunities: 1 },
    });
    expect(found).toEqual([
      {
        itemId: "employment_opportunities",
        sectionId: "meaningful_input",
        scores: { a: 0, b: 2, c: 1 },
        spread: 2,
      },
    ]);
  });

  it("reports an item scored by some assessors and not by others", () => {
    const withoutEvaluation = { ...mixed };
    delete withoutEvaluation.programme_evaluation;
    const found = disagreements({ a: mixed, b: withoutEvaluation });
    expect(found).toEqual([
      {
        itemId: "programme_evaluation",
        sectionId: "all_stages",
        scores: { a: 2, b: null },
        spread: 0,
      },
    ]);
  });

  it("lists disagreements in instrument order", () => {
    const found = disagreements({
      a: { participant_feedback_process: 0, leadership_positions: 0 },
      b: { participant_feedback_process: 1, leadership_positions: 2 },
    });
    expect(found.map((d) => [d.itemId, d.spread])).toEqual([
      ["leadership_positions", 2],
      ["participant_feedback_process", 1],
    ]);
  });

  it("suggests a consensus only where every assessor gave the same score", () => {
    const consensus = suggestedConsensus({
      a: { employment_opportunities: 2, leadership_positions: 1, survivor_consultants: 0 },
      b: { employment_opportunities: 2, leadership_positions: 0, survivor_consultants: 0 },
      c: { employment_opportunities: 2, leadership_positions: 1 },
    });
    expect(consensus).toEqual({ employment_opportunities: 2 });
    expect(suggestedConsensus({ a: mixed, b: mixed })).toEqual(mixed);
    expect(suggestedConsensus({ a: mixed })).toEqual(mixed);
    expect(suggestedConsensus({})).toEqual({});
  });
});

describe("change since the previous assessment", () => {
  it("is null without a previous result", () => {
    expect(changeSince(null, scoreAssessment(mixed))).toEqual({
      sections: [
        { id: "meaningful_input", delta: null },
        { id: "diverse_community", delta: null },
        { id: "all_stages", delta: null },
      ],
      total: null,
    });
  });

  it("gives the difference in points per section and in total", () => {
    const previous = scoreAssessment(allScored(1)); // 4, 5, 6 = 15
    expect(changeSince(previous, scoreAssessment(mixed))).toEqual({
      sections: [
        { id: "meaningful_input", delta: 2 },
        { id: "diverse_community", delta: -1 },
        { id: "all_stages", delta: 5 },
      ],
      total: 6,
    });
  });
});

function pick(scores: ItemScores, count: number): ItemScores {
  return Object.fromEntries(Object.entries(scores).slice(0, count));
}
