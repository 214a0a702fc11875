import type { LoaderFunctionArgs } from "@remix-run/node";

import {
  auditMemberExport,
  memberExportResponse,
  requireOwnMemberData,
} from "~/board/member-data-access.server";
import { exportMember } from "~/board/member-data.server";

/** A member's own data as a JSON file with a neutral name (audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireOwnMemberData(request, params.membershipId);
  const exported = await exportMember(membership.id);
  if (!exported) throw new Response("Not Found", { status: 404 });
  await auditMemberExport(user, membership, { by: "member", format: "json" });
  return memberExportResponse(exported);
}
