import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import * as z from "zod";

/**
 * Runtime configuration, read once from the environment. Every variable is optional so that
 * `npm start` works on a fresh machine; secrets that are absent are generated once into DATA_DIR
 * (mode 0600) so they survive restarts without anyone having to invent them.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  SESSION_SECRET: z.string().min(32).optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "DATA_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Portal <no-reply@localhost>"),
  PUBLIC_URL: z.string().url().optional(),
  FEEDBACK_SECRET: z.string().min(32).optional(),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, "TIME_ZONE must be an IANA time zone such as Europe/Tirane")
    .default("Europe/Tirane"),
  DATABASE_URL_IDENTITY: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
    .optional(),
  DATABASE_URL_RESPONSES: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
    .optional(),
  DATABASE_URL_KEYS: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  dataDir: string;
  identityStorePath: string;
  responseStorePath: string;
  /** Both set: the stores live in PostgreSQL (docs/decisions/017); both absent: SQLite files. */
  identityDatabaseUrl: string | undefined;
  responseDatabaseUrl: string | undefined;
  /**
   * The board's person-key store (app/board/person-keys.server.ts, docs/decisions/021, 047): a
   * PostgreSQL database of its own when DATABASE_URL_KEYS is set (only with the two stores on
   * PostgreSQL), otherwise the SQLite file `keyStorePath` in DATA_DIR.
   */
  keysDatabaseUrl: string | undefined;
  keyStorePath: string;
  /** Connections per store per instance on PostgreSQL. */
  databasePoolSize: number;
  sessionSecret: string;
  /** Keys the access-code hashes and the questionnaire's form nonces (not the session secret,
   * so rotating that one signs everybody out without voiding printed codes). */
  feedbackSecret: string;
  dataKey: Buffer;
  /** The organisation's calendar: campaign dates and response days are read in this zone. */
  timeZone: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
};

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v)));
  if (Boolean(parsed.DATABASE_URL_IDENTITY) !== Boolean(parsed.DATABASE_URL_RESPONSES))
    throw new Error(
      "Set both DATABASE_URL_IDENTITY and DATABASE_URL_RESPONSES (PostgreSQL), or neither (SQLite)",
    );
  if (
    parsed.DATABASE_URL_IDENTITY &&
    parsed.DATABASE_URL_IDENTITY === parsed.DATABASE_URL_RESPONSES
  )
    throw new Error("The identity and response stores must be two different databases");
  if (parsed.DATABASE_URL_KEYS) {
    if (!parsed.DATABASE_URL_IDENTITY)
      throw new Error(
        "DATABASE_URL_KEYS needs the two stores on PostgreSQL too (DATABASE_URL_IDENTITY and DATABASE_URL_RESPONSES)",
      );
    if (
      sameDatabase(parsed.DATABASE_URL_KEYS, parsed.DATABASE_URL_IDENTITY) ||
      sameDatabase(parsed.DATABASE_URL_KEYS, parsed.DATABASE_URL_RESPONSES!)
    )
      throw new Error(
        "The key store (DATABASE_URL_KEYS) must be a database of its own, outside the backed-up stores",
      );
  }
  const dataDir = path.resolve(parsed.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sessionSecret =
    parsed.SESSION_SECRET ??
    readOrCreateSecret(path.join(dataDir, "session-secret"), () => randomBytes(32).toString("hex"));
  const feedbackSecret =
    parsed.FEEDBACK_SECRET ??
    readOrCreateSecret(path.join(dataDir, "feedback-secret"), () =>
      randomBytes(32).toString("hex"),
    );
  const dataKeyHex =
    parsed.DATA_KEY ??
    readOrCreateSecret(path.join(dataDir, "data-key"), () => randomBytes(32).toString("hex"));
  return {
    nodeEnv: parsed.NODE_ENV,
    isProduction: parsed.NODE_ENV === "production",
    port: parsed.PORT,
    dataDir,
    identityStorePath: path.join(dataDir, "identity.sqlite"),
    responseStorePath: path.join(dataDir, "responses.sqlite"),
    identityDatabaseUrl: parsed.DATABASE_URL_IDENTITY,
    responseDatabaseUrl: parsed.DATABASE_URL_RESPONSES,
    keysDatabaseUrl: parsed.DATABASE_URL_KEYS,
    keyStorePath: path.join(dataDir, "person-keys.sqlite"),
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    sessionSecret,
    feedbackSecret,
    dataKey: Buffer.from(dataKeyHex, "hex"),
    timeZone: parsed.TIME_ZONE,
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ""),
  };
}

/**
 * Whether two postgres:// URLs name the same database: same host (case-insensitive), port
 * (5432 when absent) and database name, whatever the role or options; unparsable ones are
 * compared as text.
 */
export function sameDatabase(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return (
      x.hostname.toLowerCase() === y.hostname.toLowerCase() &&
      (x.port || "5432") === (y.port || "5432") &&
      decodeURIComponent(x.pathname) === decodeURIComponent(y.pathname)
    );
  } catch {
    return a === b;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads a secret file, or writes a new one readable only by this user (0600). */
export function readOrCreateSecret(file: string, generate: () => string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = generate();
  // "wx" fails if another process created the file meanwhile; then read theirs.
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(file, "utf8").trim();
  }
}
