import { randomInt, randomUUID } from "node:crypto";

import type { Ballot } from "./election-rules";

/**
 * Where the ballots of an open round wait until the close: in this process's memory only
 * (docs/decisions/023). Nothing about a choice touches the database, a log or a file before
 * the close; then the round's ballots are handed over shuffled and forgotten. A restart loses
 * them, and so does a request that reaches another instance: the round's `holder` names the
 * process (its `instanceId`) and a close anywhere else, or with fewer ballots here than members
 * marked as voted, voids the round instead of counting it.
 */
export class BallotBox {
  /** A random id for this process, stored as the holder of the rounds it opens. */
  readonly instanceId = randomUUID();
  readonly #rounds = new Map<string, Ballot[]>();

  /** Starts holding a round. */
  open(electionId: string): void {
    this.#rounds.set(electionId, []);
  }

  /** True when this process holds the round (it opened it and has not restarted since). */
  holds(electionId: string): boolean {
    return this.#rounds.has(electionId);
  }

  /** Adds a ballot; false when this process does not hold the round. */
  add(electionId: string, ballot: Ballot): boolean {
    const ballots = this.#rounds.get(electionId);
    if (!ballots) return false;
    ballots.push(ballot);
    return true;
  }

  /** How many ballots wait (null when not held): compared with the "has voted" flags. */
  count(electionId: string): number | null {
    return this.#rounds.get(electionId)?.length ?? null;
  }

  /** The round's ballots in a random order (Fisher-Yates, crypto randomness), now forgotten. */
  takeShuffled(electionId: string): Ballot[] | null {
    const ballots = this.#rounds.get(electionId);
    this.#rounds.delete(electionId);
    if (!ballots) return null;
    const shuffled = [...ballots];
    ballots.length = 0;
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    return shuffled;
  }

  /** Forgets a round's ballots unread (a void round). */
  discard(electionId: string): void {
    this.#rounds.get(electionId)?.splice(0);
    this.#rounds.delete(electionId);
  }
}

/** The box of this process. */
export const ballotBox = new BallotBox();
