/**
 * The composition rule of a survivor advisory board, Art. 5 of the BKVT internal regulation
 * (instruments.md §4, seed 001 line 2625): "at least 3 members, always an odd number (3, 5 or
 * 7 at most) to avoid tied decisions". Only active members count. Client-safe and pure.
 */
export const MIN_MEMBERS = 3;
export const MAX_MEMBERS = 7;

export type CompositionProblem = "too_few" | "even" | "too_many";

export type CompositionStatus = {
  activeCount: number;
  /** True when the count is 3, 5 or 7. */
  ok: boolean;
  /** Every part of the rule the count breaks (empty when ok). */
  problems: CompositionProblem[];
};

/** Whether `activeCount` active members satisfy Art. 5, and which parts it breaks if not. */
export function compositionStatus(activeCount: number): CompositionStatus {
  const problems: CompositionProblem[] = [];
  if (activeCount < MIN_MEMBERS) problems.push("too_few");
  if (activeCount > MAX_MEMBERS) problems.push("too_many");
  if (activeCount % 2 === 0) problems.push("even");
  return { activeCount, ok: problems.length === 0, problems };
}

/**
 * A change of the number of active members (`+1` activating, `-1` ending): the status after
 * it, and whether it needs a recorded reason, which it does whenever the board would not
 * satisfy Art. 5 afterwards (also while a board is still being formed: the reason says why
 * it is being done this way, e.g. "second of three members, the third signs next week").
 */
export function compositionChange(
  activeCountBefore: number,
  delta: 1 | -1,
): { after: CompositionStatus; needsReason: boolean } {
  const after = compositionStatus(Math.max(0, activeCountBefore + delta));
  return { after, needsReason: !after.ok };
}
