import type { LoaderFunctionArgs } from "@remix-run/node";

import { historyCsv } from "~/assessment/assessment-csv.server";
import { listProgrammeHistory } from "~/assessment/assessments.server";
import { requireProgramme } from "~/assessment/organisation-access.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath } from "~/i18n/lang";
import { csvHeaders } from "~/platform/csv";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.programmeId);
  const t = getFixedT(getLangFromPath(new URL(request.url).pathname));
  return new Response(historyCsv(await listProgrammeHistory(programme.id), t), {
    headers: csvHeaders("programme-history.csv"),
  });
}
