import type { LoaderFunctionArgs } from "@remix-run/node";

import { assessmentCsv } from "~/assessment/assessment-csv.server";
import { requireAssessment } from "~/assessment/organisation-access.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath } from "~/i18n/lang";
import { csvHeaders } from "~/platform/csv";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment } = await requireAssessment(request, params.id);
  const t = getFixedT(getLangFromPath(new URL(request.url).pathname));
  return new Response(assessmentCsv(assessment, t), {
    headers: csvHeaders(`assessment-${assessment.assessedOn}.csv`),
  });
}
