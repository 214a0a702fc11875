import { describe, expect, it } from "vitest";

import {
  balanceCounts,
  mostDisagreed,
  nominatedByOwnOrganisation,
  scoreSpread,
  shuffled,
  totalOf,
} from "./review-rules";

describe("the reviewer's own organisation nominated the applicant", () => {
  it("matches the same name whatever the case, diacritics or punctuation", () => {
    expect(nominatedByOwnOrganisation("qendra tjeter, vlore", ["Qendra Tjetër Vlorë"])).toBe(true);
    expect(nominatedByOwnOrganisation("Different & Equal", ["Different and Equal"])).toBe(false);
  });
  it("matches a name written whole inside a longer one, but not a short word alone", () => {
    expect(nominatedByOwnOrganisation("Shoqata Tjetër Vizion Tiranë", ["Tjeter Vizion"])).toBe(
      true,
    );
    expect(nominatedByOwnOrganisation("NGO", ["Demo NGO Tirana"])).toBe(false);
    expect(nominatedByOwnOrganisation("Vizionet", ["Vizion"])).toBe(false);
  });
  it("finds nothing when no organisation was named", () => {
    expect(nominatedByOwnOrganisation("", ["Demo NGO Tirana"])).toBe(false);
    expect(nominatedByOwnOrganisation("Demo NGO Tirana", [])).toBe(false);
  });
});

describe("spread of reviewers' scores", () => {
  it("needs two reviewers to compare", () => {
    expect(scoreSpread([{ experience: 3, expertise: 2, participation: 1 }])).toBeNull();
  });
  it("sums the spread of each criterion", () => {
    const spread = scoreSpread([
      { experience: 3, expertise: 3, participation: 3 },
      { experience: 0, expertise: 1, participation: 3 },
    ])!;
    expect(spread.criteria.experience).toEqual({ min: 0, max: 3, spread: 3, mean: 1.5 });
    expect(spread.criteria.participation.spread).toBe(0);
    expect(spread.disagreement).toBe(5);
    expect(totalOf({ experience: 3, expertise: 2, participation: 1 })).toBe(6);
  });
  it("lists the most disagreed applications first, leaving out agreement", () => {
    const rows = [
      { id: "a", disagreement: 2 },
      { id: "b", disagreement: 0 },
      { id: "c", disagreement: 7 },
      { id: "d", disagreement: null },
    ];
    expect(mostDisagreed(rows).map((r) => r.id)).toEqual(["c", "a"]);
    expect(mostDisagreed(rows, 1).map((r) => r.id)).toEqual(["c"]);
  });
});

describe("balance table of the shortlist", () => {
  const order = ["woman", "man", "other", "prefer_not"];
  it("shows counts under 3 as fewer than 3, and leaves out answers nobody gave", () => {
    expect(balanceCounts(["woman", "woman", "woman", "man", "man", "other"], order)).toEqual([
      { value: "woman", count: 3 },
      { value: "man", count: "fewer" },
      { value: "other", count: "fewer" },
    ]);
  });
  it("hides the next smallest when only one count would be hidden", () => {
    // 4 women, 3 men, 1 other: "other" alone hidden would be 8 − 4 − 3.
    const answers = [...Array(4).fill("woman"), ...Array(3).fill("man"), "other"] as string[];
    expect(balanceCounts(answers, order)).toEqual([
      { value: "woman", count: 4 },
      { value: "man", count: "fewer" },
      { value: "other", count: "fewer" },
    ]);
  });
  it("shows a single answer given by everyone as it is when 3 or more", () => {
    expect(balanceCounts(["man", "man", "man"], order)).toEqual([{ value: "man", count: 3 }]);
    expect(balanceCounts(["man"], order)).toEqual([{ value: "man", count: "fewer" }]);
  });
});

it("shuffles into a permutation of the same names", () => {
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  const names = ["a", "b", "c", "d", "e", "f"];
  const out = shuffled(names, random);
  expect([...out].sort()).toEqual(names);
  expect(out).not.toEqual(names);
});
