import {
  allItems,
  isScore,
  ITEM_MAX,
  SELF_ASSESSMENT,
  TOTAL_MAX,
  type ItemId,
  type Score,
  type SectionId,
} from "./instrument";

/**
 * The one place where survivor-informed self-assessment scores are computed. Pure and
 * client-safe. A value that is not 0, 1 or 2 (say, from a tampered form) counts as unscored.
 */
export type ItemScores = Partial<Record<string, Score>>;

export type SectionScore = {
  id: SectionId;
  score: number;
  max: number;
  /** 0-100, rounded to one decimal. */
  percent: number;
  scoredItems: number;
  totalItems: number;
};

export type ScoreResult = {
  sections: SectionScore[];
  total: number;
  max: number;
  percent: number;
  /** Unscored item ids, in instrument order. */
  missing: ItemId[];
  complete: boolean;
};

export type ImprovementArea = { itemId: ItemId; sectionId: SectionId; score: 0 | 1 };

export type Disagreement = {
  itemId: ItemId;
  sectionId: SectionId;
  /** Every assessor's score for the item; null where that assessor did not score it. */
  scores: Record<string, Score | null>;
  /** Highest minus lowest among the scores given. */
  spread: number;
};

export type ScoreChange = {
  sections: { id: SectionId; delta: number | null }[];
  total: number | null;
};

/** The threshold, in percent, at or above which a section counts as a strength. */
export const STRENGTH_THRESHOLD_PERCENT = 75;

function scoreOf(scores: ItemScores, itemId: string): Score | null {
  const value: unknown = Object.hasOwn(scores, itemId) ? scores[itemId] : undefined;
  return isScore(value) ? value : null;
}

function toPercent(score: number, max: number): number {
  return max === 0 ? 0 : Math.round((score / max) * 1000) / 10;
}

export function scoreAssessment(scores: ItemScores): ScoreResult {
  const missing: ItemId[] = [];
  const sections = SELF_ASSESSMENT.sections.map((section): SectionScore => {
    let score = 0;
    let scoredItems = 0;
    for (const itemId of section.items) {
      const value = scoreOf(scores, itemId);
      if (value === null) {
        missing.push(itemId);
      } else {
        score += value;
        scoredItems += 1;
      }
    }
    const max = section.items.length * ITEM_MAX;
    return {
      id: section.id,
      score,
      max,
      percent: toPercent(score, max),
      scoredItems,
      totalItems: section.items.length,
    };
  });
  const total = sections.reduce((sum, section) => sum + section.score, 0);
  return {
    sections,
    total,
    max: TOTAL_MAX,
    percent: toPercent(total, TOTAL_MAX),
    missing,
    complete: missing.length === 0,
  };
}

/** Sections scoring at least 75% of their maximum, in instrument order. */
export function strengths(result: ScoreResult): SectionId[] {
  return result.sections
    .filter((section) => section.score * 100 >= STRENGTH_THRESHOLD_PERCENT * section.max)
    .map((section) => section.id);
}

/** Items scored 0 (Never) first, then items scored 1 (Sometimes), each in instrument order. */
export function improvementAreas(scores: ItemScores): ImprovementArea[] {
  const areas: ImprovementArea[] = [];
  for (const wanted of [0, 1] as const) {
    for (const { sectionId, itemId } of allItems()) {
      if (scoreOf(scores, itemId) === wanted) areas.push({ itemId, sectionId, score: wanted });
    }
  }
  return areas;
}

/**
 * Items on which assessors differ, in instrument order: those who scored the item gave
 * different scores, or some scored it and some did not. Fewer than two assessors never differ.
 */
export function disagreements(byAssessor: Record<string, ItemScores>): Disagreement[] {
  const assessors = Object.keys(byAssessor);
  if (assessors.length < 2) return [];
  const found: Disagreement[] = [];
  for (const { sectionId, itemId } of allItems()) {
    const scores: Record<string, Score | null> = {};
    const given: Score[] = [];
    for (const assessor of assessors) {
      const value = scoreOf(byAssessor[assessor] ?? {}, itemId);
      scores[assessor] = value;
      if (value !== null) given.push(value);
    }
    if (given.length === 0) continue;
    const min = Math.min(...given);
    const max = Math.max(...given);
    if (given.length < assessors.length || min !== max) {
      found.push({ itemId, sectionId, scores, spread: max - min });
    }
  }
  return found;
}

/**
 * The scores every assessor agrees on: an item is included only when all assessors scored it
 * and gave the same score. Items in disagreement, or scored by nobody, are left out.
 */
export function suggestedConsensus(byAssessor: Record<string, ItemScores>): ItemScores {
  const assessors = Object.values(byAssessor);
  const consensus: ItemScores = {};
  if (assessors.length === 0) return consensus;
  for (const { itemId } of allItems()) {
    const values = assessors.map((scores) => scoreOf(scores, itemId));
    const first = values[0];
    if (first === null || first === undefined) continue;
    if (values.every((value) => value === first)) consensus[itemId] = first;
  }
  return consensus;
}

/** The change in points since a previous result, per section and in total; null with no previous. */
export function changeSince(previous: ScoreResult | null, current: ScoreResult): ScoreChange {
  return {
    sections: current.sections.map((section) => {
      const before = previous?.sections.find((s) => s.id === section.id);
      return { id: section.id, delta: before ? section.score - before.score : null };
    }),
    total: previous ? current.total - previous.total : null,
  };
}
