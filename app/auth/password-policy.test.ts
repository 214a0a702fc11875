import fs from "node:fs";

import { describe, expect, it } from "vitest";

import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  checkPasswordPolicy,
} from "./password-policy.server";

describe("checkPasswordPolicy", () => {
  it("exports the agreed limits", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(MAX_PASSWORD_LENGTH).toBe(256);
  });

  it("refuses passwords shorter than 12 characters", () => {
    expect(checkPasswordPolicy("")).toBe("too_short");
    expect(checkPasswordPolicy("short")).toBe("too_short");
    expect(checkPasswordPolicy("kafe-me-qum")).toBe("too_short");
  });

  it("accepts 12 code points, counting a multi-byte Albanian ë once", () => {
    const password = "lulëkuqe-ujë";
    expect([...password]).toHaveLength(12);
    expect(Buffer.byteLength(password, "utf8")).toBe(14);
    expect(checkPasswordPolicy(password)).toBeNull();
    expect(checkPasswordPolicy("lulëkuqe-uj")).toBe("too_short");
  });

  it("counts code points, not UTF-16 units", () => {
    // 11 code points but 12 UTF-16 units: the eagle is outside the Basic Multilingual Plane.
    expect(checkPasswordPolicy("shqiponja🦅!")).toBe("too_short");
    // 256 code points but 512 UTF-16 units.
    expect(checkPasswordPolicy("🦅x".repeat(128))).toBeNull();
  });

  it("refuses passwords longer than 256 code points", () => {
    expect(checkPasswordPolicy("ab".repeat(128))).toBeNull();
    expect(checkPasswordPolicy(`${"ab".repeat(128)}c`)).toBe("too_long");
    expect(checkPasswordPolicy("🦅x".repeat(128) + "y")).toBe("too_long");
  });

  it("refuses listed passwords whatever their case", () => {
    for (const password of [
      "password1234",
      "Password1234",
      "PASSWORD1234",
      "QwertyUiop123",
      "iloveyou1234",
      "123456789012",
      "Fjalëkalimi123",
      "FJALEKALIMI123",
      "Shqiperia2024",
      "SurvivorPortal",
      "StopTrafficking",
      "Antitrafikim123",
    ]) {
      expect(checkPasswordPolicy(password), password).toBe("too_common");
    }
  });

  it("matches a decomposed ë against the list's precomposed one", () => {
    expect(checkPasswordPolicy("fjale\u0308kalimi123")).toBe("too_common");
  });

  it("refuses the email's local part with at most four extra characters", () => {
    const context = { email: "Jane.Doe@example.org" };
    expect(checkPasswordPolicy("jane.doe1234", context)).toBe("too_common");
    expect(checkPasswordPolicy("Jane.Doe2024", context)).toBe("too_common");
    expect(checkPasswordPolicy("1234jane.doe", context)).toBe("too_common");
    expect(checkPasswordPolicy("!jane.doe!!!", context)).toBe("too_common");
    // Five extra characters is no longer "just the email".
    expect(checkPasswordPolicy("jane.doe12345", context)).toBeNull();
    // Without the email the same password is not refused.
    expect(checkPasswordPolicy("jane.doe1234")).toBeNull();
    expect(checkPasswordPolicy("jane.doe1234", {})).toBeNull();
  });

  it("refuses a single repeated character", () => {
    expect(checkPasswordPolicy("zzzzzzzzzzzz")).toBe("too_common");
    expect(checkPasswordPolicy("AaAaAaAaAaAaAa")).toBe("too_common");
    expect(checkPasswordPolicy("ëëëëëëëëëëëë")).toBe("too_common");
    expect(checkPasswordPolicy("🦅".repeat(12))).toBe("too_common");
  });

  it("accepts a strong passphrase", () => {
    expect(checkPasswordPolicy("kafe-me-qumesht-ne-mengjes")).toBeNull();
    expect(
      checkPasswordPolicy("kafe-me-qumesht-ne-mengjes", { email: "jane.doe@example.org" }),
    ).toBeNull();
  });
});

describe("common-passwords.txt", () => {
  const entries = fs
    .readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.length > 0);

  it("holds a substantial list", () => {
    expect(entries.length).toBeGreaterThan(1000);
  });

  it("has no entries shorter than the minimum length", () => {
    expect(entries.filter((entry) => [...entry].length < MIN_PASSWORD_LENGTH)).toEqual([]);
  });

  it("has no duplicates", () => {
    expect(new Set(entries).size).toBe(entries.length);
  });

  it("is lowercase, NFC and free of whitespace", () => {
    expect(
      entries.filter(
        (entry) =>
          entry !== entry.toLowerCase() || entry !== entry.normalize("NFC") || /\s/.test(entry),
      ),
    ).toEqual([]);
  });
});
