import { describe, expect, it } from "vitest";

import {
  afterFailure,
  decideThrottle,
  LOCK_DURATION_MS,
  type ThrottleRow,
} from "./sign-in-throttle.server";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, seconds));

function failTimes(n: number, start = 0): ThrottleRow | undefined {
  let row: ThrottleRow | undefined;
  for (let i = 0; i < n; i += 1) row = afterFailure(row, at(start + i));
  return row;
}

describe("sign-in throttle", () => {
  it("lets the first attempts through without delay", () => {
    expect(decideThrottle(undefined, at(0))).toEqual({ kind: "allowed", delayMs: 0 });
    expect(decideThrottle(failTimes(4), at(5))).toEqual({ kind: "allowed", delayMs: 0 });
  });

  it("slows attempts after 5 failures: 1 s, 2 s, 4 s", () => {
    expect(decideThrottle(failTimes(5), at(10))).toEqual({ kind: "allowed", delayMs: 1000 });
    expect(decideThrottle(failTimes(6), at(10))).toEqual({ kind: "allowed", delayMs: 2000 });
    expect(decideThrottle(failTimes(7), at(10))).toEqual({ kind: "allowed", delayMs: 4000 });
  });

  it("refuses for 15 minutes after the 8th failure, then starts afresh", () => {
    const row = failTimes(8);
    const lockedAt = at(7).getTime();
    expect(decideThrottle(row, at(60))).toMatchObject({ kind: "locked" });
    expect(decideThrottle(row, new Date(lockedAt + LOCK_DURATION_MS - 1000))).toMatchObject({
      kind: "locked",
    });
    expect(decideThrottle(row, new Date(lockedAt + LOCK_DURATION_MS))).toEqual({
      kind: "allowed",
      delayMs: 0,
    });
    expect(afterFailure(row, new Date(lockedAt + LOCK_DURATION_MS)).failures).toBe(1);
  });

  it("forgets failures older than 15 minutes", () => {
    const row = failTimes(6);
    expect(decideThrottle(row, new Date(at(5).getTime() + 15 * 60 * 1000))).toEqual({
      kind: "allowed",
      delayMs: 0,
    });
  });
});
