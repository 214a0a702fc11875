import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { requireUser } from "~/auth/guard.server";
import { eraseApplication, exportApplicant } from "~/board/applications.server";
import { ApplicantExportView } from "~/board/held-sections";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CheckboxGroup, CsrfField, ErrorSummary } from "~/ui/form-fields";

export const meta = titleMeta("board:admin.applicant.title");

/** Everything held about one applicant (each view audited); erasure on request (audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "board_applicants:export");
  const exported = await exportApplicant(params.id ?? "");
  if (!exported) throw new Response("Not Found", { status: 404 });
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "board_applicant_exported",
    subject: params.id,
    details: { format: "page" },
  });
  return { exported: JSON.stringify(exported, null, 2), csrfToken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "board_applicants:export", formData);
  const id = params.id ?? "";
  const actor = { id: user.id, email: user.email };
  if (formData.get("intent") === "erase") {
    if (formData.get("confirm") !== "yes")
      return data(
        { errors: { confirm: "board:admin.applicant.confirmRequired" } },
        { status: 400 },
      );
    if (!(await eraseApplication(id))) throw new Response("Not Found", { status: 404 });
    await recordAudit({ actor, action: "board_applicant_erased", subject: id });
    return redirect(
      localePath(
        getLangFromPath(new URL(request.url).pathname),
        "/staff/admin/applicants?erased=1",
      ),
    );
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function ApplicantPage() {
  const { exported, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const location = useLocation();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["confirm"]} />
      <h1 className="app-heading-l">{t("admin.applicant.title")}</h1>
      <p className="app-body">{t("admin.applicant.lead")}</p>
      <ApplicantExportView exported={JSON.parse(exported) as Record<string, unknown>} />
      <p className="app-body">
        <a href={`${location.pathname}/export`} download>
          {t("admin.applicant.download")}
        </a>
      </p>
      <h2 className="app-heading-m">{t("admin.applicant.eraseTitle")}</h2>
      <p className="app-body">{t("admin.applicant.eraseBody")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="erase" />
        <CheckboxGroup
          name="confirm"
          legend={t("admin.applicant.confirmLegend")}
          options={[{ value: "yes", label: t("admin.applicant.confirm") }]}
          checked={[]}
          error={actionData?.errors.confirm}
        />
        <button type="submit" className="app-button">
          {t("admin.applicant.erase")}
        </button>
      </Form>
    </>
  );
}
