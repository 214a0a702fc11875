/**
 * The rules of a board's secret ballot, Art. 6 e of the BKVT internal regulation (instruments.md
 * §4, seed 001 line 2648): "the board elects a chair from its members for one year, re-electable
 * once more; the chair is elected by simple majority in a secret vote; the board may elect other
 * positions (e.g. secretary)". Client-safe and pure: the only place a round is counted.
 */
export const POSITIONS = ["chair", "secretary"] as const;
export type Position = (typeof POSITIONS)[number];

export function isPosition(value: unknown): value is Position {
  return typeof value === "string" && (POSITIONS as readonly string[]).includes(value);
}

/** A term of any position lasts one year (Art. 6 e names it for the chair; others follow it). */
export const POSITION_TERM_MONTHS = 12;
/** "Re-electable once more": at most two terms in a row. */
export const MAX_CONSECUTIVE_TERMS = 2;

/** A ballot as counted: the chosen candidate's membership id, or null for a blank ballot. */
export type Ballot = string | null;

export type Tally = {
  /** Votes per candidate, every candidate listed (0 when nobody chose them). */
  counts: Record<string, number>;
  /** Blank ballots: abstentions, not valid votes. */
  abstentions: number;
  /** Ballots for a candidate. */
  valid: number;
  /** The candidate with more than half of the valid votes, or null (tie, or no majority). */
  elected: string | null;
};

/**
 * Counts a round. Simple majority of valid votes (Art. 6 e): a candidate is elected with more
 * than half of the ballots cast for a candidate; blank ballots are abstentions and count for
 * nobody. A tie, or no candidate above half, elects nobody (a new round can be opened). A
 * ballot for someone who is not a candidate throws: the ballot box never accepts one.
 */
export function tallyBallots(candidates: readonly string[], ballots: readonly Ballot[]): Tally {
  const counts: Record<string, number> = Object.fromEntries(candidates.map((c) => [c, 0]));
  let abstentions = 0;
  for (const ballot of ballots) {
    if (ballot === null) abstentions += 1;
    else if (Object.hasOwn(counts, ballot)) counts[ballot]! += 1;
    else throw new Error("A ballot names someone who is not a candidate");
  }
  const valid = ballots.length - abstentions;
  const elected = candidates.find((c) => counts[c]! * 2 > valid) ?? null;
  return { counts, abstentions, valid, elected };
}

/**
 * What closing a round does (the secretariat may close before everyone has voted):
 * - "count" when every eligible member has voted, or more than half of them have;
 * - "void" when half or fewer have voted: the round is void and no count is shown, because
 *   counts from a few voters say too much about each of them and too little about the board.
 */
export function closingDecision(voted: number, eligible: number): "count" | "void" {
  if (eligible > 0 && (voted >= eligible || voted * 2 > eligible)) return "count";
  return "void";
}

/**
 * Whether a member may stand for a position: not after `MAX_CONSECUTIVE_TERMS` terms in a row.
 * `terms` are the board's past and current terms of that position, any order; "in a row"
 * means the latest terms of the position, without another holder in between.
 */
export function mayStand(
  membershipId: string,
  terms: readonly { membershipId: string; startsOn: string }[],
): boolean {
  const latestFirst = [...terms].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  let inARow = 0;
  for (const term of latestFirst) {
    if (term.membershipId !== membershipId) break;
    inARow += 1;
  }
  return inARow < MAX_CONSECUTIVE_TERMS;
}

/** True when every ballot went the same way: the page warns that this reveals every vote. */
export function isUnanimous(tally: Tally): boolean {
  const cast = tally.valid + tally.abstentions;
  if (cast < 2) return cast === 1;
  return tally.abstentions === cast || Object.values(tally.counts).some((count) => count === cast);
}
