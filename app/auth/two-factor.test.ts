import { describe, expect, it } from "vitest";

import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes.server";
import {
  generateTotpSecret,
  isUsableTotpSecret,
  matchTotpStep,
  totpCode,
  totpStep,
  totpUri,
} from "./totp.server";
import {
  formatRecoveryCode,
  readTypedCode,
  RECOVERY_CODE_COUNT,
  twoFactorRequired,
} from "./two-factor";
import {
  afterWrongCode,
  TWO_FACTOR_LOCK_MS,
  twoFactorLockedUntil,
  type TwoFactorThrottleRow,
} from "./two-factor-throttle.server";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 9, 0, 0) + seconds * 1000);

describe("who must use two-step sign-in", () => {
  it("requires it for admins, reviewers and the secretariat, alone or with other roles", () => {
    expect(twoFactorRequired(["admin"])).toBe(true);
    expect(twoFactorRequired(["reviewer"])).toBe(true);
    expect(twoFactorRequired(["secretariat"])).toBe(true);
    expect(twoFactorRequired(["coordinator", "reviewer"])).toBe(true);
  });

  it("leaves it optional for coordinators and board members", () => {
    expect(twoFactorRequired(["coordinator"])).toBe(false);
    expect(twoFactorRequired(["board_member"])).toBe(false);
    expect(twoFactorRequired(["coordinator", "board_member"])).toBe(false);
    expect(twoFactorRequired([])).toBe(false);
  });
});

describe("TOTP codes (RFC 6238)", () => {
  it("matches the RFC 6238 test vector for SHA-1 (59 s gives 94287082, 6 digits: 287082)", () => {
    // RFC 6238 Appendix B: the ASCII secret "12345678901234567890".
    const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(rfcSecret, new Date(59_000))).toBe("287082");
    expect(matchTotpStep(rfcSecret, "287082", new Date(59_000))).toBe(1);
  });

  it("accepts the previous, current and next code, and nothing further away", () => {
    const now = at(45);
    const step = totpStep(now);
    expect(matchTotpStep(SECRET, totpCode(SECRET, now), now)).toBe(step);
    expect(matchTotpStep(SECRET, totpCode(SECRET, at(15)), now)).toBe(step - 1);
    expect(matchTotpStep(SECRET, totpCode(SECRET, at(75)), now)).toBe(step + 1);
    expect(matchTotpStep(SECRET, totpCode(SECRET, at(-15)), now)).toBeNull();
    expect(matchTotpStep(SECRET, totpCode(SECRET, at(105)), now)).toBeNull();
  });

  it("refuses a code made from another secret", () => {
    const other = generateTotpSecret();
    expect(matchTotpStep(SECRET, totpCode(other, at(0)), at(0))).toBeNull();
  });

  it("makes 160-bit secrets that apps accept, in an otpauth address", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(isUsableTotpSecret(secret)).toBe(true);
    expect(isUsableTotpSecret("TOOSHORT")).toBe(false);
    expect(totpUri(secret, "ana@example.org", "Your Voice")).toMatch(
      /^otpauth:\/\/totp\/Your%20Voice:ana%40example\.org\?.*secret=/,
    );
  });
});

describe("what a person types in the second step", () => {
  it("reads six digits as an app code, spaces allowed", () => {
    expect(readTypedCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
  });

  it("reads a recovery code in any case, with dashes, O as 0 and I or L as 1", () => {
    expect(readTypedCode("7K2M-Q9VD-O3XH")).toEqual({ kind: "recovery", code: "7k2mq9vd03xh" });
    expect(readTypedCode("abcd efgh ijkl")).toEqual({ kind: "recovery", code: "abcdefgh1jk1" });
  });

  it("refuses anything else", () => {
    expect(readTypedCode("12345")).toEqual({ kind: "invalid" });
    expect(readTypedCode("1234567")).toEqual({ kind: "invalid" });
    expect(readTypedCode("uuuu-uuuu-uuuu")).toEqual({ kind: "invalid" });
    expect(readTypedCode("")).toEqual({ kind: "invalid" });
  });
});

describe("recovery codes", () => {
  it("are ten different codes that read back as recovery codes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(readTypedCode(formatRecoveryCode(code).toUpperCase())).toEqual({
        kind: "recovery",
        code,
      });
    }
  });

  it("are stored as a hash that differs per person and does not contain the code", () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode("user-a", code!);
    expect(hash).not.toContain(code);
    expect(hash).not.toBe(hashRecoveryCode("user-b", code!));
    expect(hash).toBe(hashRecoveryCode("user-a", code!));
  });
});

describe("wrong-code throttle", () => {
  function wrong(n: number): TwoFactorThrottleRow | undefined {
    let row: TwoFactorThrottleRow | undefined;
    for (let i = 0; i < n; i += 1) row = afterWrongCode(row, at(i));
    return row;
  }

  it("allows four wrong codes, then refuses every code for 15 minutes", () => {
    expect(twoFactorLockedUntil(wrong(4), at(10))).toBeNull();
    const locked = wrong(5);
    expect(twoFactorLockedUntil(locked, at(10))).toEqual(
      new Date(at(4).getTime() + TWO_FACTOR_LOCK_MS),
    );
    expect(twoFactorLockedUntil(locked, new Date(at(4).getTime() + TWO_FACTOR_LOCK_MS))).toBeNull();
  });

  it("forgets wrong codes after 15 minutes and starts afresh after a lock", () => {
    expect(afterWrongCode(wrong(4), at(4 + 15 * 60)).failures).toBe(1);
    const lockedRow = wrong(5)!;
    expect(afterWrongCode(lockedRow, new Date(Date.parse(lockedRow.locked_until!))).failures).toBe(
      1,
    );
  });
});
