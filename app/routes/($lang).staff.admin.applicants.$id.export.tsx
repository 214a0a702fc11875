import type { LoaderFunctionArgs } from "@remix-run/node";

import { recordAudit } from "~/auth/audit.server";
import { requireUser } from "~/auth/guard.server";
import { exportApplicant } from "~/board/applications.server";
import { localToday } from "~/platform/calendar.server";

/** Everything held about one applicant as a JSON file (audited), under a neutral file name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "board_applicants:export");
  const exported = await exportApplicant(params.id ?? "");
  if (!exported) throw new Response("Not Found", { status: 404 });
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "board_applicant_exported",
    subject: params.id,
    details: { format: "json" },
  });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="export-${localToday()}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
