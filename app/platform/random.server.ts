import { randomFillSync } from "node:crypto";

const POOL_TOKENS = 256;
const pools = new Map<number, { bytes: Buffer; offset: number }>();

/**
 * A fresh random token of `bytes` cryptographically strong random bytes, as base64url without
 * padding (16 bytes: 22 characters) or as base64 (16 bytes: 24 characters, the CSP nonces of
 * server.js). The bytes are cut from a pool filled by `randomFillSync` for 256 tokens at a time
 * and never handed out twice: one call into the random generator per 256 tokens instead of one
 * each, which cost about a twentieth of a submission and a fiftieth of a questionnaire page
 * (issue 17, docs/decisions/057).
 *
 * @param bytes whole number of bytes, 1 to 1024
 * @param encoding "base64url" (default) or "base64"
 * @throws RangeError for any other `bytes`
 */
export function randomToken(bytes: number, encoding: "base64url" | "base64" = "base64url"): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 1024)
    throw new RangeError(`randomToken: ${bytes} bytes`);
  let pool = pools.get(bytes);
  if (!pool) {
    pool = { bytes: Buffer.alloc(bytes * POOL_TOKENS), offset: bytes * POOL_TOKENS };
    pools.set(bytes, pool);
  }
  if (pool.offset === pool.bytes.length) {
    randomFillSync(pool.bytes);
    pool.offset = 0;
  }
  const token = pool.bytes.toString(encoding, pool.offset, pool.offset + bytes);
  pool.offset += bytes;
  return token;
}
