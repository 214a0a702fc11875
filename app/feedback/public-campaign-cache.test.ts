import { beforeAll, describe, expect, it } from "vitest";

import { CampaignSchema } from "./campaign.schemas";
import {
  forgetPublicCampaigns,
  getPublicCampaignBySlug,
  insertCampaign,
  PUBLIC_CAMPAIGN_CACHE_MS,
  publicCampaignReadsSettled,
  updateCampaignDetails,
  type Campaign,
} from "./campaigns.server";
import { campaignDetails } from "./feedback.commands.server";
import { annex61Template } from "./templates/annex-6-1";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { insertOrganisation } from "../assessment/organisations.server";

// The survivor pages read their campaign from a short in-process cache (issue 17). What a
// survivor must never get from it: a campaign a coordinator has just stopped in this process.

let campaign: Campaign;

beforeAll(async () => {
  await migrateIdentityStore();
  const organisationId = await insertOrganisation({ name: "Cache NGO", type: "ngo" });
  campaign = await insertCampaign(
    {
      ...CampaignSchema.parse({
        templateId: annex61Template.id,
        purpose: "service_evaluation",
        collectorProvidedSupport: "no",
        sections: ["first_contact"],
        opensOn: "2026-01-01",
        closesOn: "2099-12-31",
        accessMode: "open",
        respondentMode: "self",
        dateGranularity: "week",
        minGroupSize: "5",
        organisationId,
        languages: ["sq"],
        title_sq: "Mendimi juaj",
        collectingOrganisation_sq: "Qendra",
      }),
      organisationId,
    },
    null,
  );
});

describe("the survivor pages' campaign cache", () => {
  it("shows a campaign stopped in this process at once", async () => {
    const now = Date.now();
    expect((await getPublicCampaignBySlug(campaign.slug, now))?.closesOn).toBe("2099-12-31");
    await updateCampaignDetails(campaign.id, {
      ...campaignDetails(campaign),
      closesOn: "2026-01-02",
    });
    expect((await getPublicCampaignBySlug(campaign.slug, now + 1))?.closesOn).toBe("2026-01-02");
  });

  it("answers from memory within its lifetime and reads again after it", async () => {
    forgetPublicCampaigns();
    const now = Date.now();
    await getPublicCampaignBySlug(campaign.slug, now);
    // Another instance changes the campaign (not through this process's functions).
    await getIdentityDb()
      .updateTable("feedback_campaigns")
      .set({ closes_on: "2026-01-03" })
      .where("id", "=", campaign.id)
      .execute();
    const soon = await getPublicCampaignBySlug(campaign.slug, now + PUBLIC_CAMPAIGN_CACHE_MS - 1);
    expect(soon?.closesOn).not.toBe("2026-01-03");
    const later = await getPublicCampaignBySlug(campaign.slug, now + PUBLIC_CAMPAIGN_CACHE_MS);
    expect(later?.closesOn).toBe("2026-01-03");
  });

  it("gives pages that find nothing kept one shared read", async () => {
    forgetPublicCampaigns();
    const now = Date.now();
    const [first, second] = await Promise.all([
      getPublicCampaignBySlug(campaign.slug, now),
      getPublicCampaignBySlug(campaign.slug, now),
    ]);
    // One read made one object; a read each (the latency tail of issue 17) makes two.
    expect(first).not.toBeNull();
    expect(second).toBe(first);
  });

  it("reads a campaign again shortly before it expires, still serving the kept one", async () => {
    forgetPublicCampaigns();
    const now = Date.now();
    const setClosesOn = (closesOn: string) =>
      getIdentityDb()
        .updateTable("feedback_campaigns")
        .set({ closes_on: closesOn })
        .where("id", "=", campaign.id)
        .execute();
    await setClosesOn("2026-02-01");
    expect((await getPublicCampaignBySlug(campaign.slug, now))?.closesOn).toBe("2026-02-01");
    // Another instance changes the campaign; a page comes near the end of the lifetime.
    await setClosesOn("2026-02-02");
    const nearEnd = await getPublicCampaignBySlug(
      campaign.slug,
      now + PUBLIC_CAMPAIGN_CACHE_MS - 100,
    );
    expect(nearEnd?.closesOn).toBe("2026-02-01");
    await publicCampaignReadsSettled();
    // The campaign read then is served after the first lifetime, without a read of its own…
    await setClosesOn("2026-02-03");
    const after = await getPublicCampaignBySlug(campaign.slug, now + PUBLIC_CAMPAIGN_CACHE_MS);
    expect(after?.closesOn).toBe("2026-02-02");
    // …for a lifetime from when that read started, not longer.
    const expired = now + 2 * PUBLIC_CAMPAIGN_CACHE_MS - 100;
    expect((await getPublicCampaignBySlug(campaign.slug, expired))?.closesOn).toBe("2026-02-03");
  });

  it("remembers an unknown address as no campaign", async () => {
    expect(await getPublicCampaignBySlug("nosuchslug")).toBeNull();
  });
});
