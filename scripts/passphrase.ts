import fs from "node:fs";

/**
 * The passphrase for `--passphrase-file <file>` (npm run backup / restore): the file's first
 * line. A file, not an argument, so it never shows in the process list or shell history.
 * Undefined without the flag; exits with a message when the file is missing or too short.
 */
export function passphraseFromArgs(args: string[]): string | undefined {
  const at = args.indexOf("--passphrase-file");
  if (at < 0) return undefined;
  const file = args[at + 1];
  if (!file || !fs.existsSync(file)) {
    console.error("--passphrase-file needs a file that holds the passphrase");
    process.exit(2);
  }
  const passphrase = fs.readFileSync(file, "utf8").split(/\r?\n/)[0] ?? "";
  if (passphrase.length < 12) {
    console.error("The passphrase must be at least 12 characters long");
    process.exit(2);
  }
  return passphrase;
}
