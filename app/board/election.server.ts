import { randomUUID } from "node:crypto";

import { ballotBox as defaultBox, type BallotBox } from "./ballot-box.server";
import {
  closingDecision,
  isUnanimous,
  mayStand,
  POSITION_TERM_MONTHS,
  tallyBallots,
  type Position,
  type Tally,
} from "./election-rules";
import { addMonths } from "./membership";
import { getActiveMembershipOf, listMembers } from "./membership.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { localToday } from "../platform/calendar.server";

/**
 * Secret ballots of a board (Art. 6 e; docs/decisions/023). The database holds, per round, who
 * may vote and whether they have (`board_election_voters`), and after the close the shuffled
 * ballots under random keys (`board_ballots`: no voter, no time, no order) and the totals.
 * The flag and a ballot are never written in one transaction: while the round is open the
 * ballots wait in the process's memory (ballot-box.server.ts). No choice reaches a URL, a log
 * line or the audit log, which records only "ballot opened" and "ballot closed".
 */
export type ElectionOutcome = "elected" | "no_majority" | "void_too_few" | "void_interrupted";

export type Election = {
  id: string;
  boardId: string;
  position: Position;
  status: "open" | "closed" | "void";
  candidates: { membershipId: string; fullName: string }[];
  eligibleCount: number;
  openedOn: string;
  closedOn: string | null;
  outcome: ElectionOutcome | null;
  /** Totals after a counted close, else null. */
  tally: Tally | null;
  unanimous: boolean;
  electedMembershipId: string | null;
};

type Ok<T> = { ok: true; value: T };
type Invalid = { ok: false; errors: Record<string, string> };
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
const invalid = (errors: Record<string, string>): Invalid => ({ ok: false, errors });
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });

type ElectionRow = {
  id: string;
  board_id: string;
  position: string;
  status: "open" | "closed" | "void";
  candidates: string;
  eligible_count: number;
  opened_on: string;
  closed_on: string | null;
  outcome: string | null;
  results: string | null;
  elected_membership_id: string | null;
};

function toElection(row: ElectionRow, names: Map<string, string>): Election {
  const candidateIds = JSON.parse(row.candidates) as string[];
  const tally = row.results ? (JSON.parse(row.results) as Tally) : null;
  return {
    id: row.id,
    boardId: row.board_id,
    position: row.position as Position,
    status: row.status,
    candidates: candidateIds.map((membershipId) => ({
      membershipId,
      fullName: names.get(membershipId) ?? "",
    })),
    eligibleCount: Number(row.eligible_count),
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    outcome: row.outcome as ElectionOutcome | null,
    tally,
    unanimous: tally ? isUnanimous(tally) : false,
    electedMembershipId: row.elected_membership_id,
  };
}

async function memberNames(boardId: string, db: IdentityDb): Promise<Map<string, string>> {
  const { members } = await listMembers(boardId, localToday(), db);
  return new Map(members.map((m) => [m.id, m.fullName]));
}

/** The board's rounds, newest first. */
export async function listElections(
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Election[]> {
  const rows = await db
    .selectFrom("board_elections")
    .selectAll()
    .where("board_id", "=", boardId)
    .orderBy("opened_on", "desc")
    .orderBy("id")
    .execute();
  const names = await memberNames(boardId, db);
  return rows.map((row) => toElection(row, names));
}

/** One round, or null. */
export async function getElection(
  electionId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Election | null> {
  const row = await db
    .selectFrom("board_elections")
    .selectAll()
    .where("id", "=", electionId)
    .executeTakeFirst();
  return row ? toElection(row, await memberNames(row.board_id, db)) : null;
}

/**
 * While a round is open: how many have voted (the only figure anyone sees before the close),
 * and whether this process still holds its ballots (false after a restart or on another
 * instance: closing it then voids it).
 */
export async function getTurnout(
  electionId: string,
  db: IdentityDb = getIdentityDb(),
  box: BallotBox = defaultBox,
): Promise<{ voted: number; held: boolean }> {
  const row = await db
    .selectFrom("board_election_voters")
    .select((eb) => eb.fn.sum<number>("has_voted").as("voted"))
    .where("election_id", "=", electionId)
    .executeTakeFirst();
  return { voted: Number(row?.voted ?? 0), held: box.holds(electionId) };
}

/** Who may stand for `position` now: active members, minus chairs at their term limit. */
export async function listEligibleCandidates(
  boardId: string,
  position: Position,
  db: IdentityDb = getIdentityDb(),
): Promise<{ membershipId: string; fullName: string; mayStand: boolean }[]> {
  const { members } = await listMembers(boardId, localToday(), db);
  const terms = await db
    .selectFrom("board_positions")
    .select(["membership_id", "starts_on"])
    .where("board_id", "=", boardId)
    .where("position", "=", position)
    .execute();
  const history = terms.map((t) => ({ membershipId: t.membership_id, startsOn: t.starts_on }));
  return members
    .filter((m) => m.status === "active")
    .map((m) => ({
      membershipId: m.id,
      fullName: m.fullName,
      mayStand: position !== "chair" || mayStand(m.id, history),
    }));
}

/**
 * Opens a round for a position with the chosen candidates (active members; for the chair, not
 * one who has served two terms in a row). Every active member may vote. Refused while another
 * round for the same position is open.
 */
export async function openElection(
  actor: StaffUser,
  input: { boardId: string; position: Position; candidates: string[] },
  db: IdentityDb = getIdentityDb(),
  box: BallotBox = defaultBox,
  today = localToday(),
): Promise<Ok<{ electionId: string }> | Invalid> {
  const eligible = await listEligibleCandidates(input.boardId, input.position, db);
  const chosen = [...new Set(input.candidates)];
  if (chosen.length === 0) return invalid({ candidates: "members:errors.candidates_required" });
  for (const id of chosen) {
    const candidate = eligible.find((c) => c.membershipId === id);
    if (!candidate) return invalid({ candidates: "members:errors.unknown_member" });
    if (!candidate.mayStand) return invalid({ candidates: "members:errors.term_limit" });
  }
  const electionId = randomUUID();
  const result = await db.transaction().execute(async (trx) => {
    const board = await forUpdate(
      trx,
      trx.selectFrom("boards").select("name").where("id", "=", input.boardId),
    ).executeTakeFirst();
    if (!board) return invalid({ form: "members:errors.unknown_board" });
    const running = await trx
      .selectFrom("board_elections")
      .select("id")
      .where("board_id", "=", input.boardId)
      .where("position", "=", input.position)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (running) return invalid({ position: "members:errors.round_already_open" });
    const voters = await trx
      .selectFrom("board_memberships")
      .select("id")
      .where("board_id", "=", input.boardId)
      .where("status", "=", "active")
      .execute();
    await trx
      .insertInto("board_elections")
      .values({
        id: electionId,
        board_id: input.boardId,
        position: input.position,
        status: "open",
        candidates: JSON.stringify(chosen),
        eligible_count: voters.length,
        holder: box.instanceId,
        opened_on: today,
        closed_on: null,
        outcome: null,
        results: null,
        elected_membership_id: null,
      })
      .execute();
    await trx
      .insertInto("board_election_voters")
      .values(voters.map((v) => ({ election_id: electionId, membership_id: v.id, has_voted: 0 })))
      .execute();
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "ballot_opened",
        subject: board.name,
        details: { electionId, position: input.position },
      },
      trx,
    );
    return ok({ electionId });
  });
  if (result.ok) box.open(electionId);
  return result;
}

/** Whether `user` may vote in a round and has voted; null when they are not a voter in it. */
export async function getVoterState(
  user: StaffUser,
  electionId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ membershipId: string; hasVoted: boolean } | null> {
  const row = await db
    .selectFrom("board_election_voters")
    .innerJoin("board_memberships", "board_memberships.id", "board_election_voters.membership_id")
    .select(["board_election_voters.membership_id", "board_election_voters.has_voted"])
    .where("board_election_voters.election_id", "=", electionId)
    .where("board_memberships.user_id", "=", user.id)
    .where("board_memberships.status", "=", "active")
    .executeTakeFirst();
  return row ? { membershipId: row.membership_id, hasVoted: Number(row.has_voted) === 1 } : null;
}

/**
 * Casts `user`'s ballot: `choice` is a candidate's membership id or "blank". First the voter's
 * flag is set in its own transaction (a second ballot is refused there); only after that commit
 * does the ballot join the round in memory, with nothing that names the voter. When the round
 * left memory in between (closed, restarted), the flag is set back and the answer is
 * `round_interrupted`: a member is never told a vote is in that is not counted. Never logged.
 */
export async function castBallot(
  user: StaffUser,
  input: { electionId: string; choice: string },
  db: IdentityDb = getIdentityDb(),
  box: BallotBox = defaultBox,
): Promise<Ok<null> | Invalid> {
  const election = await db
    .selectFrom("board_elections")
    .select(["status", "candidates", "board_id"])
    .where("id", "=", input.electionId)
    .executeTakeFirst();
  if (!election || election.status !== "open")
    return invalid({ choice: "members:errors.round_closed" });
  if (!box.holds(input.electionId)) return invalid({ choice: "members:errors.round_interrupted" });
  const candidates = JSON.parse(election.candidates) as string[];
  const ballot = input.choice === "blank" ? null : input.choice;
  if (ballot !== null && !candidates.includes(ballot))
    return invalid({ choice: "members:errors.choice_required" });
  const voter = await getVoterState(user, input.electionId, db);
  if (!voter) return invalid({ choice: "members:errors.not_a_voter" });
  const flagged = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("board_election_voters")
      .set({ has_voted: 1 })
      .where("election_id", "=", input.electionId)
      .where("membership_id", "=", voter.membershipId)
      .where("has_voted", "=", 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
  if (!flagged) return invalid({ choice: "members:errors.already_voted" });
  if (!box.add(input.electionId, ballot)) {
    // The round was closed (or lost to a restart) between the flag and the ballot: the vote is
    // not counted, so the member must not be told it is in, nor be marked as having voted.
    await db
      .updateTable("board_election_voters")
      .set({ has_voted: 0 })
      .where("election_id", "=", input.electionId)
      .where("membership_id", "=", voter.membershipId)
      .execute();
    return invalid({ choice: "members:errors.round_interrupted" });
  }
  return ok(null);
}

/**
 * Closes a round. Counted when more than half of the voters (or all) have voted and this
 * process holds every ballot flagged; then, in one transaction, the ballots are written in a
 * random order under random keys, the totals stored, the position's term (one year) recorded
 * for the elected member, and "ballot closed" audited. Otherwise void, with no counts: too few
 * voted (`void_too_few`), or the ballots were lost to a restart or another instance
 * (`void_interrupted`); members are asked to vote again in a new round. A tie or no majority
 * closes with the totals and nobody elected.
 */
export async function closeElection(
  actor: StaffUser,
  electionId: string,
  db: IdentityDb = getIdentityDb(),
  box: BallotBox = defaultBox,
  today = localToday(),
): Promise<Ok<{ outcome: ElectionOutcome }> | Invalid> {
  const row = await db
    .selectFrom("board_elections")
    .selectAll()
    .where("id", "=", electionId)
    .executeTakeFirst();
  if (!row || row.status !== "open") return invalid({ form: "members:errors.round_closed" });
  const board = await db
    .selectFrom("boards")
    .select("name")
    .where("id", "=", row.board_id)
    .executeTakeFirstOrThrow();
  const { voted } = await getTurnout(electionId, db, box);
  const held = box.count(electionId);
  let outcome: ElectionOutcome;
  let ballots: (string | null)[] | null = null;
  if (held === null || held !== voted) outcome = "void_interrupted";
  else if (closingDecision(voted, Number(row.eligible_count)) === "void") outcome = "void_too_few";
  else {
    ballots = box.takeShuffled(electionId);
    outcome = "elected";
  }
  if (!ballots) box.discard(electionId);
  const candidates = JSON.parse(row.candidates) as string[];
  const tally = ballots ? tallyBallots(candidates, ballots) : null;
  if (tally && !tally.elected) outcome = "no_majority";
  const closed = await db.transaction().execute(async (trx) => {
    const update = await trx
      .updateTable("board_elections")
      .set({
        status: tally ? "closed" : "void",
        closed_on: today,
        outcome,
        results: tally ? JSON.stringify(tally) : null,
        elected_membership_id: tally?.elected ?? null,
      })
      .where("id", "=", electionId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(update.numUpdatedRows) !== 1) return false;
    if (ballots && ballots.length > 0) {
      // Already shuffled; inserted in that order, each under a random key.
      await trx
        .insertInto("board_ballots")
        .values(
          ballots.map((choice) => ({
            election_id: electionId,
            ballot_key: randomUUID(),
            choice: choice ?? "",
          })),
        )
        .execute();
    }
    if (tally?.elected) {
      await trx
        .updateTable("board_positions")
        .set({ ends_on: today })
        .where("board_id", "=", row.board_id)
        .where("position", "=", row.position)
        .where("ends_on", ">", today)
        .execute();
      await trx
        .insertInto("board_positions")
        .values({
          id: randomUUID(),
          board_id: row.board_id,
          membership_id: tally.elected,
          position: row.position,
          starts_on: today,
          ends_on: addMonths(today, POSITION_TERM_MONTHS),
          election_id: electionId,
        })
        .execute();
    }
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "ballot_closed",
        subject: board.name,
        details: { electionId },
      },
      trx,
    );
    return true;
  });
  if (!closed) return invalid({ form: "members:errors.round_closed" });
  return ok({ outcome });
}

/** True when `userId` is an active member of the board the round belongs to. */
export async function isMemberOfElectionBoard(
  userId: string,
  election: Pick<Election, "boardId">,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  return (await getActiveMembershipOf(userId, election.boardId, db)) !== null;
}

/** A board's rounds as a member's page lists them: id, position, status, closing date. */
export async function listElectionsForMember(
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ id: string; position: string; status: string; closedOn: string | null }[]> {
  const rows = await db
    .selectFrom("board_elections")
    .select(["id", "position", "status", "closed_on"])
    .where("board_id", "=", boardId)
    .orderBy("opened_on", "desc")
    .orderBy("id")
    .limit(20)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    status: r.status,
    closedOn: r.closed_on,
  }));
}
