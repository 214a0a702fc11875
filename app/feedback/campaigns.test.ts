import { randomUUID } from "node:crypto";
import path from "node:path";

import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";

import { canSeeCampaign, requireCampaign } from "./campaign-access.server";
import {
  campaignDetailsSchema,
  CampaignSchema,
  campaignText,
  DATE_GRANULARITIES,
  DEFAULT_DATE_GRANULARITY,
} from "./campaign.schemas";
import {
  getCampaign,
  insertCampaign,
  listCampaignsFor,
  newSlug,
  SLUG_ALPHABET,
  type Campaign,
} from "./campaigns.server";
import { coarsenSubmissionDate } from "./submission-period";
import { annex61Template } from "./templates/annex-6-1";
import {
  getIdentityDb,
  migrateIdentityStore,
  type IdentityDatabase,
} from "../../db/identity-store";
import { identityMigrations } from "../../db/migrations/identity";
import { migrateStore, openStore } from "../../db/open-store";
import { addMember, insertOrganisation } from "../assessment/organisations.server";
import { createSession, serializeSessionCookie } from "../auth/sessions.server";
import { generateTotpSecret, setTotpSecret } from "../auth/totp.server";
import { replaceRoles, type StaffUser } from "../auth/users.server";
import { getConfig } from "../platform/config.server";

const staff = (id: string, role: "admin" | "coordinator"): StaffUser =>
  ({ id, email: `${id}@test.example`, displayName: id, roles: [role] }) as unknown as StaffUser;

async function insertUserRow(id: string) {
  await getIdentityDb()
    .insertInto("users")
    .values({
      id,
      email: `${id}@test.example`,
      display_name: id,
      password_hash: null,
      status: "active",
      created_at: "2026-01-01T00:00:00Z",
      password_changed_at: null,
    })
    .execute();
}

const form = {
  templateId: annex61Template.id,
  purpose: "service_evaluation",
  collectorProvidedSupport: "no",
  sections: ["first_contact"],
  opensOn: "2026-11-01",
  closesOn: "2026-12-31",
  accessMode: "codes",
  respondentMode: "self",
  dateGranularity: "week",
  minGroupSize: "5",
  organisationId: "org-1",
};

describe("a campaign's wording in each offered language (issue 13 §2)", () => {
  it("requires a title and a collecting organisation in every offered language, and only those", () => {
    const result = CampaignSchema.safeParse({
      ...form,
      languages: ["sq", "en"],
      title_sq: "Mendimi juaj",
      collectingOrganisation_sq: "Qendra",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).sort()).toEqual([
      "feedback:errors.organisation_required_en",
      "feedback:errors.title_required_en",
    ]);
    const albanianOnly = CampaignSchema.parse({
      ...form,
      languages: ["sq"],
      title_sq: "Mendimi juaj",
      collectingOrganisation_sq: "Qendra",
      title_en: "Left over from a language not offered",
    });
    expect(albanianOnly.texts).toEqual({
      sq: { title: "Mendimi juaj", purposeOther: null, collectingOrganisation: "Qendra" },
    });
  });

  it("asks for the 'other' purpose in each language, and keeps it only for 'other'", () => {
    const texts = {
      languages: ["sq", "en"],
      title_sq: "T",
      title_en: "T",
      collectingOrganisation_sq: "O",
      collectingOrganisation_en: "O",
      purposeOther_sq: "Rishikim",
    };
    const other = CampaignSchema.safeParse({ ...form, ...texts, purpose: "other" });
    expect(other.error?.issues.map((i) => i.message)).toEqual([
      "feedback:errors.purpose_other_required_en",
    ]);
    const parsed = CampaignSchema.parse({ ...form, ...texts });
    expect(parsed.texts.sq?.purposeOther).toBeNull();
  });

  it("asks a changed campaign for its own languages' wording", () => {
    const schema = campaignDetailsSchema(["en"]);
    const result = schema.safeParse({ ...form, title_sq: "Vetëm shqip" });
    expect(result.error?.issues.map((i) => i.message).sort()).toEqual([
      "feedback:errors.organisation_required_en",
      "feedback:errors.title_required_en",
    ]);
  });

  it("shows the page's language, else the campaign's first language", () => {
    const campaign = {
      languages: ["sq", "en"] as ("sq" | "en")[],
      texts: {
        sq: { title: "Mendimi juaj", purposeOther: null, collectingOrganisation: "Qendra" },
        en: { title: "Your view", purposeOther: null, collectingOrganisation: "Centre" },
      },
    };
    expect(campaignText(campaign, "sq").title).toBe("Mendimi juaj");
    expect(campaignText(campaign, "en").collectingOrganisation).toBe("Centre");
    const englishOnly = { languages: ["en" as const], texts: { en: campaign.texts.en } };
    expect(campaignText(englishOnly, "sq").title).toBe("Your view");
  });
});

describe("the kept date (issue 12 §8)", () => {
  it("offers day, ISO week and month, and the form starts at the week", () => {
    expect(DATE_GRANULARITIES).toEqual(["day", "week", "month"]);
    expect(DEFAULT_DATE_GRANULARITY).toBe("week");
  });

  it("keeps only the month for a month campaign, read in the organisation's time zone", () => {
    const tirana = "Europe/Tirane";
    expect(coarsenSubmissionDate(new Date("2026-11-23T12:00:00Z"), "month", tirana)).toBe(
      "2026-11",
    );
    // 00:30 on 1 December in Tirana is still 30 November in UTC.
    expect(coarsenSubmissionDate(new Date("2026-11-30T23:30:00Z"), "month", tirana)).toBe(
      "2026-12",
    );
    expect(coarsenSubmissionDate(new Date("2027-01-01T10:00:00Z"), "month", tirana)).toBe(
      "2027-01",
    );
  });
});

describe("campaign links (issue 13 §7)", () => {
  it("use only characters that cannot be mistaken for others", () => {
    for (let i = 0; i < 200; i += 1) {
      const slug = newSlug();
      expect(slug).toMatch(/^[a-z0-9]{10}$/);
      expect(slug).not.toMatch(/[01ilo5s]/);
      for (const c of slug) expect(SLUG_ALPHABET).toContain(c);
    }
  });
});

describe("who sees a campaign (issue 12 §10)", () => {
  let mine: Campaign;
  let theirs: Campaign;
  let organisationA = "";
  let organisationB = "";
  const coordinator = staff("coord-a", "coordinator");
  const other = staff("coord-b", "coordinator");
  const nobody = staff("coord-none", "coordinator");
  const admin = staff("admin-1", "admin");

  beforeAll(async () => {
    await migrateIdentityStore();
    for (const id of ["coord-a", "coord-b", "coord-none", "admin-1"]) await insertUserRow(id);
    const a = await insertOrganisation({ name: "NGO A", type: "ngo" });
    const b = await insertOrganisation({ name: "NGO B", type: "ngo" });
    await addMember(a, "coord-a");
    await addMember(b, "coord-b");
    [organisationA, organisationB] = [a, b];
    const input = CampaignSchema.parse({
      ...form,
      languages: ["sq"],
      title_sq: "A",
      collectingOrganisation_sq: "A",
    });
    mine = await insertCampaign({ ...input, organisationId: a }, "coord-a");
    theirs = await insertCampaign(
      { ...input, organisationId: b, texts: { sq: { ...input.texts.sq!, title: "B" } } },
      "coord-b",
    );
  });

  it("lists only the campaigns of one's own organisations; admins see all", async () => {
    expect((await listCampaignsFor(coordinator)).map((c) => c.id)).toEqual([mine.id]);
    expect((await listCampaignsFor(other)).map((c) => c.id)).toEqual([theirs.id]);
    expect(await listCampaignsFor(nobody)).toEqual([]);
    expect((await listCampaignsFor(admin)).map((c) => c.id).sort()).toEqual(
      [mine.id, theirs.id].sort(),
    );
  });

  it("lets a coordinator open only their organisations' campaigns", async () => {
    expect(await canSeeCampaign(coordinator, mine)).toBe(true);
    expect(await canSeeCampaign(coordinator, theirs)).toBe(false);
    expect(await canSeeCampaign(nobody, mine)).toBe(false);
    expect(await canSeeCampaign(admin, theirs)).toBe(true);
    expect(await canSeeCampaign(coordinator, { organisationId: null })).toBe(false);
  });

  it("opens a campaign's pages to a member of its organisation or an admin, with the organisation", async () => {
    const db = getIdentityDb();
    for (const user of [coordinator, other, nobody, admin])
      await replaceRoles(user.id, user.roles, db);
    await setTotpSecret(admin.id, generateTotpSecret(), new Date(), db);
    const open = async (userId: string, campaignId: string) => {
      const { token } = await createSession(userId);
      const cookie = (await serializeSessionCookie(token)).split(";")[0]!;
      const request = new Request(`http://portal.test/en/staff/feedback/${campaignId}`, {
        headers: { Cookie: cookie },
      });
      return requireCampaign(request, campaignId).catch((thrown: unknown) => thrown);
    };
    expect(await open("coord-a", mine.id)).toMatchObject({
      campaign: { id: mine.id },
      organisation: { id: organisationA, name: "NGO A", type: "ngo" },
    });
    expect(await open("admin-1", mine.id)).toMatchObject({
      organisation: { id: organisationA, name: "NGO A" },
    });
    expect(await open("admin-1", theirs.id)).toMatchObject({
      organisation: { id: organisationB, name: "NGO B" },
    });
    for (const [userId, campaignId] of [
      ["coord-a", theirs.id],
      ["coord-none", mine.id],
    ] as const) {
      expect(((await open(userId, campaignId)) as Response).status).toBe(403);
    }
    expect(((await open("coord-a", randomUUID())) as Response).status).toBe(404);
  });

  it("stores the wording per language with the campaign", async () => {
    expect((await getCampaign(theirs.id))?.texts).toEqual({
      sq: { title: "B", purposeOther: null, collectingOrganisation: "A" },
    });
  });
});

describe("migration 0006 for campaigns made before organisations and languages", () => {
  it("assigns each campaign an organisation and copies its wording to each language", async () => {
    const db = openStore<IdentityDatabase>({
      engine: "sqlite",
      filename: path.join(path.dirname(getConfig().identityStorePath), "before-0006.sqlite"),
    });
    const before = Object.fromEntries(
      Object.entries(identityMigrations).filter(([name]) => name < "0006"),
    );
    await migrateStore(db as never, before, "identity");
    const now = "2026-01-01T00:00:00Z";
    await db
      .insertInto("users")
      .values(
        ["u-one", "u-none"].map((id) => ({
          id,
          email: `${id}@x.example`,
          display_name: id,
          password_hash: null,
          status: "active" as const,
          created_at: now,
          password_changed_at: null,
        })),
      )
      .execute();
    await sql`insert into organisations (id, name, type, created_at) values
      ('org-named', 'Qendra e Monitorimit', 'ngo', ${now}),
      ('org-member', 'Shelter NGO', 'ngo', ${now})`.execute(db);
    await sql`insert into organisation_members (organisation_id, user_id) values
      ('org-member', 'u-one')`.execute(db);
    const campaign = (id: string, organisation: string, by: string | null, languages: string) =>
      sql`insert into feedback_campaigns (id, slug, template_id, template_version, title, purpose,
        purpose_other, collecting_organisation, collector_provided_support, sections, opens_on,
        closes_on, languages, access_mode, respondent_mode, date_granularity, min_group_size,
        created_by, created_at) values (${id}, ${id}, 'service_user_feedback', 1, ${`Title ${id}`},
        'service_evaluation', null, ${organisation}, 0, '["first_contact"]', '2026-01-01',
        '2026-12-31', ${languages}, 'open', 'self', 'day', 5, ${by}, ${now})`.execute(db);
    await campaign("by-name", "  qendra e monitorimit ", "u-none", '["sq","en"]');
    await campaign("by-member", "Someone else", "u-one", '["en"]');
    await campaign("orphan", "Unknown centre", "u-none", '["sq"]');
    await campaign("orphan-2", "Unknown centre", null, '["sq"]');

    await migrateStore(db as never, identityMigrations, "identity");
    const rows = await db
      .selectFrom("feedback_campaigns")
      .select(["id", "organisation_id", "date_granularity"])
      .orderBy("id")
      .execute();
    const owner = Object.fromEntries(rows.map((r) => [r.id, r.organisation_id]));
    expect(owner["by-name"]).toBe("org-named");
    expect(owner["by-member"]).toBe("org-member");
    expect(owner["orphan"]).toBeTruthy();
    expect(owner["orphan-2"]).toBe(owner["orphan"]);
    const unassigned = await db
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", owner["orphan"]!)
      .executeTakeFirstOrThrow();
    expect(unassigned.name).toBe("Fushata pa organizatë / Campaigns without an organisation");
    // Existing campaigns keep their date setting.
    expect(rows.every((r) => r.date_granularity === "day")).toBe(true);
    const texts = await db
      .selectFrom("feedback_campaign_texts")
      .selectAll()
      .orderBy("campaign_id")
      .orderBy("lang")
      .execute();
    expect(texts.filter((t) => t.campaign_id === "by-name")).toEqual([
      {
        campaign_id: "by-name",
        lang: "en",
        title: "Title by-name",
        purpose_other: null,
        collecting_organisation: "  qendra e monitorimit ",
      },
      {
        campaign_id: "by-name",
        lang: "sq",
        title: "Title by-name",
        purpose_other: null,
        collecting_organisation: "  qendra e monitorimit ",
      },
    ]);
    expect(texts.filter((t) => t.campaign_id === "by-member").map((t) => t.lang)).toEqual(["en"]);
    await db.destroy();
  });
});
