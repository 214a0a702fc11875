import type { LoaderFunctionArgs } from "@remix-run/node";

import {
  auditMemberExport,
  memberExportResponse,
  requireMemberDataForAdmin,
} from "~/board/member-data-access.server";
import { exportMember } from "~/board/member-data.server";
import { guardDownload } from "~/meetings/declaration.commands.server";

/** Everything held about one member as a JSON file with a neutral name, for an admin (audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await guardDownload(
    requireMemberDataForAdmin(request, params.membershipId),
    request,
  );
  const exported = await exportMember(membership.id);
  if (!exported) throw new Response("Not Found", { status: 404 });
  await auditMemberExport(user, membership, { by: "admin", format: "json" });
  return memberExportResponse(exported);
}
