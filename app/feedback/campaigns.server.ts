import { randomInt, randomUUID } from "node:crypto";

import type { Selectable } from "kysely";

import {
  campaignText,
  type AccessMode,
  type CampaignDetails,
  type CampaignInput,
  type CampaignTexts,
  type RespondentMode,
} from "./campaign.schemas";
import type { DateGranularity } from "./submission-period";
import { getTemplate } from "./templates";
import { getIdentityDb, type IdentityDatabase, type IdentityDb } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import type { Lang } from "../i18n/lang";

/** Feedback campaigns (identity store): settings only, never answers. */
export type Campaign = {
  id: string;
  slug: string;
  /** The organisation the campaign belongs to; only its coordinators (and admins) see it. */
  organisationId: string | null;
  templateId: string;
  templateVersion: number;
  /**
   * The wording in the campaign's first language, for staff pages and the audit log. Pages in
   * a language use `campaignText(campaign, lang)` (campaign.schemas.ts).
   */
  title: string;
  purpose: string;
  purposeOther: string | null;
  collectingOrganisation: string;
  /** The wording in each offered language. */
  texts: CampaignTexts;
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
type TextRow = Selectable<IdentityDatabase["feedback_campaign_texts"]>;

function toCampaign(row: Row, textRows: TextRow[]): Campaign {
  const languages = JSON.parse(row.languages) as Lang[];
  const texts: CampaignTexts = {};
  for (const text of textRows) {
    if (!languages.includes(text.lang as Lang)) continue;
    texts[text.lang as Lang] = {
      title: text.title,
      purposeOther: text.purpose_other,
      collectingOrganisation: text.collecting_organisation,
    };
  }
  const first = campaignText({ languages, texts }, languages[0] ?? "sq");
  return {
    id: row.id,
    slug: row.slug,
    organisationId: row.organisation_id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    title: first.title,
    purpose: row.purpose,
    purposeOther: first.purposeOther,
    collectingOrganisation: first.collectingOrganisation,
    texts,
    collectorProvidedSupport: row.collector_provided_support === 1,
    sections: JSON.parse(row.sections) as string[],
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    languages,
    accessMode: row.access_mode as AccessMode,
    respondentMode: row.respondent_mode as RespondentMode,
    dateGranularity: row.date_granularity as DateGranularity,
    minGroupSize: row.min_group_size,
    createdAt: row.created_at,
  };
}

/** Campaign rows with their wording, in the rows' order. */
async function withTexts(rows: Row[], db: IdentityDb): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const texts = await db
    .selectFrom("feedback_campaign_texts")
    .selectAll()
    .where(
      "campaign_id",
      "in",
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) =>
    toCampaign(
      row,
      texts.filter((text) => text.campaign_id === row.id),
    ),
  );
}

/**
 * The access codes' alphabet (access-codes.server.ts) in lower case: no 0/o, 1/i/l, 5/s, so a
 * link read off a printed card is typed right.
 */
export const SLUG_ALPHABET = "abcdefghjkmnpqrtuvwxyz2346789";
const SLUG_LENGTH = 10;

/**
 * A short random public id (10 characters, about 48 bits): the link reveals nothing about the
 * organisation or the campaign.
 */
export function newSlug(): string {
  let slug = "";
  for (let i = 0; i < SLUG_LENGTH; i += 1) slug += SLUG_ALPHABET[randomInt(SLUG_ALPHABET.length)];
  return slug;
}

function textRows(campaignId: string, texts: CampaignTexts) {
  return Object.entries(texts).map(([lang, text]) => ({
    campaign_id: campaignId,
    lang,
    title: text.title,
    purpose_other: text.purposeOther,
    collecting_organisation: text.collectingOrganisation,
  }));
}

/** Stores a new campaign and its wording in one transaction; returns it as stored. */
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
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("feedback_campaigns")
      .values({
        id,
        slug: newSlug(),
        organisation_id: input.organisationId,
        template_id: template.id,
        template_version: template.version,
        purpose: input.purpose,
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
    await trx.insertInto("feedback_campaign_texts").values(textRows(id, input.texts)).execute();
  });
  forgetPublicCampaigns();
  return (await getCampaign(id, db))!;
}

/**
 * Changes a campaign's organisation, wording and dates (campaignDetailsSchema says why only
 * those), in one transaction.
 */
export async function updateCampaignDetails(
  id: string,
  input: CampaignDetails,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("feedback_campaigns")
      .set({
        organisation_id: input.organisationId,
        purpose: input.purpose,
        collector_provided_support: input.collectorProvidedSupport === "yes" ? 1 : 0,
        opens_on: input.opensOn,
        closes_on: input.closesOn,
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("feedback_campaign_texts").where("campaign_id", "=", id).execute();
    await trx.insertInto("feedback_campaign_texts").values(textRows(id, input.texts)).execute();
  });
  // A campaign stopped or changed here reaches the survivor pages of this process at once.
  forgetPublicCampaigns();
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
  return row ? ((await withTexts([row], db))[0] ?? null) : null;
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
  return row ? ((await withTexts([row], db))[0] ?? null) : null;
}

// ---- The survivor pages' short cache ---------------------------------------------------------

/**
 * How long a campaign read for a survivor page is kept in memory, in ms. A write in this process
 * (insertCampaign, updateCampaignDetails) empties the cache at once; another instance of the
 * portal (several instances on PostgreSQL, decision 019) sees a change, such as a campaign
 * stopped early, at most this long later.
 */
export const PUBLIC_CAMPAIGN_CACHE_MS = 2_000;
/** Slugs come from the address bar: past this many entries the cache starts afresh. */
const PUBLIC_CAMPAIGN_CACHE_LIMIT = 500;

/**
 * A kept campaign is read again in the background this long before it expires, by the first
 * page that finds it so close to the end: under steady traffic no page ever waits for the read.
 */
const PUBLIC_CAMPAIGN_REFRESH_MS = 500;

const publicCampaigns = new Map<string, { campaign: Campaign | null; until: number }>();
/** The read under way per slug, shared by every page that needs it meanwhile. */
const publicCampaignReads = new Map<string, Promise<Campaign | null>>();
let publicCampaignsGeneration = 0;

/**
 * getCampaignBySlug for the survivor pages (the questionnaire and its Send address), answered
 * from a short in-process cache for PUBLIC_CAMPAIGN_CACHE_MS (issue 17: no database read a
 * short cache can answer), so survivors' pages neither repeat the same two reads on every page
 * nor queue behind staff writes on the identity store. An unknown slug is remembered too, as
 * null. The campaign returned is shared between requests: read it, never change it.
 *
 * Pages that find no kept campaign share one read instead of each queueing its own on the
 * identity store's one connection (at 64 clients, every page that arrived while the cache was
 * empty queued two reads there, and the last waited seconds: the survivor pages' latency
 * tail). A kept campaign is read again shortly before it expires, while it is still served, so
 * nobody waits at all under steady traffic. Whatever is served was read at most
 * PUBLIC_CAMPAIGN_CACHE_MS ago. `now` (ms since the epoch) is for tests.
 */
export async function getPublicCampaignBySlug(
  slug: string,
  now = Date.now(),
): Promise<Campaign | null> {
  const kept = publicCampaigns.get(slug);
  if (kept && kept.until > now) {
    if (kept.until - now <= PUBLIC_CAMPAIGN_REFRESH_MS && !publicCampaignReads.has(slug)) {
      // A failed read shows at the first page that finds no kept campaign.
      readPublicCampaign(slug, now).catch(() => undefined);
    }
    return kept.campaign;
  }
  return publicCampaignReads.get(slug) ?? readPublicCampaign(slug, now);
}

/** Reads a campaign for the cache, once for everyone who asks meanwhile (see above). */
function readPublicCampaign(slug: string, now: number): Promise<Campaign | null> {
  const generation = publicCampaignsGeneration;
  const read = getCampaignBySlug(slug)
    .then((campaign) => {
      // A write that finished during the read may have made it stale: keep it only if none did.
      if (generation === publicCampaignsGeneration) {
        if (publicCampaigns.size >= PUBLIC_CAMPAIGN_CACHE_LIMIT) publicCampaigns.clear();
        publicCampaigns.set(slug, { campaign, until: now + PUBLIC_CAMPAIGN_CACHE_MS });
      }
      return campaign;
    })
    .finally(() => {
      if (publicCampaignReads.get(slug) === read) publicCampaignReads.delete(slug);
    });
  publicCampaignReads.set(slug, read);
  return read;
}

/** Settles when the cache's reads under way have ended, failed or not (for tests). */
export async function publicCampaignReadsSettled(): Promise<void> {
  await Promise.allSettled([...publicCampaignReads.values()]);
}

/** Empties the survivor pages' campaign cache (after any write to a campaign). */
export function forgetPublicCampaigns(): void {
  publicCampaignsGeneration += 1;
  publicCampaigns.clear();
  // A read started before the write may return the old campaign: later pages read afresh.
  publicCampaignReads.clear();
}

/**
 * The campaigns a person may see, newest first: every campaign for an admin, the campaigns of
 * their own organisations for anyone else (none for a coordinator of no organisation).
 */
export async function listCampaignsFor(
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<Campaign[]> {
  let query = db.selectFrom("feedback_campaigns").selectAll("feedback_campaigns");
  if (!user.roles.includes("admin")) {
    query = query
      .innerJoin(
        "organisation_members",
        "organisation_members.organisation_id",
        "feedback_campaigns.organisation_id",
      )
      .where("organisation_members.user_id", "=", user.id);
  }
  const rows = await query.orderBy("feedback_campaigns.created_at", "desc").execute();
  return withTexts(rows, db);
}

/** Campaigns running today, for the public landing page (callers sort by their language). */
export async function listOpenCampaigns(
  today: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Campaign[]> {
  const rows = await db
    .selectFrom("feedback_campaigns")
    .selectAll()
    .where("opens_on", "<=", today)
    .where("closes_on", ">=", today)
    .orderBy("created_at")
    .execute();
  return withTexts(rows, db);
}
