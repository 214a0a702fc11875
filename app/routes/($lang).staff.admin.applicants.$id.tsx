import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { requireUser } from "~/auth/guard.server";
import { eraseApplication, exportApplicant } from "~/board/applications.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { CheckboxGroup, CsrfField, ErrorSummary } from "~/ui/form-fields";

export const meta = titleMeta("board:admin.applicant.title");

/** Everything held about one applicant: each view and download is audited. */
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
  const exported = await exportApplicant(id);
  if (!exported) throw new Response("Not Found", { status: 404 });
  await recordAudit({
    actor,
    action: "board_applicant_exported",
    subject: id,
    details: { format: "json" },
  });
  // A neutral file name: it may sit in a downloads folder.
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="export-${localToday()}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

export default function ApplicantPage() {
  const { exported, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const fields = Object.entries(
    (JSON.parse(exported) as { application: Record<string, unknown> }).application,
  );
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["confirm"]} />
      <h1 className="app-heading-l">{t("admin.applicant.title")}</h1>
      <p className="app-body">{t("admin.applicant.lead")}</p>
      <dl className="app-summary-list">
        {fields.map(([key, value]) => (
          <div className="app-summary-list__row" key={key}>
            <dt>{key}</dt>
            <dd>{Array.isArray(value) ? value.join(", ") : String(value ?? "")}</dd>
          </div>
        ))}
      </dl>
      <Form method="post" reloadDocument>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="download" />
        <button type="submit" className="app-button app-button--secondary">
          {t("admin.applicant.download")}
        </button>
      </Form>
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
