import { describe, expect, it } from "vitest";

import {
  anonymousCsrfToken,
  csrfTokenForSession,
  isValidCsrfToken,
  requireCsrf,
} from "./csrf.server";

const secret = "test-secret-for-csrf-0123456789abcdef";

describe("CSRF tokens", () => {
  it("accepts the token of the same session and refuses another session's", () => {
    const token = csrfTokenForSession("session-a", secret);
    expect(isValidCsrfToken(token, "session-a", new Date(), secret)).toBe(true);
    expect(isValidCsrfToken(token, "session-b", new Date(), secret)).toBe(false);
  });

  it("refuses a missing, empty or forged token", () => {
    expect(isValidCsrfToken(null, "session-a", new Date(), secret)).toBe(false);
    expect(isValidCsrfToken("", "session-a", new Date(), secret)).toBe(false);
    expect(
      isValidCsrfToken(
        csrfTokenForSession("session-a", "other-secret-0123456789abcdef"),
        "session-a",
        new Date(),
        secret,
      ),
    ).toBe(false);
  });

  it("accepts an anonymous token for 4 hours only, and never for a signed-in session", () => {
    const issued = new Date("2026-11-23T09:00:00Z");
    const token = anonymousCsrfToken(issued, secret);
    expect(isValidCsrfToken(token, null, new Date(issued.getTime() + 60_000), secret)).toBe(true);
    expect(isValidCsrfToken(token, null, new Date(issued.getTime() + 5 * 3600_000), secret)).toBe(
      false,
    );
    expect(isValidCsrfToken(token, "session-a", issued, secret)).toBe(false);
    const tampered = token.replace(/^a\.\d+/, `a.${issued.getTime() + 3600_000}`);
    expect(isValidCsrfToken(tampered, null, issued, secret)).toBe(false);
  });

  it("throws a 403 response when a form has no token", () => {
    const form = new FormData();
    let thrown: unknown;
    try {
      requireCsrf(form, "session-a");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
  });
});
