import fs from "node:fs";
import path from "node:path";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "too_common";

/** How many characters may be added to the email's local part before it stops counting as one. */
const EMAIL_DERIVED_SLACK = 4;

// Resolved from the working directory, not import.meta.url: Remix bundles this module into
// build/index.js, where import.meta.url points at build/. The server always runs from the
// project root (npm start / node server.js), and so do the tests.
const COMMON_PASSWORDS_FILE = path.join(process.cwd(), "app/auth/common-passwords.txt");

let commonPasswords: ReadonlySet<string> | undefined;

/** Loaded on first use and kept; a missing file throws rather than silently allowing everything. */
function getCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    fs
      .readFileSync(COMMON_PASSWORDS_FILE, "utf8")
      .split("\n")
      .map((line) => normalise(line.trim()))
      .filter((line) => line.length > 0),
  );
  return commonPasswords;
}

/** NFC so a decomposed "ë" (e + U+0308) matches the list's precomposed one; then lowercase. */
function normalise(value: string): string {
  return value.normalize("NFC").toLowerCase();
}

/**
 * Checks a new staff password. Lengths are counted in Unicode code points, so "ë" or an emoji
 * counts once. Returns the first problem found, or null when the password is acceptable.
 */
export function checkPasswordPolicy(
  password: string,
  context?: { email?: string },
): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "too_short";
  if (length > MAX_PASSWORD_LENGTH) return "too_long";

  const candidate = normalise(password);
  if (getCommonPasswords().has(candidate)) return "too_common";
  if (new Set(candidate).size === 1) return "too_common";
  if (context?.email && isDerivedFromEmail(candidate, context.email)) return "too_common";
  return null;
}

/** True when the password is the email's local part plus at most a few extra characters. */
function isDerivedFromEmail(candidate: string, email: string): boolean {
  const address = normalise(email.trim());
  const at = address.lastIndexOf("@");
  const localPart = at === -1 ? address : address.slice(0, at);
  if (localPart.length === 0) return false;
  return (
    candidate.includes(localPart) &&
    [...candidate].length <= [...localPart].length + EMAIL_DERIVED_SLACK
  );
}
