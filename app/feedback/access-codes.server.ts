import { createHmac, randomInt } from "node:crypto";

import { normalizeTypedIdentifier } from "../platform/typed-identifier";

/**
 * Single-use access codes, printed on cut-out cards. 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, 5/S) shown as XXXX-XXXX: about 40 bits, easy to read aloud and
 * type on a phone. Only a keyed hash is stored, so the database alone cannot reveal a code.
 */
const ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789";
const LENGTH = 8;

export function generateAccessCode(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The code as typed, reduced to its 8 characters: normalised like every typed identifier (any
 * dash or hyphen, full-width letters and digits, spaces around; see typed-identifier.ts), then
 * without spaces and dashes, so " abcd–efgh " and "ABCD-EFGH" are the same code.
 */
export function normalizeAccessCode(input: string): string {
  return normalizeTypedIdentifier(input).replace(/[ -]+/g, "");
}

/** The code as printed on the card ("ABCD-EFGH"), or the typed text if it is not a code. */
export function displayAccessCode(input: string): string {
  const code = normalizeAccessCode(input);
  return isWellFormedAccessCode(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : input;
}

export function isWellFormedAccessCode(input: string): boolean {
  const code = normalizeAccessCode(input);
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c));
}

export function hashAccessCode(input: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(`access-code|${normalizeAccessCode(input)}`)
    .digest("base64url");
}
