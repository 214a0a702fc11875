import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";

import { BallotBox } from "./ballot-box.server";
import {
  castBallot,
  closeElection,
  getElection,
  getTurnout,
  openElection,
} from "./election.server";
import { makeBoardWithMembers, makeSecretariat } from "./membership-test-helpers";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { testEngine } from "../../tests/unit/test-engine";

const db = () => getIdentityDb();

beforeAll(async () => {
  await migrateIdentityStore();
});

async function setUp(n: number) {
  const secretariat = await makeSecretariat(db());
  const { board, members } = await makeBoardWithMembers(secretariat, n, db(), `Board ${n}`);
  return { secretariat, board, members, box: new BallotBox() };
}

describe("a chair election by secret ballot", () => {
  it("elects by simple majority of valid votes, blank ballots abstaining, for one year", async () => {
    const { secretariat, board, members, box } = await setUp(3);
    const [a, b, c] = members;
    const opened = await openElection(
      secretariat,
      { boardId: board.id, position: "chair", candidates: [a!.membershipId, b!.membershipId] },
      db(),
      box,
      "2026-05-01",
    );
    const electionId = opened.ok ? opened.value.electionId : "";
    expect((await castBallot(a!.user, { electionId, choice: a!.membershipId }, db(), box)).ok).toBe(
      true,
    );
    expect(await getTurnout(electionId, db(), box)).toEqual({ voted: 1, held: true });
    // A second ballot by the same member is refused.
    expect(await castBallot(a!.user, { electionId, choice: b!.membershipId }, db(), box)).toEqual({
      ok: false,
      errors: { choice: "members:errors.already_voted" },
    });
    await castBallot(b!.user, { electionId, choice: "blank" }, db(), box);
    await castBallot(c!.user, { electionId, choice: a!.membershipId }, db(), box);
    const closed = await closeElection(secretariat, electionId, db(), box, "2026-05-02");
    expect(closed).toEqual({ ok: true, value: { outcome: "elected" } });
    const election = (await getElection(electionId, db()))!;
    expect(election.tally).toEqual({
      counts: { [a!.membershipId]: 2, [b!.membershipId]: 0 },
      abstentions: 1,
      valid: 2,
      elected: a!.membershipId,
    });
    const term = await db()
      .selectFrom("board_positions")
      .selectAll()
      .where("election_id", "=", electionId)
      .executeTakeFirstOrThrow();
    expect(term).toMatchObject({
      membership_id: a!.membershipId,
      position: "chair",
      starts_on: "2026-05-02",
      ends_on: "2027-05-02",
    });
    // The audit log has "ballot opened" and "ballot closed", and no choice.
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "in", ["ballot_opened", "ballot_closed"])
      .execute();
    const mine = audit.filter((e) => e.details?.includes(electionId));
    expect(mine.map((e) => e.action).sort()).toEqual(["ballot_closed", "ballot_opened"]);
    for (const entry of mine)
      expect(Object.keys(JSON.parse(entry.details!) as object).sort()).toEqual(
        entry.action === "ballot_opened" ? ["electionId", "position"] : ["electionId"],
      );
  });

  it("elects nobody on a tie, and a new round can be opened", async () => {
    const { secretariat, board, members, box } = await setUp(3);
    const [a, b, c] = members;
    const opened = await openElection(
      secretariat,
      { boardId: board.id, position: "chair", candidates: [a!.membershipId, b!.membershipId] },
      db(),
      box,
    );
    const electionId = opened.ok ? opened.value.electionId : "";
    expect(
      (
        await openElection(
          secretariat,
          { boardId: board.id, position: "chair", candidates: [a!.membershipId] },
          db(),
          box,
        )
      ).ok,
    ).toBe(false);
    await castBallot(a!.user, { electionId, choice: a!.membershipId }, db(), box);
    await castBallot(b!.user, { electionId, choice: b!.membershipId }, db(), box);
    await castBallot(c!.user, { electionId, choice: "blank" }, db(), box);
    expect(await closeElection(secretariat, electionId, db(), box)).toEqual({
      ok: true,
      value: { outcome: "no_majority" },
    });
    expect(
      await db()
        .selectFrom("board_positions")
        .select("id")
        .where("election_id", "=", electionId)
        .execute(),
    ).toEqual([]);
    expect(
      (
        await openElection(
          secretariat,
          { boardId: board.id, position: "chair", candidates: [a!.membershipId] },
          db(),
          box,
        )
      ).ok,
    ).toBe(true);
  });

  it("voids an early close when half or fewer have voted, showing and storing no counts", async () => {
    const { secretariat, board, members, box } = await setUp(5);
    const opened = await openElection(
      secretariat,
      { boardId: board.id, position: "secretary", candidates: [members[0]!.membershipId] },
      db(),
      box,
    );
    const electionId = opened.ok ? opened.value.electionId : "";
    await castBallot(members[0]!.user, { electionId, choice: members[0]!.membershipId }, db(), box);
    await castBallot(members[1]!.user, { electionId, choice: "blank" }, db(), box);
    expect(await closeElection(secretariat, electionId, db(), box)).toEqual({
      ok: true,
      value: { outcome: "void_too_few" },
    });
    const election = (await getElection(electionId, db()))!;
    expect(election).toMatchObject({ status: "void", tally: null });
    expect(
      await db()
        .selectFrom("board_ballots")
        .select("choice")
        .where("election_id", "=", electionId)
        .execute(),
    ).toEqual([]);
    // With 3 of 5 the early close counts.
    const again = await openElection(
      secretariat,
      { boardId: board.id, position: "secretary", candidates: [members[0]!.membershipId] },
      db(),
      box,
    );
    const second = again.ok ? again.value.electionId : "";
    for (const m of members.slice(0, 3))
      await castBallot(m.user, { electionId: second, choice: members[0]!.membershipId }, db(), box);
    expect(await closeElection(secretariat, second, db(), box)).toEqual({
      ok: true,
      value: { outcome: "elected" },
    });
    expect((await getElection(second, db()))!.unanimous).toBe(true);
  });

  it("voids the round when its ballots were lost to a restart", async () => {
    const { secretariat, board, members, box } = await setUp(3);
    const opened = await openElection(
      secretariat,
      { boardId: board.id, position: "chair", candidates: [members[0]!.membershipId] },
      db(),
      box,
    );
    const electionId = opened.ok ? opened.value.electionId : "";
    for (const m of members) await castBallot(m.user, { electionId, choice: "blank" }, db(), box);
    const restarted = new BallotBox();
    expect(
      await castBallot(members[0]!.user, { electionId, choice: "blank" }, db(), restarted),
    ).toEqual({ ok: false, errors: { choice: "members:errors.round_interrupted" } });
    expect(await closeElection(secretariat, electionId, db(), restarted)).toEqual({
      ok: true,
      value: { outcome: "void_interrupted" },
    });
    expect((await getElection(electionId, db()))!.tally).toBeNull();
  });

  it("tells a member whose ballot raced the close that it was not counted, and does not mark them as having voted", async () => {
    const { secretariat, board, members, box } = await setUp(3);
    const opened = await openElection(
      secretariat,
      { boardId: board.id, position: "chair", candidates: [members[0]!.membershipId] },
      db(),
      box,
    );
    const electionId = opened.ok ? opened.value.electionId : "";
    // The round leaves memory after the voter's flag is set and before the ballot joins it (a
    // close, a restart of the box): the box refuses the ballot.
    class ClosedInBetween extends BallotBox {
      override holds(id: string): boolean {
        return box.holds(id);
      }
      override add(id: string, ballot: string | null): boolean {
        box.takeShuffled(id);
        return box.add(id, ballot);
      }
    }
    expect(
      await castBallot(
        members[0]!.user,
        { electionId, choice: "blank" },
        db(),
        new ClosedInBetween(),
      ),
    ).toEqual({ ok: false, errors: { choice: "members:errors.round_interrupted" } });
    expect(await getTurnout(electionId, db(), box)).toEqual({ voted: 0, held: false });
    const flag = await db()
      .selectFrom("board_election_voters")
      .select("has_voted")
      .where("election_id", "=", electionId)
      .where("membership_id", "=", members[0]!.membershipId)
      .executeTakeFirstOrThrow();
    expect(Number(flag.has_voted)).toBe(0);
  });

  it("refuses a chair who has served two terms in a row", async () => {
    const { secretariat, board, members, box } = await setUp(3);
    const chair = members[0]!;
    for (const day of ["2026-01-10", "2027-01-10"]) {
      const opened = await openElection(
        secretariat,
        { boardId: board.id, position: "chair", candidates: [chair.membershipId] },
        db(),
        box,
        day,
      );
      const electionId = opened.ok ? opened.value.electionId : "";
      for (const m of members)
        await castBallot(m.user, { electionId, choice: chair.membershipId }, db(), box);
      expect((await closeElection(secretariat, electionId, db(), box, day)).ok).toBe(true);
    }
    expect(
      await openElection(
        secretariat,
        { boardId: board.id, position: "chair", candidates: [chair.membershipId] },
        db(),
        box,
      ),
    ).toEqual({ ok: false, errors: { candidates: "members:errors.term_limit" } });
    expect(
      (
        await openElection(
          secretariat,
          { boardId: board.id, position: "chair", candidates: [members[1]!.membershipId] },
          db(),
          box,
        )
      ).ok,
    ).toBe(true);
  });
});

describe("the ballot table keeps no link to voters", () => {
  it("holds no voter id and no time, and its row order is unrelated to the voting order", async () => {
    const { secretariat, board, members, box } = await setUp(7);
    const ids = members.map((m) => m.membershipId);
    const userIds = members.map((m) => m.user.id);
    let sameOrder = 0;
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      const opened = await openElection(
        secretariat,
        { boardId: board.id, position: "secretary", candidates: ids },
        db(),
        box,
      );
      const electionId = opened.ok ? opened.value.electionId : "";
      // Member i votes for candidate i + 1: every ballot differs, so the order can be compared.
      const votingOrder = members.map((_, i) => ids[(i + 1) % ids.length]!);
      for (const [i, m] of members.entries())
        await castBallot(m.user, { electionId, choice: votingOrder[i]! }, db(), box);
      expect((await closeElection(secretariat, electionId, db(), box)).ok).toBe(true);
      const rows = await sql<
        Record<string, unknown>
      >`select * from board_ballots where election_id = ${electionId}`.execute(db());
      expect(rows.rows).toHaveLength(7);
      for (const row of rows.rows) {
        expect(Object.keys(row).sort()).toEqual(["ballot_key", "choice", "election_id"]);
        expect([...ids, ...userIds]).not.toContain(row.ballot_key);
      }
      const storedOrder = rows.rows.map((row) => row.choice);
      // One round counts once, however many of its orders (rows, places) match by chance.
      let roundSame = JSON.stringify(storedOrder) === JSON.stringify(votingOrder);
      if (testEngine === "postgres") {
        const system = await sql<{
          xmin: string;
          ctid: string;
          choice: string;
        }>`select xmin::text as xmin, ctid::text as ctid, choice from board_ballots where election_id = ${electionId} order by ctid`.execute(
          db(),
        );
        // One transaction wrote them all: one xmin, and the place order is the shuffled one.
        expect(new Set(system.rows.map((r) => r.xmin)).size).toBe(1);
        if (JSON.stringify(system.rows.map((r) => r.choice)) === JSON.stringify(votingOrder))
          roundSame = true;
        // The "has voted" flags were written in other transactions than the ballots.
        const flags = await sql<{
          xmin: string;
        }>`select xmin::text as xmin from board_election_voters where election_id = ${electionId}`.execute(
          db(),
        );
        expect(flags.rows.map((r) => r.xmin)).not.toContain(system.rows[0]!.xmin);
      }
      if (roundSame) sameOrder += 1;
    }
    // A random order equals the voting order once in 5,040 rounds; on PostgreSQL the rows come
    // back in their places' order, so one chance match showed twice and failed a full run.
    expect(sameOrder).toBeLessThanOrEqual(1);
  });
});
