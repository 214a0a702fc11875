import { describe, expect, it } from "vitest";

import { compositionChange, compositionStatus } from "./composition";

describe("Art. 5 composition: 3, 5 or 7 active members", () => {
  it("accepts exactly 3, 5 and 7", () => {
    for (const n of [3, 5, 7])
      expect(compositionStatus(n)).toMatchObject({ ok: true, problems: [] });
  });

  it("names every part of the rule a count breaks", () => {
    expect(compositionStatus(0).problems).toEqual(["too_few", "even"]);
    expect(compositionStatus(1).problems).toEqual(["too_few"]);
    expect(compositionStatus(2).problems).toEqual(["too_few", "even"]);
    expect(compositionStatus(4).problems).toEqual(["even"]);
    expect(compositionStatus(6).problems).toEqual(["even"]);
    expect(compositionStatus(8).problems).toEqual(["too_many", "even"]);
    expect(compositionStatus(9).problems).toEqual(["too_many"]);
  });

  it("asks for a reason when activating or ending leaves the board outside the rule", () => {
    expect(compositionChange(2, 1)).toMatchObject({
      needsReason: false,
      after: { activeCount: 3 },
    });
    expect(compositionChange(3, 1)).toMatchObject({ needsReason: true, after: { activeCount: 4 } });
    expect(compositionChange(3, -1)).toMatchObject({
      needsReason: true,
      after: { activeCount: 2 },
    });
    expect(compositionChange(6, 1).needsReason).toBe(false);
    expect(compositionChange(7, 1)).toMatchObject({
      needsReason: true,
      after: { problems: ["too_many", "even"] },
    });
    // Forming a board: the first two activations are outside the rule and need a reason.
    expect(compositionChange(0, 1).needsReason).toBe(true);
    expect(compositionChange(1, 1).needsReason).toBe(true);
  });
});
