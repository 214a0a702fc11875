/**
 * Where an applicant checks, corrects or withdraws their form, and where a lost passphrase is
 * reset. Both paths go out in mail that may open on a shared phone, so they name nothing of
 * the board ("gjendja" is "the status", "rivendos" "reset"); the older `/bord/…` paths of
 * messages already sent redirect here. Paths without the language prefix (`localePath` adds it).
 */
export const APPLICANT_STATUS_PATH = "/gjendja";

/** The passphrase reset page for one emailed `token` (see APPLICANT_STATUS_PATH). */
export function passphraseResetPath(token: string): string {
  return `/rivendos/${encodeURIComponent(token)}`;
}
