import { getCampaign, type Campaign } from "./campaigns.server";
import {
  canAccessOrganisation,
  getOrganisation,
  getOrganisationForUser,
  type Organisation,
} from "../assessment/organisations.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import type { Permission } from "../auth/permissions";
import type { StaffUser } from "../auth/users.server";

const forbidden = () => new Response("Forbidden", { status: 403 });

/**
 * The guard for one campaign's staff pages: the permission, then the campaign (404 if there is
 * none), then its organisation: a coordinator who does not work for it gets 403, exactly as on
 * the self-assessment pages (organisation-access.server.ts). Admins see every campaign.
 * Answers the organisation too (null for a campaign without one).
 */
export async function requireCampaign(
  request: Request,
  campaignId: string | undefined,
  formData?: FormData,
  permission: Permission = "campaigns:manage",
): Promise<StaffContext & { campaign: Campaign; organisation: Organisation | null }> {
  const context = await requireUser(request, permission, formData);
  const campaign = campaignId ? await getCampaign(campaignId) : null;
  if (!campaign) throw new Response("Not Found", { status: 404 });
  // The organisation and the membership in one query (canSeeCampaign's rule).
  const found = campaign.organisationId
    ? await getOrganisationForUser(campaign.organisationId, context.user)
    : null;
  if (!(found ? found.canAccess : context.user.roles.includes("admin"))) throw forbidden();
  return { ...context, campaign, organisation: found?.organisation ?? null };
}

/** Admins see every campaign; anyone else only those of an organisation they work for. */
export async function canSeeCampaign(
  user: StaffUser,
  campaign: Pick<Campaign, "organisationId">,
): Promise<boolean> {
  if (user.roles.includes("admin")) return true;
  if (!campaign.organisationId) return false;
  return canAccessOrganisation(user, campaign.organisationId);
}

/**
 * Before a campaign is put in (or moved to) an organisation: it must exist and the person must
 * work for it (admins: any). Otherwise 403, as for a campaign of another organisation.
 */
export async function requireOwnOrganisation(
  user: StaffUser,
  organisationId: string,
): Promise<void> {
  const organisation = await getOrganisation(organisationId);
  if (!organisation || !(await canAccessOrganisation(user, organisation.id))) throw forbidden();
}
