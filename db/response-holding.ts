import { randomInt, randomUUID } from "node:crypto";

import { sql } from "kysely";

import { engineOf } from "./open-store";
import type { ResponseDb } from "./response-store";

/**
 * Submission order on PostgreSQL (docs/decisions/018).
 *
 * SQLite stores the response tables WITHOUT ROWID under random keys, so the file keeps no order.
 * PostgreSQL cannot: a heap returns rows in insertion order, and each row's `xmin` names the
 * transaction that wrote it, in increasing order; an UPDATE (a tally, a spent code) gives the
 * row a new `xmin`. So on PostgreSQL an acknowledged submission first goes, encrypted, into
 * `held_submissions`; a move later takes everything held, writes it into the response tables,
 * and rewrites every row of the campaigns concerned, in random order, in that one transaction:
 * afterwards every such row has the same `xmin` and a random place (`ctid`) in the table.
 *
 * The feature code hands over its submissions with a `write` function and a `hold` function
 * that seals one into an opaque payload; whether they are written at once (SQLite) or held
 * (PostgreSQL) is decided here.
 */
export type HeldItem = { campaignId: string; payload: string };
/** Writes payloads into the response tables, inside the given transaction. */
export type PayloadWriter = (trx: ResponseDb, payloads: string[]) => Promise<void>;

/** The tables whose rows are rewritten at each move (all carry campaign_id). */
const SHUFFLED_TABLES = [
  "responses",
  "answer_tallies",
  "free_text_answers",
  "access_codes",
  "published_results",
] as const;

/** The advisory lock a move holds (any constant): two instances never move at once. */
export const MOVE_LOCK = 0x5e11ed;

/**
 * How accepted submissions are handled: `write` writes them into the response tables at once
 * (inside the given transaction), `hold` seals one into an opaque payload to be held.
 */
export type Acceptance<T> = {
  write: (trx: ResponseDb, items: T[]) => Promise<void>;
  hold: (item: T) => HeldItem;
};

/**
 * In the caller's transaction: SQLite writes the submissions at once (`write`); PostgreSQL
 * keeps them, sealed by `hold`, in `held_submissions`. Only what is held is sealed: on SQLite
 * a payload would be encrypted and decrypted again at once, for nothing (issue 17: about a
 * twentieth of a submission's server time). Returns how many submissions are now held,
 * counted up to `countUpTo` (0 on SQLite), so the caller can start a move
 * (moveHeldSubmissions) once enough are waiting. The count stops there because it runs with
 * every submission: counting every held row made each submission slower the longer moves
 * waited.
 */
export async function acceptSubmissions<T>(
  trx: ResponseDb,
  items: T[],
  { write, hold }: Acceptance<T>,
  { countUpTo }: { countUpTo: number },
): Promise<{ held: number }> {
  if (items.length === 0) return { held: 0 };
  if (engineOf(trx) === "sqlite") {
    await write(trx, items);
    return { held: 0 };
  }
  await trx
    .insertInto("held_submissions")
    .values(
      items.map((item) => {
        const { campaignId, payload } = hold(item);
        return { id: randomUUID(), campaign_id: campaignId, payload_encrypted: payload };
      }),
    )
    .execute();
  const { n } = await trx
    .selectFrom((eb) =>
      eb.selectFrom("held_submissions").select("id").limit(Math.max(1, countUpTo)).as("some"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { held: Number(n) };
}

/** True when submissions are waiting (always false on SQLite). */
export async function hasHeldSubmissions(db: ResponseDb): Promise<boolean> {
  if (engineOf(db) === "sqlite") return false;
  const row = await db.selectFrom("held_submissions").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves every held submission into the response tables in one transaction, in random order,
 * then rewrites all rows of the campaigns concerned in random order, so none keeps its own
 * `xmin` or place. Returns how many were moved (0 on SQLite, or when none was held).
 * Two instances never move at once (an advisory lock): with `wait` (the default) this waits for
 * the other's move, and without it returns null at once, holding no connection while the other
 * instance works (a background move, decision 018). Submissions keep arriving in
 * `held_submissions` meanwhile. Table locks keep out code spending and redaction during the
 * move, so the rewrite can lose no update.
 */
export async function moveHeldSubmissions(
  db: ResponseDb,
  write: PayloadWriter,
  { wait = true }: { wait?: boolean } = {},
): Promise<number | null> {
  if (engineOf(db) === "sqlite") return 0;
  const moved = await db.transaction().execute(async (trx) => {
    if (wait) await sql`select pg_advisory_xact_lock(${MOVE_LOCK})`.execute(trx);
    else {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${MOVE_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null;
    }
    await sql`lock table ${sql.join(SHUFFLED_TABLES.map((t) => sql.table(t)))} in exclusive mode`.execute(
      trx,
    );
    const held = await trx
      .deleteFrom("held_submissions")
      .returning(["campaign_id", "payload_encrypted"])
      .execute();
    if (held.length === 0) return 0;
    shuffle(held);
    await write(
      trx,
      held.map((row) => row.payload_encrypted),
    );
    const campaigns = [...new Set(held.map((row) => row.campaign_id))];
    for (const table of SHUFFLED_TABLES) await rewriteInRandomOrder(trx, table, campaigns);
    return held.length;
  });
  if (moved) await vacuum(db);
  return moved;
}

/**
 * Copies the campaigns' rows aside, deletes them, and inserts them back ordered by a random
 * uuid: one transaction id (`xmin`) for all, and heap places (`ctid`) in random order.
 */
async function rewriteInRandomOrder(
  trx: ResponseDb,
  table: (typeof SHUFFLED_TABLES)[number],
  campaigns: string[],
): Promise<void> {
  const scratch = sql.table("shuffle_scratch");
  const inCampaigns = sql`campaign_id = any(${campaigns})`;
  await sql`create temporary table ${scratch} on commit drop as select * from ${sql.table(table)} where ${inCampaigns}`.execute(
    trx,
  );
  await sql`delete from ${sql.table(table)} where ${inCampaigns}`.execute(trx);
  await sql`insert into ${sql.table(table)} select * from ${scratch} order by gen_random_uuid()`.execute(
    trx,
  );
  await sql`drop table ${scratch}`.execute(trx);
}

/**
 * Marks the space of the replaced rows and of the emptied holding table free for reuse, so
 * the next rows fill it (in random order) instead of following the old ones. Best effort: a
 * failure here loses nothing.
 */
async function vacuum(db: ResponseDb): Promise<void> {
  try {
    await sql`vacuum ${sql.join(["held_submissions", ...SHUFFLED_TABLES].map((t) => sql.table(t)))}`.execute(
      db,
    );
  } catch {
    // Autovacuum will do it later.
  }
}

/** Fisher-Yates with crypto-quality randomness (the order written must not be guessable). */
function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
