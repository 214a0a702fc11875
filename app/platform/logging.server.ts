/**
 * Logging rules: one line per request (written by server.js), and errors as a single line with
 * the error's name and message. Never request bodies, query strings or IP addresses. Stacks are
 * printed outside production only.
 */
export function logError(where: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const line = JSON.stringify({ level: "error", where, name, message: message.slice(0, 500) });
  console.error(line);
  if (process.env.NODE_ENV !== "production" && error instanceof Error && error.stack) {
    console.error(error.stack);
  }
}

export function logInfo(message: string, fields: Record<string, string | number> = {}): void {
  console.log(JSON.stringify({ level: "info", message, ...fields }));
}

/** A warning about the configuration, one line on stderr (never a secret or a URL). */
export function logWarning(message: string, fields: Record<string, string | number> = {}): void {
  console.error(JSON.stringify({ level: "warn", message, ...fields }));
}

/**
 * The one line written when a store's database cannot be reached (a page then answers 503):
 * where it happened and the driver's error code (ECONNREFUSED, 57P01…), never the message,
 * which can carry a host name or a query.
 */
export function logDatabaseUnavailable(where: string, error: unknown): void {
  const code = findCode(error);
  console.error(JSON.stringify({ level: "error", where, name: "DatabaseUnavailable", code }));
}

function findCode(error: unknown): string {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
    current = cause;
  }
  return "unknown";
}
