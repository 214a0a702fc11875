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
