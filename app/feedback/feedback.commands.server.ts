import { campaignStatus, type CampaignDetails, type CampaignInput } from "./campaign.schemas";
import { insertCampaign, updateCampaignDetails, type Campaign } from "./campaigns.server";
import { redactWithLists, type RedactionLists, type RedactionMarkers } from "./redaction";
import {
  createAccessCodes,
  getPublishedResults,
  listFreeText,
  reviewFreeText,
  withdrawFreeText as withdrawStoredFreeText,
} from "./responses.server";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { addDays, localToday } from "../platform/calendar.server";

/**
 * Coordinator actions on feedback. Each is audited in the identity store with the campaign
 * only, never with an answer's id, so the audit log cannot point at a response.
 */
const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

export const MAX_CODES_PER_BATCH = 500;

export async function createCampaign(actor: StaffUser, input: CampaignInput): Promise<Campaign> {
  const campaign = await insertCampaign(input, actor.id);
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_campaign_created",
    subject: campaign.title,
    details: { campaign: campaign.id },
  });
  return campaign;
}

/** A campaign's editable details, as the edit form shows them. */
export function campaignDetails(campaign: Campaign): CampaignDetails {
  return {
    organisationId: campaign.organisationId ?? "",
    purpose: campaign.purpose as CampaignDetails["purpose"],
    collectorProvidedSupport: campaign.collectorProvidedSupport ? "yes" : "no",
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    texts: campaign.texts,
  };
}

/** Saves a new organisation, wording or dates; the audit names the fields that changed. */
export async function editCampaign(
  actor: StaffUser,
  campaign: Campaign,
  input: CampaignDetails,
): Promise<void> {
  const before = campaignDetails(campaign);
  const changed = (Object.keys(input) as (keyof CampaignDetails)[]).filter(
    (field) => JSON.stringify(input[field]) !== JSON.stringify(before[field]),
  );
  if (changed.length === 0) return;
  await updateCampaignDetails(campaign.id, input);
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_campaign_updated",
    subject: campaign.title,
    details: { campaign: campaign.id, changed: changed.join(",") },
  });
}

/**
 * Stops taking answers from now on: the campaign's last day becomes yesterday (a campaign that
 * had not opened yet gets yesterday as its first day too).
 */
export async function closeCampaignNow(actor: StaffUser, campaign: Campaign): Promise<void> {
  const today = localToday();
  if (campaignStatus(campaign, today) === "closed") return;
  const yesterday = addDays(today, -1);
  await editCampaign(actor, campaign, {
    ...campaignDetails(campaign),
    opensOn: campaign.opensOn < yesterday ? campaign.opensOn : yesterday,
    closesOn: yesterday,
  });
}

export async function generateCodes(
  actor: StaffUser,
  campaign: Campaign,
  count: number,
): Promise<string[]> {
  const codes = await createAccessCodes(campaign.id, count);
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_codes_generated",
    subject: campaign.title,
    details: { campaign: campaign.id, count },
  });
  return codes;
}

/** The counts a coordinator sees on the results page (published in steps of k), audited. */
export async function openResults(actor: StaffUser, campaign: Campaign) {
  const published = await getPublishedResults(campaign.id, campaign.minGroupSize);
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_results_viewed",
    subject: campaign.title,
    details: { campaign: campaign.id },
  });
  return published;
}

/**
 * The redaction page's data, audited as one view: the texts waiting for review (original
 * wording, to redact) and the approved ones (redacted wording only, to check or withdraw).
 */
export async function openFreeTextQueue(actor: StaffUser, campaign: Campaign) {
  const [pending, approved] = await Promise.all([
    listFreeText(campaign.id, "pending"),
    listFreeText(campaign.id, "approved"),
  ]);
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_free_text_viewed",
    subject: campaign.title,
    details: { campaign: campaign.id },
  });
  return {
    pending: pending.map(({ id, questionId, text }) => ({ id, questionId, text })),
    approved: approved.map(({ id, questionId, redacted }) => ({
      id,
      questionId,
      redacted: redacted ?? "",
    })),
  };
}

export type ApprovalOutcome =
  /** Approved: the text appears in reports exactly as previewed. */
  | { status: "approved" }
  /** Not approved: the wording or the lists changed since the preview; show this one. */
  | { status: "changed"; redacted: string }
  /** Not approved: no pending text with this id. */
  | { status: "missing" };

/**
 * Approves a text only as the coordinator saw it: `previewed` is the redacted wording the
 * preview showed, and the text is approved only if redacting it again gives the same wording.
 */
export async function approveFreeText(
  actor: StaffUser,
  campaign: Campaign,
  input: RedactionLists & { id: string; text: string; previewed: string },
  markers: RedactionMarkers,
): Promise<ApprovalOutcome> {
  const redacted = redactWithLists(input.text, input, markers);
  if (redacted !== input.previewed) return { status: "changed", redacted };
  const done = await reviewFreeText(campaign.id, input.id, { approve: true, redacted });
  if (!done) return { status: "missing" };
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_free_text_reviewed",
    subject: campaign.title,
    details: { campaign: campaign.id, decision: "approved" },
  });
  return { status: "approved" };
}

/**
 * Withdraws an approved text from reports and exports (back to the queue), audited with the
 * campaign only, like every other decision on free text.
 */
export async function withdrawFreeText(
  actor: StaffUser,
  campaign: Campaign,
  id: string,
): Promise<boolean> {
  const done = await withdrawStoredFreeText(campaign.id, id);
  if (done)
    await recordAudit({
      actor: actorOf(actor),
      action: "feedback_free_text_withdrawn",
      subject: campaign.title,
      details: { campaign: campaign.id },
    });
  return done;
}

export async function excludeFreeText(
  actor: StaffUser,
  campaign: Campaign,
  id: string,
): Promise<boolean> {
  const done = await reviewFreeText(campaign.id, id, { approve: false });
  if (done)
    await recordAudit({
      actor: actorOf(actor),
      action: "feedback_free_text_reviewed",
      subject: campaign.title,
      details: { campaign: campaign.id, decision: "excluded" },
    });
  return done;
}

export async function recordExport(actor: StaffUser, campaign: Campaign, kind: string) {
  await recordAudit({
    actor: actorOf(actor),
    action: "feedback_exported",
    subject: campaign.title,
    details: { campaign: campaign.id, kind },
  });
}
