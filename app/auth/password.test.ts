import { describe, expect, it } from "vitest";

import {
  hashPassword,
  passwordNeedsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "./password.server";

describe("password hashing", () => {
  it("uses argon2id with at least 19 MiB, 2 passes and 1 lane, salted per hash", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hashPassword("a long enough passphrase")).not.toBe(hash);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it("verifies the right password only, and never throws on a malformed hash", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(await verifyPassword(hash, "a long enough passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a long enough passphrasE")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });

  it("asks for a rehash of hashes made with weaker settings", async () => {
    const argon2 = (await import("argon2")).default;
    const weak = await argon2.hash("a long enough passphrase", {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    expect(passwordNeedsRehash(weak)).toBe(true);
  });
});
