import { describe, expect, it } from "vitest";

import { closingDecision, isUnanimous, mayStand, tallyBallots } from "./election-rules";

const [A, B, C] = ["a", "b", "c"];

describe("counting a secret ballot (Art. 6 e: simple majority of valid votes)", () => {
  it("elects the candidate with more than half of the valid votes", () => {
    const tally = tallyBallots([A!, B!], [A!, A!, B!]);
    expect(tally).toEqual({ counts: { a: 2, b: 1 }, abstentions: 0, valid: 3, elected: "a" });
  });

  it("counts a blank ballot as an abstention, not against anyone", () => {
    // 2 of 5 ballots is no majority of ballots, but 2 of 3 valid votes is.
    const tally = tallyBallots([A!, B!], [A!, A!, B!, null, null]);
    expect(tally.abstentions).toBe(2);
    expect(tally.valid).toBe(3);
    expect(tally.elected).toBe("a");
  });

  it("elects nobody on a tie", () => {
    expect(tallyBallots([A!, B!], [A!, B!, null]).elected).toBeNull();
    expect(tallyBallots([A!, B!, C!], [A!, A!, B!, B!]).elected).toBeNull();
  });

  it("elects nobody without a majority: most votes is not enough", () => {
    const tally = tallyBallots([A!, B!, C!], [A!, A!, B!, C!, C!, A!, B!]);
    expect(tally.counts.a).toBe(3);
    expect(tally.elected).toBeNull();
  });

  it("elects nobody when every ballot is blank", () => {
    expect(tallyBallots([A!], [null, null, null])).toMatchObject({ valid: 0, elected: null });
  });

  it("lists candidates nobody chose with 0 and refuses a ballot for a non-candidate", () => {
    expect(tallyBallots([A!, B!, C!], [A!]).counts).toEqual({ a: 1, b: 0, c: 0 });
    expect(() => tallyBallots([A!], ["z"])).toThrow();
  });

  it("says when a unanimous result reveals every vote", () => {
    expect(isUnanimous(tallyBallots([A!, B!], [A!, A!, A!]))).toBe(true);
    expect(isUnanimous(tallyBallots([A!, B!], [null, null]))).toBe(true);
    expect(isUnanimous(tallyBallots([A!, B!], [A!, A!, null]))).toBe(false);
  });
});

describe("closing a round early", () => {
  it("counts when everyone, or more than half of the members, has voted", () => {
    expect(closingDecision(5, 5)).toBe("count");
    expect(closingDecision(3, 5)).toBe("count");
    expect(closingDecision(2, 3)).toBe("count");
  });

  it("voids the round, with no counts, when half or fewer have voted", () => {
    expect(closingDecision(2, 5)).toBe("void");
    expect(closingDecision(1, 3)).toBe("void");
    expect(closingDecision(2, 4)).toBe("void");
    expect(closingDecision(0, 3)).toBe("void");
    expect(closingDecision(0, 0)).toBe("void");
  });
});

describe("chair term limit: re-electable once (two terms in a row at most)", () => {
  it("lets a first-term chair stand again and stops a second-term chair", () => {
    const oneTerm = [{ membershipId: A!, startsOn: "2025-01-10" }];
    expect(mayStand(A!, oneTerm)).toBe(true);
    const twoTerms = [...oneTerm, { membershipId: A!, startsOn: "2026-01-10" }];
    expect(mayStand(A!, twoTerms)).toBe(false);
    expect(mayStand(B!, twoTerms)).toBe(true);
  });

  it("counts only terms in a row: after someone else's term a former chair may stand", () => {
    const terms = [
      { membershipId: A!, startsOn: "2023-01-10" },
      { membershipId: A!, startsOn: "2024-01-10" },
      { membershipId: B!, startsOn: "2025-01-10" },
    ];
    expect(mayStand(A!, terms)).toBe(true);
    expect(mayStand(B!, [...terms, { membershipId: B!, startsOn: "2026-01-10" }])).toBe(false);
  });
});
