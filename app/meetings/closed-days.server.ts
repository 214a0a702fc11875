import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * Days the office is closed beyond weekends and Albanian public holidays (decision 038), as
 * an admin lists them. SQL lives here only; rules and audit are in
 * closed-days.commands.server.ts.
 */
export type ClosedDay = { day: string; label: string };

/** Every closed day, earliest first. */
export async function listClosedDays(db: IdentityDb = getIdentityDb()): Promise<ClosedDay[]> {
  return db.selectFrom("closed_days").select(["day", "label"]).orderBy("day").execute();
}

/**
 * The closed days as a set of "YYYY-MM-DD", for the working-day rules
 * (app/platform/working-days.ts `closedDays` argument).
 */
export async function closedDaySet(db: IdentityDb = getIdentityDb()): Promise<Set<string>> {
  return new Set((await listClosedDays(db)).map((row) => row.day));
}

/** Adds a closed day; false (nothing written) when the day is already listed. */
export async function insertClosedDay(
  input: ClosedDay & { createdBy: string | null },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .insertInto("closed_days")
    .values({
      day: input.day,
      label: input.label,
      created_at: now.toISOString(),
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.column("day").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a closed day; false when it was not listed. */
export async function deleteClosedDay(
  day: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db.deleteFrom("closed_days").where("day", "=", day).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
