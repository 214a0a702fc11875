import { createHmac, randomInt } from "node:crypto";

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

/** Upper-cases and drops spaces and dashes, so "abcd efgh" and "ABCD-EFGH" are the same code. */
export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
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
