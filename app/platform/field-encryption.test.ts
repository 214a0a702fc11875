import { createHmac, randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  decryptField,
  emailBlindIndex,
  encryptField,
  generateDataKey,
  unwrapDataKey,
  wrapDataKey,
} from "./field-encryption.server";

describe("field encryption (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("round-trips text and never stores it in clear", () => {
    const stored = encryptField(key, "Lindita nga Shkodra", "outbox:1");
    expect(stored).not.toContain("Lindita");
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptField(key, stored, "outbox:1")).toBe("Lindita nga Shkodra");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptField(key, "same", "c")).not.toBe(encryptField(key, "same", "c"));
  });

  it("refuses a value moved to another context, a wrong key or a tampered value", () => {
    const stored = encryptField(key, "secret", "outbox:1");
    expect(() => decryptField(key, stored, "outbox:2")).toThrow();
    expect(() => decryptField(randomBytes(32), stored, "outbox:1")).toThrow();
    const parts = stored.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("other").toString("base64url")].join(".");
    expect(() => decryptField(key, tampered, "outbox:1")).toThrow();
  });
});

describe("per-person data keys", () => {
  const master = randomBytes(32);

  it("wrap under the master key and unwrap only with it, for the same person", () => {
    const personKey = generateDataKey();
    const wrapped = wrapDataKey(master, personKey, "person-1");
    expect(wrapped).not.toContain(personKey.toString("base64"));
    expect(unwrapDataKey(master, wrapped, "person-1").equals(personKey)).toBe(true);
    expect(() => unwrapDataKey(master, wrapped, "person-2")).toThrow();
    expect(() => unwrapDataKey(randomBytes(32), wrapped, "person-1")).toThrow();
  });

  it("are different for every person", () => {
    expect(generateDataKey().equals(generateDataKey())).toBe(false);
  });
});

describe("the email blind index", () => {
  it("is the stored lookups' HMAC, whatever the case and spaces, and differs per scope and purpose", () => {
    const dataKey = Buffer.alloc(32, 7);
    // The formula the stored lookups were written with: changing it would lose every match.
    const expected = createHmac("sha256", createHmac("sha256", dataKey).update("p").digest())
      .update("call-1|ana@example.org")
      .digest("base64url");
    expect(emailBlindIndex(dataKey, "p", "call-1", "  Ana@Example.org ")).toBe(expected);
    expect(emailBlindIndex(dataKey, "p", "call-2", "ana@example.org")).not.toBe(expected);
    expect(emailBlindIndex(dataKey, "q", "call-1", "ana@example.org")).not.toBe(expected);
    expect(emailBlindIndex(Buffer.alloc(32, 8), "p", "call-1", "ana@example.org")).not.toBe(
      expected,
    );
  });
});
