import { createCampaign, generateCodes } from "./feedback.commands.server";
import type { StaffUser } from "../auth/users.server";
import { addDays, localToday } from "../platform/calendar.server";
import { annex61Template } from "./templates/annex-6-1";
import { reintegrationTemplate } from "./templates/reintegration";

const DEMO_CODES = 10;

/** Two demo campaigns: an open link (Annex 6.1) and a code campaign (reintegration services). */
export async function seedDemoFeedback(
  coordinator: StaffUser,
  today: Date,
): Promise<{ openSlug: string; codeSlug: string; codes: string[] }> {
  const opensOn = localToday(today);
  const closesOn = addDays(opensOn, 90);
  const open = await createCampaign(coordinator, {
    title: "Feedback on the support you received (demo)",
    templateId: annex61Template.id,
    purpose: "service_evaluation",
    purposeOther: "",
    collectingOrganisation: "Demo Independent Monitoring Centre",
    collectorProvidedSupport: "no",
    sections: annex61Template.sections.map((s) => s.id),
    opensOn,
    closesOn,
    languages: ["sq", "en"],
    accessMode: "open",
    respondentMode: "self",
    dateGranularity: "day",
    minGroupSize: 5,
  });
  const withCodes = await createCampaign(coordinator, {
    title: "Reintegration services: your view (demo, with codes)",
    templateId: reintegrationTemplate.id,
    purpose: "nrm_monitoring",
    purposeOther: "",
    collectingOrganisation: "Demo Independent Monitoring Centre",
    collectorProvidedSupport: "no",
    sections: reintegrationTemplate.sections.map((s) => s.id),
    opensOn,
    closesOn,
    languages: ["sq", "en"],
    accessMode: "codes",
    respondentMode: "both",
    dateGranularity: "week",
    minGroupSize: 5,
  });
  const codes = await generateCodes(coordinator, withCodes, DEMO_CODES);
  return { openSlug: open.slug, codeSlug: withCodes.slug, codes };
}
