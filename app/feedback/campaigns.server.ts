import { randomBytes, randomUUID } from "node:crypto";

import type { Selectable } from "kysely";

import type {
  AccessMode,
  CampaignDetails,
  CampaignInput,
  RespondentMode,
} from "./campaign.schemas";
import type { DateGranularity } from "./submission-period";
import { getTemplate } from "./templates";
import { getIdentityDb, type IdentityDatabase, type IdentityDb } from "../../db/identity-store";
import type { Lang } from "../i18n/lang";

/** Feedback campaigns (identity store): settings only, never answers. */
export type Campaign = {
  id: string;
  slug: string;
  templateId: string;
  templateVersion: number;
  title: string;
  purpose: string;
  purposeOther: string | null;
  collectingOrganisation: string;
  collectorProvidedSupport: boolean;
  sections: string[];
  opensOn: string;
  closesOn: string;
  languages: Lang[];
  accessMode: AccessMode;
  respondentMode: RespondentMode;
  dateGranularity: DateGranularity;
  minGroupSize: number;
  createdAt: string;
};

type Row = Selectable<IdentityDatabase["feedback_campaigns"]>;

function toCampaign(row: Row): Campaign {
  return {
    id: row.id,
    slug: row.slug,
    templateId: row.template_id,
    templateVersion: row.template_version,
    title: row.title,
    purpose: row.purpose,
    purposeOther: row.purpose_other,
    collectingOrganisation: row.collecting_organisation,
    collectorProvidedSupport: row.collector_provided_support === 1,
    sections: JSON.parse(row.sections) as string[],
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    languages: JSON.parse(row.languages) as Lang[],
    accessMode: row.access_mode as AccessMode,
    respondentMode: row.respondent_mode as RespondentMode,
    dateGranularity: row.date_granularity as DateGranularity,
    minGroupSize: row.min_group_size,
    createdAt: row.created_at,
  };
}

/** A short random public id: the link reveals nothing about the organisation or the campaign. */
function newSlug(): string {
  return randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
}

export async function insertCampaign(
  input: CampaignInput,
  createdBy: string | null,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<Campaign> {
  const template = getTemplate(input.templateId);
  if (!template) throw new Error(`Unknown template ${input.templateId}`);
  const id = randomUUID();
  // Keep the template's section order whatever order the form sent.
  const sections = template.sections.map((s) => s.id).filter((sid) => input.sections.includes(sid));
  await db
    .insertInto("feedback_campaigns")
    .values({
      id,
      slug: newSlug(),
      template_id: template.id,
      template_version: template.version,
      title: input.title,
      purpose: input.purpose,
      purpose_other: input.purpose === "other" ? input.purposeOther : null,
      collecting_organisation: input.collectingOrganisation,
      collector_provided_support: input.collectorProvidedSupport === "yes" ? 1 : 0,
      sections: JSON.stringify(sections),
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      languages: JSON.stringify(input.languages),
      access_mode: input.accessMode,
      respondent_mode: input.respondentMode,
      date_granularity: input.dateGranularity,
      min_group_size: input.minGroupSize,
      created_by: createdBy,
      created_at: now.toISOString(),
    })
    .execute();
  return (await getCampaign(id, db))!;
}

/** Changes a campaign's wording and dates (CampaignDetailsSchema says why only those). */
export async function updateCampaignDetails(
  id: string,
  input: CampaignDetails,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db
    .updateTable("feedback_campaigns")
    .set({
      title: input.title,
      purpose: input.purpose,
      purpose_other: input.purpose === "other" ? input.purposeOther : null,
      collecting_organisation: input.collectingOrganisation,
      collector_provided_support: input.collectorProvidedSupport === "yes" ? 1 : 0,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
    })
    .where("id", "=", id)
    .execute();
}

export async function getCampaign(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Campaign | null> {
  const row = await db
    .selectFrom("feedback_campaigns")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toCampaign(row) : null;
}

export async function getCampaignBySlug(
  slug: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Campaign | null> {
  const row = await db
    .selectFrom("feedback_campaigns")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? toCampaign(row) : null;
}

export async function listCampaigns(db: IdentityDb = getIdentityDb()): Promise<Campaign[]> {
  const rows = await db
    .selectFrom("feedback_campaigns")
    .selectAll()
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toCampaign);
}

/** Campaigns running today, for the public landing page. */
export async function listOpenCampaigns(
  today: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Campaign[]> {
  const rows = await db
    .selectFrom("feedback_campaigns")
    .selectAll()
    .where("opens_on", "<=", today)
    .where("closes_on", ">=", today)
    .orderBy("title")
    .execute();
  return rows.map(toCampaign);
}
