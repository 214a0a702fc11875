import { randomFillSync } from "node:crypto";

const POOL_TOKENS = 256;
const pools = new Map<number, { bytes: Buffer; offset: number }>();

/**
 * A fresh random token of `bytes` cryptographically strong random bytes, as base64url without
 * padding (16 bytes: 22 characters). The bytes are cut from a pool filled by `randomFillSync`
 * for 256 tokens at a time and never handed out twice: one call into the random generator per
 * 256 tokens instead of one each, which cost about a fiftieth of a questionnaire page (issue
 * 17; the CSP nonces in server.js are made the same way, docs/decisions/057).
 *
 * @param bytes whole number of bytes, 1 to 1024
 * @throws RangeError for any other `bytes`
 */
export function randomToken(bytes: number): string {
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
  const token = pool.bytes.toString("base64url", pool.offset, pool.offset + bytes);
  pool.offset += bytes;
  return token;
}
