import { createCampaign, generateCodes } from "./feedback.commands.server";
import type { StaffUser } from "../auth/users.server";
import { addDays, localToday } from "../platform/calendar.server";
import { annex61Template } from "./templates/annex-6-1";
import { reintegrationTemplate } from "./templates/reintegration";

const DEMO_CODES = 10;

const COLLECTOR = {
  sq: "Qendra e Pavarur e Monitorimit (demo)",
  en: "Demo Independent Monitoring Centre",
};

/**
 * Two demo campaigns of the demo organisation, worded in Albanian and English: an open link
 * (Annex 6.1) and a code campaign (reintegration services).
 */
export async function seedDemoFeedback(
  coordinator: StaffUser,
  organisationId: string,
  today: Date,
): Promise<{ openSlug: string; codeSlug: string; codes: string[] }> {
  const opensOn = localToday(today);
  const closesOn = addDays(opensOn, 90);
  const shared = {
    organisationId,
    collectorProvidedSupport: "no" as const,
    opensOn,
    closesOn,
    languages: ["sq" as const, "en" as const],
    minGroupSize: 5,
  };
  const open = await createCampaign(coordinator, {
    ...shared,
    templateId: annex61Template.id,
    purpose: "service_evaluation",
    sections: annex61Template.sections.map((s) => s.id),
    accessMode: "open",
    respondentMode: "self",
    dateGranularity: "week",
    texts: {
      sq: {
        title: "Mendimi juaj për mbështetjen që morët (demo)",
        purposeOther: null,
        collectingOrganisation: COLLECTOR.sq,
      },
      en: {
        title: "Feedback on the support you received (demo)",
        purposeOther: null,
        collectingOrganisation: COLLECTOR.en,
      },
    },
  });
  const withCodes = await createCampaign(coordinator, {
    ...shared,
    templateId: reintegrationTemplate.id,
    purpose: "nrm_monitoring",
    sections: reintegrationTemplate.sections.map((s) => s.id),
    accessMode: "codes",
    respondentMode: "both",
    dateGranularity: "month",
    texts: {
      sq: {
        title: "Shërbimet e riintegrimit: mendimi juaj (demo, me kode)",
        purposeOther: null,
        collectingOrganisation: COLLECTOR.sq,
      },
      en: {
        title: "Reintegration services: your view (demo, with codes)",
        purposeOther: null,
        collectingOrganisation: COLLECTOR.en,
      },
    },
  });
  const codes = await generateCodes(coordinator, withCodes, DEMO_CODES);
  return { openSlug: open.slug, codeSlug: withCodes.slug, codes };
}
