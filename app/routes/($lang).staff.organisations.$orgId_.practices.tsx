import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { NewPracticeSchema } from "~/assessment/good-practice-form";
import { createGoodPractice, listGoodPractices } from "~/assessment/good-practices.server";
import { requireOrganisation } from "~/assessment/organisation-access.server";
import { allReplicabilityQuestions } from "~/assessment/replicability";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary, FieldError, TextField } from "~/ui/form-fields";
import { parseForm, valueOf } from "~/ui/parse-form";

/**
 * An organisation's good practices (Annex 1.1): the list, and the form that describes a new
 * one (name and short description) and opens it as a draft. The `$orgId_` segment keeps this
 * page out of the organisation page's layout.
 */
export const meta = titleMeta("practices:list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation, csrfToken } = await requireOrganisation(request, params.orgId);
  const practices = await listGoodPractices(organisation.id);
  return { organisation, practices, csrfToken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, organisation } = await requireOrganisation(request, params.orgId, formData);
  const parsed = parseForm(NewPracticeSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const id = await createGoodPractice(user, organisation.id, parsed.data);
  return redirect(
    localePath(getLangFromPath(new URL(request.url).pathname), `/staff/practices/${id}`),
  );
}

export default function PracticesPage() {
  const { organisation, practices, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("practices");
  const lang = getLangFromPath(useLocation().pathname);
  const total = allReplicabilityQuestions().length;
  const descriptionError = actionData?.errors.description;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["title", "description"]} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/organisations/${organisation.id}`)}>
          {organisation.name}
        </Link>
      </p>
      <h1 className="app-heading-l">{t("list.heading")}</h1>
      <p className="app-body">{t("list.lead")}</p>
      {practices.length === 0 ? (
        <p className="app-body">{t("list.empty")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("list.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.practice")}</th>
              <th scope="col">{t("list.date")}</th>
              <th scope="col">{t("list.status")}</th>
              <th scope="col">{t("list.answered")}</th>
            </tr>
          </thead>
          <tbody>
            {practices.map((practice) => (
              <tr key={practice.id}>
                <th scope="row">
                  <Link to={localePath(lang, `/staff/practices/${practice.id}`)}>
                    {practice.title}
                  </Link>
                </th>
                <td>{practice.createdAt.slice(0, 10)}</td>
                <td>
                  {practice.status === "completed"
                    ? t("list.statusCompleted", { date: practice.completedAt?.slice(0, 10) })
                    : t("list.statusDraft")}
                </td>
                <td>{t("list.answeredValue", { answered: practice.answered, total })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="new-practice" className="app-narrow">
        <h2 className="app-heading-m" id="new-practice">
          {t("list.new")}
        </h2>
        <p className="app-body">{t("list.newLead")}</p>
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <TextField
            name="title"
            label={t("fields.title")}
            hint={t("fields.titleHint")}
            defaultValue={valueOf(actionData?.values, "title")}
            error={actionData?.errors.title}
          />
          <div className={`app-form-group${descriptionError ? " app-form-group--error" : ""}`}>
            <label className="app-label" htmlFor="description">
              {t("instruments:good_practice_replicability.practiceLabel")}
            </label>
            <p className="app-hint" id="description-hint">
              {t("instruments:good_practice_replicability.practiceHint")}
            </p>
            <FieldError name="description" error={descriptionError} />
            <textarea
              className="app-textarea"
              id="description"
              name="description"
              rows={4}
              defaultValue={valueOf(actionData?.values, "description")}
              aria-describedby={
                descriptionError ? "description-hint description-error" : "description-hint"
              }
              aria-invalid={descriptionError ? true : undefined}
            />
          </div>
          <button type="submit" className="app-button">
            {t("list.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
