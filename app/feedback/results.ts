import { campaignQuestions } from "./journey";
import { choicesOf, PREFER_NOT, type Question, type Template } from "./template.schema";

/**
 * Results with small-number suppression (docs/decisions/005). Pure functions over the summed
 * tallies, so the rules are tested once and every view shows the same numbers.
 *
 * - No results at all until the campaign has k responses.
 * - Any count below k is shown as "fewer than k", never as a number or a percentage.
 * - If only one cell of a question would be hidden, the next smallest is hidden too, so the
 *   hidden one cannot be worked out by subtracting the others from the total. That second cell
 *   is not below k, so it is labelled "hidden" (reason "secondary"), never "fewer than k".
 * - Breakdowns by language or respondent mode are shown only when every group has k or more.
 */
export type Tally = {
  question_id: string;
  choice: string;
  language: string;
  respondent_mode: string;
  count: number;
};

/**
 * Why a count is hidden: `fewer_than_k` (the count itself is below k) or `secondary` (it is k or
 * more, hidden only so that a smaller hidden count cannot be worked out from the total).
 */
export type SuppressionReason = "fewer_than_k" | "secondary";

export type Cell =
  | { count: number; suppressed: false; percent: number }
  | { suppressed: true; reason: SuppressionReason };

export type QuestionResult = {
  question: Question;
  answered: Cell;
  skipped: Cell;
  /** Choice questions: one row per choice ("prefer not to say" last). Free text: empty. */
  options: { choice: string; cell: Cell }[];
};

export type CampaignResults =
  | { ready: false; responses: number | null; k: number }
  | { ready: true; responses: number; k: number; questions: QuestionResult[] };

const RESPONSES = "__responses";
const ANSWERED = "__answered";

export function sumTallies(
  tallies: readonly Tally[],
  filter: (t: Tally) => boolean = () => true,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const tally of tallies) {
    if (!filter(tally)) continue;
    const key = `${tally.question_id}\u0000${tally.choice}`;
    sums.set(key, (sums.get(key) ?? 0) + tally.count);
  }
  return sums;
}

const countOf = (sums: Map<string, number>, questionId: string, choice: string) =>
  sums.get(`${questionId}\u0000${choice}`) ?? 0;

/** Applies the k rule to a set of counts that belong together (one question's cells). */
export function suppressCells(counts: number[], k: number, total: number): Cell[] {
  const hidden: (SuppressionReason | null)[] = counts.map((count) =>
    count < k ? "fewer_than_k" : null,
  );
  if (hidden.filter(Boolean).length === 1) {
    // Secondary suppression: hide the smallest visible cell as well.
    let smallest = -1;
    counts.forEach((count, index) => {
      if (!hidden[index] && (smallest < 0 || count < counts[smallest]!)) smallest = index;
    });
    if (smallest >= 0) hidden[smallest] = "secondary";
  }
  return counts.map((count, index): Cell => {
    const reason = hidden[index];
    return reason
      ? { suppressed: true, reason }
      : {
          suppressed: false,
          count,
          percent: total > 0 ? Math.round((count / total) * 1000) / 10 : 0,
        };
  });
}

/**
 * Whether a question's answers can be shown at all: a choice question needs at least one choice
 * whose count is shown; a free-text question needs its "answered" count shown. A question that
 * cannot be shown is folded into one line on the results page instead of a column of hidden
 * counts (the CSV still lists every cell with its status).
 */
export function questionShown(result: QuestionResult): boolean {
  return result.options.length > 0
    ? result.options.some((option) => !option.cell.suppressed)
    : !result.answered.suppressed;
}

/** How many of the questions can be shown (see `questionShown`), for the results summary. */
export function countShownQuestions(questions: readonly QuestionResult[]): number {
  return questions.filter(questionShown).length;
}

export function buildResults(
  template: Template,
  sectionIds: readonly string[],
  tallies: readonly Tally[],
  k: number,
  filter?: (t: Tally) => boolean,
): CampaignResults {
  const sums = sumTallies(tallies, filter);
  const responses = countOf(sums, RESPONSES, ANSWERED);
  if (responses < k) return { ready: false, responses: null, k };
  const questions = campaignQuestions(template, sectionIds).map((question): QuestionResult => {
    const answered = countOf(sums, question.id, ANSWERED);
    const skipped = responses - answered;
    const choices = choicesOf(question);
    const choiceCounts = choices.map((choice) => countOf(sums, question.id, choice));
    // Answered and skipped add up to the total, so they are suppressed together as a pair.
    const [answeredCell, skippedCell] = suppressCells([answered, skipped], k, responses);
    const optionCells = suppressCells(choiceCounts, k, responses);
    return {
      question,
      answered: answeredCell!,
      skipped: skippedCell!,
      options: choices.map((choice, index) => ({ choice, cell: optionCells[index]! })),
    };
  });
  return { ready: true, responses, k, questions };
}

export type Breakdown = {
  dimension: "language" | "respondent_mode";
  groups: { value: string; count: number }[];
} | null;

/** Response counts per language or per mode, or null when any group is below k. */
export function responseBreakdown(
  tallies: readonly Tally[],
  dimension: "language" | "respondent_mode",
  k: number,
): Breakdown {
  const groups = new Map<string, number>();
  for (const tally of tallies) {
    if (tally.question_id !== RESPONSES || tally.choice !== ANSWERED) continue;
    groups.set(tally[dimension], (groups.get(tally[dimension]) ?? 0) + tally.count);
  }
  if (groups.size < 2 || [...groups.values()].some((count) => count < k)) return null;
  return {
    dimension,
    groups: [...groups.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => a.value.localeCompare(b.value)),
  };
}

export { PREFER_NOT };

// ---- Publication in steps (docs/decisions/009) -----------------------------------------------

/** Responses per language or per mode in a set of tallies. */
function groupCounts(tallies: readonly Tally[], dimension: "language" | "respondent_mode") {
  const counts = new Map<string, number>();
  for (const tally of tallies) {
    if (tally.question_id !== RESPONSES || tally.choice !== ANSWERED) continue;
    counts.set(tally[dimension], (counts.get(tally[dimension]) ?? 0) + tally.count);
  }
  return counts;
}

export const responsesIn = (tallies: readonly Tally[]): number =>
  [...groupCounts(tallies, "language").values()].reduce((sum, count) => sum + count, 0);

/** Whether results are split by this dimension: two groups or more, each of at least k. */
const splitShown = (counts: Map<string, number>, k: number) =>
  counts.size >= 2 && [...counts.values()].every((count) => count >= k);

/**
 * What the results show now, given the live counts and what they showed last: the live counts,
 * or the last ones again. Everything on the results page and in exports comes from this one
 * set, so that two views never differ by fewer than k people:
 *
 * - it moves on only when at least k responses have arrived since it last moved, and never
 *   before there are k in all;
 * - where results were already split by language or by mode (the comparison of
 *   self-completion and interview), every group must also have gained none or at least k, or
 *   the one interview among the new responses could be read off the interview column.
 */
export function nextPublication(
  live: readonly Tally[],
  last: readonly Tally[] | null,
  k: number,
): readonly Tally[] {
  const shown = last ?? [];
  if (responsesIn(live) - responsesIn(shown) < k) return shown;
  const groupsMoveTogether = (["language", "respondent_mode"] as const).every((dimension) => {
    const before = groupCounts(shown, dimension);
    if (!splitShown(before, k)) return true;
    return [...groupCounts(live, dimension)].every(([group, count]) => {
      const gained = count - (before.get(group) ?? 0);
      return gained === 0 || gained >= k;
    });
  });
  return groupsMoveTogether ? live : shown;
}

// ---- Labels -----------------------------------------------------------------------------------

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The status word of a hidden cell, or "" for a shown one: "fewer than k" only when the count is
 * below k; "hidden" when it was hidden to protect another cell (secondary suppression), whose
 * reason the results page explains once. The CSV puts this in its own status column.
 */
export function cellStatus(cell: Cell, k: number, t: Translate): string {
  if (!cell.suppressed) return "";
  return cell.reason === "secondary"
    ? t("feedback:staff.results.hidden")
    : t("feedback:staff.results.fewerThan", { k });
}

/** A cell as the results page shows it: "12 (40%)", "fewer than k" or "hidden". */
export function cellText(cell: Cell, k: number, t: Translate): string {
  return cell.suppressed
    ? cellStatus(cell, k, t)
    : t("feedback:staff.results.countPercent", { count: cell.count, percent: cell.percent });
}
