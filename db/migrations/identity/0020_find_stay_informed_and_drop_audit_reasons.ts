import type { Kysely } from "kysely";

/** The one table this migration rewrites, as it is at 0019. */
type Tables = { audit_events: { id: string; action: string; details: string | null } };

/** Audit actions that recorded the secretariat's Art. 5 reason as text before this migration. */
const MEMBERSHIP_ACTIONS = [
  "board_member_activated",
  "board_member_ended",
  "board_member_withdrew",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // A keyed hash of the stay-informed email (HMAC under a key derived from DATA_KEY, per board,
  // like board_applications.email_lookup), so an admin can find the kept address for a
  // data-subject request without decrypting every row (decision 043). Null on rows kept before
  // this migration: the admin's search fills it the first time it reads them
  // (app/board/stay-informed.server.ts), as a migration has no DATA_KEY.
  await db.schema.alterTable("board_stay_informed").addColumn("email_lookup", "text").execute();
  await db.schema
    .createIndex("board_stay_informed_email_lookup")
    .on("board_stay_informed")
    .column("email_lookup")
    .execute();

  // The audit log names the action, not the content (issue 15): the secretariat's free-text
  // reason for an Art. 5 composition exception was written into the details of membership
  // events. It stays on the membership row; here the audit keeps only that there was one.
  const audit = db as unknown as Kysely<Tables>;
  const rows = await audit
    .selectFrom("audit_events")
    .select(["id", "details"])
    .where("action", "in", MEMBERSHIP_ACTIONS)
    .where("details", "like", "%compositionReason%")
    .execute();
  for (const row of rows) {
    const details = JSON.parse(row.details ?? "{}") as Record<string, unknown>;
    if (!("compositionReason" in details)) continue;
    delete details.compositionReason;
    details.withReason = true;
    await audit
      .updateTable("audit_events")
      .set({ details: JSON.stringify(details) })
      .where("id", "=", row.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The reasons removed from the audit log are not put back.
  await db.schema.dropIndex("board_stay_informed_email_lookup").execute();
  await db.schema.alterTable("board_stay_informed").dropColumn("email_lookup").execute();
}
