import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // The secretariat's Art. 5 reasons about a member (why a membership was activated or ended
  // although the board then breaks the composition rule) move under the member's own key
  // (decision 035 amended): two new columns hold them sealed. A migration has no DATA_KEY nor
  // the person keys, so rows written before this keep their text in the old columns until the
  // portal's start (or `npm run rotate-data-key`) seals it into the new ones and empties the old
  // (app/board/member-data-keys.server.ts, `moveMembersToOwnKeys`). Nothing writes the old
  // columns any more.
  await db.schema
    .alterTable("board_memberships")
    .addColumn("activation_reason_encrypted", "text")
    .execute();
  await db.schema
    .alterTable("board_memberships")
    .addColumn("end_composition_reason_encrypted", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The sealed reasons are not put back as text.
  await db.schema
    .alterTable("board_memberships")
    .dropColumn("end_composition_reason_encrypted")
    .execute();
  await db.schema
    .alterTable("board_memberships")
    .dropColumn("activation_reason_encrypted")
    .execute();
}
