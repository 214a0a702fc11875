import { getCampaign, type Campaign } from "./campaigns.server";
import { canAccessOrganisation, getOrganisation } from "../assessment/organisations.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import type { Permission } from "../auth/permissions";
import type { StaffUser } from "../auth/users.server";

const forbidden = () => new Response("Forbidden", { status: 403 });

/**
 * The guard for one campaign's staff pages: the permission, then the campaign (404 if there is
 * none), then its organisation: a coordinator who does not work for it gets 403, exactly as on
 * the self-assessment pages (organisation-access.server.ts). Admins see every campaign.
 */
export async function requireCampaign(
  request: Request,
  campaignId: string | undefined,
  formData?: FormData,
  permission: Permission = "campaigns:manage",
): Promise<StaffContext & { campaign: Campaign }> {
  const context = await requireUser(request, permission, formData);
  const campaign = campaignId ? await getCampaign(campaignId) : null;
  if (!campaign) throw new Response("Not Found", { status: 404 });
  if (!(await canSeeCampaign(context.user, campaign))) throw forbidden();
  return { ...context, campaign };
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
