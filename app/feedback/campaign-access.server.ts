import { getCampaign, type Campaign } from "./campaigns.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import type { Permission } from "../auth/permissions";

/** The guard for one campaign's staff pages: the permission, then the campaign or a 404. */
export async function requireCampaign(
  request: Request,
  campaignId: string | undefined,
  formData?: FormData,
  permission: Permission = "campaigns:manage",
): Promise<StaffContext & { campaign: Campaign }> {
  const context = await requireUser(request, permission, formData);
  const campaign = campaignId ? await getCampaign(campaignId) : null;
  if (!campaign) throw new Response("Not Found", { status: 404 });
  return { ...context, campaign };
}
