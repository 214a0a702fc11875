import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  checkFormNonce,
  consumeFormNonce,
  issueFormNonce,
  releaseFormNonce,
  signedNonceState,
} from "./form-guards.server";
import { getConfig } from "../platform/config.server";

const DAY = 24 * 60 * 60 * 1000;

describe("spent form nonces", () => {
  // Far ahead of the module's own clock, so that the first spend below turns the generations.
  const base = Date.now() + 10 * DAY;

  it("stay spent for their whole lifetime across the turn of the remembered sets", () => {
    const first = issueFormNonce(base);
    consumeFormNonce(first, base);
    expect(checkFormNonce(first, base)).toBe("used");

    // A day later another Send turns the sets; the first nonce is still within its lifetime.
    const second = issueFormNonce(base + DAY);
    consumeFormNonce(second, base + DAY);
    expect(checkFormNonce(first, base + DAY)).toBe("used");
    expect(signedNonceState(first)).toBe("used");
    expect(checkFormNonce(second, base + DAY)).toBe("used");

    // Another day on, the first has expired (refused on its own) and the second is still spent.
    const third = issueFormNonce(base + 2 * DAY);
    consumeFormNonce(third, base + 2 * DAY);
    expect(checkFormNonce(first, base + 2 * DAY)).toBe("invalid");
    expect(checkFormNonce(second, base + 2 * DAY)).toBe("used");
    expect(checkFormNonce(third, base + 2 * DAY)).toBe("used");
  });

  it("are told apart: spending one leaves another from the same moment fresh", () => {
    const a = issueFormNonce(base + 3 * DAY);
    const b = issueFormNonce(base + 3 * DAY);
    consumeFormNonce(a, base + 3 * DAY);
    expect(checkFormNonce(a, base + 3 * DAY)).toBe("used");
    expect(checkFormNonce(b, base + 3 * DAY)).toBe("fresh");
  });

  it("can be released again after the sets turned (answers not stored)", () => {
    const nonce = issueFormNonce(base + 5 * DAY);
    consumeFormNonce(nonce, base + 5 * DAY);
    consumeFormNonce(issueFormNonce(base + 6 * DAY), base + 6 * DAY);
    expect(checkFormNonce(nonce, base + 6 * DAY)).toBe("used");
    releaseFormNonce(nonce);
    expect(checkFormNonce(nonce, base + 6 * DAY)).toBe("fresh");
  });

  it("are recognised when the nonce arrives as a slice of a posted body", () => {
    const nonce = issueFormNonce(base + 7 * DAY);
    const body = `page=review&nav=submit&nonce=${nonce}&a%3Aq=${"x".repeat(1000)}`;
    const sliced = new URLSearchParams(body).get("nonce")!;
    consumeFormNonce(sliced, base + 7 * DAY);
    expect(checkFormNonce(`${nonce}`, base + 7 * DAY)).toBe("used");
  });

  it("are remembered in memory up to a bound, turning the sets early when one is full", () => {
    const now = base + 8 * DAY;
    const spend = (nonce: string) => consumeFormNonce(nonce, now, 3);
    // A day after the last test: the first spend turns the sets by time.
    const first = issueFormNonce(now);
    spend(first);
    const later = [0, 1, 2, 3, 4, 5].map(() => issueFormNonce(now));
    // Two more fill the current set; the next turns it, and the first is in the previous one.
    for (const nonce of later.slice(0, 5)) spend(nonce);
    expect(checkFormNonce(first, now)).toBe("used");
    // One more turns the sets again: the first is forgotten here (the response store's
    // spent_form_nonces still refuses it), the last four are remembered.
    spend(later[5]!);
    expect(checkFormNonce(first, now)).toBe("fresh");
    for (const nonce of later.slice(2)) expect(checkFormNonce(nonce, now)).toBe("used");
  });
});

describe("form nonces' signatures", () => {
  const signed = (value: string) =>
    createHmac("sha256", getConfig().feedbackSecret)
      .update(`form-nonce|${value}`)
      .digest("base64url");

  it("refuse a changed signature or issue time, also once the right nonce was checked", () => {
    const now = Date.now();
    const nonce = issueFormNonce(now);
    expect(checkFormNonce(nonce, now)).toBe("fresh");
    const [random, issued, signature] = nonce.split(".");
    const other = signature!.startsWith("A") ? "B" : "A";
    expect(checkFormNonce(`${random}.${issued}.${other}${signature!.slice(1)}`, now)).toBe(
      "invalid",
    );
    expect(checkFormNonce(`${random}.${Number(issued) + 1}.${signature}`, now)).toBe("invalid");
    expect(checkFormNonce(`${random}.${issued}`, now)).toBe("invalid");
    expect(checkFormNonce(nonce, now)).toBe("fresh");
  });

  it("accept a rightly signed nonce this process did not issue (another instance, a restart)", () => {
    const now = Date.now();
    const value = `${"x".repeat(22)}.${now}`;
    const nonce = `${value}.${signed(value)}`;
    expect(checkFormNonce(nonce, now)).toBe("fresh");
    expect(checkFormNonce(nonce, now)).toBe("fresh");
    expect(checkFormNonce(`${value}.${signed(`${value}x`)}`, now)).toBe("invalid");
  });

  it("refuse a remembered nonce once it has expired", () => {
    const now = Date.now();
    const nonce = issueFormNonce(now);
    expect(checkFormNonce(nonce, now + 60_000)).toBe("fresh");
    expect(checkFormNonce(nonce, now + 24 * 60 * 60 * 1000 + 1)).toBe("invalid");
  });
});
