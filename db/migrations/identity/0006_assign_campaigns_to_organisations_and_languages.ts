import { randomUUID } from "node:crypto";

import type { Kysely } from "kysely";

/**
 * Two changes to feedback campaigns (decision record 011):
 *
 * 1. A campaign belongs to an organisation (`organisation_id`); coordinators see only the
 *    campaigns of their own organisations. Each existing campaign is assigned, in this order,
 *    to the organisation whose name is its collecting organisation's name (letter case and
 *    surrounding spaces ignored), else to the only organisation its creator works for, else to
 *    an organisation this migration creates, "Fushata pa organizatë / Campaigns without an
 *    organisation", which has no members, so only admins see those campaigns until an admin
 *    moves each one (README, "Feedback campaigns").
 * 2. A campaign's title, "other" purpose and collecting organisation's name exist once per
 *    offered language (`feedback_campaign_texts`). An existing campaign had them in one
 *    language only: that wording is copied to each of its languages, to be translated by
 *    changing the campaign.
 */
const UNASSIGNED = "Fushata pa organizatë / Campaigns without an organisation";

type Tables = {
  feedback_campaigns: {
    id: string;
    title: string;
    purpose_other: string | null;
    collecting_organisation: string;
    languages: string;
    created_by: string | null;
    organisation_id: string | null;
    created_at: string;
  };
  feedback_campaign_texts: {
    campaign_id: string;
    lang: string;
    title: string;
    purpose_other: string | null;
    collecting_organisation: string;
  };
  organisations: { id: string; name: string; type: string; created_at: string };
  organisation_members: { organisation_id: string; user_id: string };
};

const key = (name: string) => name.normalize("NFKC").trim().toLowerCase();

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  await db.schema
    .alterTable("feedback_campaigns")
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .execute();
  await db.schema
    .createIndex("feedback_campaigns_organisation")
    .on("feedback_campaigns")
    .column("organisation_id")
    .execute();
  await db.schema
    .createTable("feedback_campaign_texts")
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("feedback_campaigns.id").onDelete("cascade"),
    )
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose_other", "text")
    .addColumn("collecting_organisation", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feedback_campaign_texts_pk", ["campaign_id", "lang"])
    .execute();

  const campaigns = await db
    .selectFrom("feedback_campaigns")
    .select(["id", "title", "purpose_other", "collecting_organisation", "languages", "created_by"])
    .orderBy("id")
    .execute();
  const organisations = await db.selectFrom("organisations").select(["id", "name"]).execute();
  const members = await db
    .selectFrom("organisation_members")
    .select(["organisation_id", "user_id"])
    .execute();
  const byName = new Map(organisations.map((o) => [key(o.name), o.id]));
  let unassigned = byName.get(key(UNASSIGNED));
  for (const campaign of campaigns) {
    const creatorOrganisations = members.filter((m) => m.user_id === campaign.created_by);
    let organisationId =
      byName.get(key(campaign.collecting_organisation)) ??
      (creatorOrganisations.length === 1 ? creatorOrganisations[0]!.organisation_id : undefined);
    if (!organisationId) {
      if (!unassigned) {
        unassigned = randomUUID();
        await db
          .insertInto("organisations")
          .values({
            id: unassigned,
            name: UNASSIGNED,
            type: "ngo",
            created_at: new Date().toISOString(),
          })
          .execute();
      }
      organisationId = unassigned;
    }
    await db
      .updateTable("feedback_campaigns")
      .set({ organisation_id: organisationId })
      .where("id", "=", campaign.id)
      .execute();
    const languages = JSON.parse(campaign.languages) as string[];
    for (const lang of languages.length > 0 ? languages : ["sq"]) {
      await db
        .insertInto("feedback_campaign_texts")
        .values({
          campaign_id: campaign.id,
          lang,
          title: campaign.title,
          purpose_other: campaign.purpose_other,
          collecting_organisation: campaign.collecting_organisation,
        })
        .execute();
    }
  }
  for (const column of ["title", "purpose_other", "collecting_organisation"])
    await db.schema.alterTable("feedback_campaigns").dropColumn(column).execute();
}

export async function down(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  await db.schema
    .alterTable("feedback_campaigns")
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("feedback_campaigns").addColumn("purpose_other", "text").execute();
  await db.schema
    .alterTable("feedback_campaigns")
    .addColumn("collecting_organisation", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const campaigns = await db.selectFrom("feedback_campaigns").select(["id", "languages"]).execute();
  for (const campaign of campaigns) {
    const [first] = JSON.parse(campaign.languages) as string[];
    const text = await db
      .selectFrom("feedback_campaign_texts")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .where("lang", "=", first ?? "sq")
      .executeTakeFirst();
    if (!text) continue;
    await db
      .updateTable("feedback_campaigns")
      .set({
        title: text.title,
        purpose_other: text.purpose_other,
        collecting_organisation: text.collecting_organisation,
      })
      .where("id", "=", campaign.id)
      .execute();
  }
  await db.schema.dropTable("feedback_campaign_texts").execute();
  // SQLite cannot drop a column that is part of a foreign key: organisation_id stays, unused by
  // the code before this migration.
}
