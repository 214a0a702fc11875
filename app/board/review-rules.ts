/**
 * The rules of reviewing a call's applications (issue 15, "Review and selection"), pure and
 * client-safe: the Annex 3.2 criteria scored per person, how far reviewers disagree, which
 * nominating organisation counts as the reviewer's own, and the shortlist's balance table.
 */

import { GENDERS, PREFER_NOT, REGIONS } from "./application.schemas";
import { BOARD_AREAS } from "./areas";

/** The free-text answers of Annex 3.3 that reviewers read (redacted in blind mode). */
export const FREE_TEXT_FIELDS = ["activity", "suitability", "motivation", "additional"] as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];
export type FreeTexts = Record<FreeTextField, string>;

/** The balance dimensions of a shortlist and the order of their answers. */
export const BALANCE_DIMENSIONS = {
  gender: [...GENDERS, PREFER_NOT],
  region: [...REGIONS, PREFER_NOT],
  expertise: [...BOARD_AREAS, PREFER_NOT],
} as const;
export type BalanceDimension = keyof typeof BALANCE_DIMENSIONS;

/**
 * The three individual criteria of Annex 3.2 (instruments.md §4), each scored 0-3 by each
 * reviewer. The fourth, balanced representation, belongs to the group: it is judged on the
 * shortlist's balance table, never scored per person.
 */
export const REVIEW_CRITERIA = ["experience", "expertise", "participation"] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];
export const SCORE_MIN = 0;
export const SCORE_MAX = 3;

export type CriterionScores = Record<ReviewCriterion, number>;

/** Lower case, without diacritics (ë/e, ç/c), punctuation or repeated spaces. */
export function foldName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The shortest folded name that counts as a match inside a longer one ("NGO" alone does not). */
const SHORTEST_CONTAINED = 5;

/**
 * Whether the organisation an applicant named as nominating them (free text, Art. 6 a) is one
 * of the reviewer's organisations: the same name ignoring case, diacritics and punctuation, or
 * one name containing the other whole-word when the shorter has at least 5 characters
 * ("Qendra Tjeter" in "Qendra Tjetër Vlorë"). A false positive only asks a reviewer to step
 * aside; a false negative is covered by the reviewer's own marking and the secretariat's.
 */
export function nominatedByOwnOrganisation(
  nominatingOrganisation: string,
  reviewerOrganisations: readonly string[],
): boolean {
  const named = foldName(nominatingOrganisation);
  if (!named) return false;
  return reviewerOrganisations.some((organisation) => {
    const own = foldName(organisation);
    if (!own) return false;
    if (own === named) return true;
    const [shorter, longer] = own.length <= named.length ? [own, named] : [named, own];
    return shorter.length >= SHORTEST_CONTAINED && ` ${longer} `.includes(` ${shorter} `);
  });
}

/** Fisher-Yates with the random source given (crypto in the app, a seeded one in tests). */
export function shuffled<T>(items: readonly T[], randomInt: (below: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type CriterionSpread = { min: number; max: number; spread: number; mean: number };

/**
 * How far the reviewers of one application disagree: per criterion the lowest, highest and
 * mean score and the spread (highest − lowest, 0-3); `disagreement` is the sum of the three
 * spreads (0-9). With fewer than two reviewers' scores there is nothing to compare: null.
 */
export function scoreSpread(
  scores: readonly CriterionScores[],
): { criteria: Record<ReviewCriterion, CriterionSpread>; disagreement: number } | null {
  if (scores.length < 2) return null;
  const criteria = {} as Record<ReviewCriterion, CriterionSpread>;
  let disagreement = 0;
  for (const criterion of REVIEW_CRITERIA) {
    const values = scores.map((s) => s[criterion]);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    criteria[criterion] = { min, max, spread: max - min, mean };
    disagreement += max - min;
  }
  return { criteria, disagreement };
}

/** A reviewer's total for one application (0-9). */
export function totalOf(scores: CriterionScores): number {
  return REVIEW_CRITERIA.reduce((sum, criterion) => sum + scores[criterion], 0);
}

/**
 * The applications where reviewers disagree most: those with a disagreement above 0, the
 * largest first (ties by id, so the order is stable), at most `limit`.
 */
export function mostDisagreed<T extends { id: string; disagreement: number | null }>(
  rows: readonly T[],
  limit = 5,
): T[] {
  return rows
    .filter((row) => (row.disagreement ?? 0) > 0)
    .sort((a, b) => b.disagreement! - a.disagreement! || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** Below this a count in the balance table is shown as "fewer than 3". */
export const BALANCE_THRESHOLD = 3;

export type BalanceCell = { value: string; count: number | "fewer" };

/**
 * One dimension of the shortlist's balance table (gender, region or area of expertise): the
 * count of each answer given, in the order of `order`, answers nobody gave left out. A count
 * under 3 shows as "fewer than 3" (a 1 or 2 next to a small shortlist points at a person).
 * When exactly one cell would be hidden, the next smallest is hidden too, so the hidden one
 * cannot be found by subtracting the others from the shortlist's size (as the feedback results
 * do, docs/decisions/005).
 */
export function balanceCounts(answers: readonly string[], order: readonly string[]): BalanceCell[] {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  const cells = order
    .filter((value) => (counts.get(value) ?? 0) > 0)
    .map((value) => ({ value, raw: counts.get(value)! }));
  const hidden = new Set(cells.filter((c) => c.raw < BALANCE_THRESHOLD).map((c) => c.value));
  if (hidden.size === 1 && cells.length > 1) {
    const next = cells
      .filter((c) => !hidden.has(c.value))
      .sort((a, b) => a.raw - b.raw || order.indexOf(a.value) - order.indexOf(b.value))[0];
    if (next) hidden.add(next.value);
  }
  return cells.map((c) => ({ value: c.value, count: hidden.has(c.value) ? "fewer" : c.raw }));
}
