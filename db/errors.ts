/**
 * Engine-neutral questions about database errors, so feature code never inspects SQLite or
 * PostgreSQL codes itself.
 */

/** True for a unique or primary-key violation (SQLite SQLITE_CONSTRAINT…, PostgreSQL 23505). */
export function isUniqueConstraintError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === "23505") return true;
  // startsWith: better-sqlite3 and others report extended codes such as SQLITE_CONSTRAINT_UNIQUE.
  return (
    typeof code === "string" &&
    code.startsWith("SQLITE_CONSTRAINT") &&
    typeof message === "string" &&
    message.includes("UNIQUE constraint failed")
  );
}

/**
 * True when the database cannot be reached or is shutting down: connection refused or reset,
 * a timeout while connecting, PostgreSQL's admin shutdown / cannot-connect classes (57P…, 08…),
 * or SQLite's busy/locked/unopenable file. Pages answer 503 "try again later" for these.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, cause } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string") {
      if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
      if (/^(08|57P0[1-3]|53300)/.test(code)) return true;
      if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)/.test(code)) return true;
    }
    if (
      typeof message === "string" &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
    current = cause;
  }
  return false;
}
