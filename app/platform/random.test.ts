import { describe, expect, it } from "vitest";

import { randomToken } from "./random.server";

describe("randomToken", () => {
  it("gives tokens of the asked length that never repeat, across many refills of the pool", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 256 * 8 + 3; i++) {
      const token = randomToken(16);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      seen.add(token);
    }
    expect(seen.size).toBe(256 * 8 + 3);
  });

  it("gives the CSP nonces' base64 too: 24 characters for 16 bytes", () => {
    const token = randomToken(16, "base64");
    expect(token).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(token, "base64")).toHaveLength(16);
  });

  it("refuses a size that is not a whole number of bytes from 1 to 1024", () => {
    for (const bytes of [0, -1, 1.5, 1025, Number.NaN]) {
      expect(() => randomToken(bytes)).toThrow(RangeError);
    }
  });
});
