import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { createOrganisation } from "~/assessment/assessment.commands.server";
import { ORGANISATION_TYPES, OrganisationSchema } from "~/assessment/assessment.schemas";
import { listOrganisationsFor } from "~/assessment/organisations.server";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary, RadioGroup, TextField } from "~/ui/form-fields";
import { parseForm, valueOf } from "~/ui/parse-form";

export const meta = titleMeta("assessment:organisations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "assessments:manage");
  return {
    organisations: await listOrganisationsFor(user),
    canCreate: can(user.roles, "organisations:create"),
    csrfToken,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "organisations:create", formData);
  const parsed = parseForm(OrganisationSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await createOrganisation(user, parsed.data);
  if (!result.ok) return data({ values: parsed.data, errors: result.errors }, { status: 400 });
  return redirect(
    localePath(
      getLangFromPath(new URL(request.url).pathname),
      `/staff/organisations/${result.value}`,
    ),
  );
}

export default function OrganisationsPage() {
  const { organisations, canCreate, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["name", "type"]} />
      <h1 className="app-heading-l">{t("organisations.title")}</h1>
      <p className="app-body">{t("organisations.lead")}</p>
      {organisations.length === 0 ? (
        <p className="app-body">
          {t(canCreate ? "organisations.emptyAdmin" : "organisations.emptyCoordinator")}
        </p>
      ) : (
        <ul className="app-campaign-list">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="app-campaign-list__item">
              <Link
                to={localePath(lang, `/staff/organisations/${organisation.id}`)}
                className="app-campaign-list__link"
              >
                {organisation.name}
              </Link>
              <span className="app-hint">{t(`types.${organisation.type}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <section aria-labelledby="new-organisation" className="app-narrow">
          <h2 className="app-heading-m" id="new-organisation">
            {t("organisations.create")}
          </h2>
          <Form method="post" noValidate>
            <CsrfField token={csrfToken} />
            <TextField
              name="name"
              label={t("fields.organisationName")}
              defaultValue={valueOf(actionData?.values, "name")}
              error={actionData?.errors.name}
            />
            <RadioGroup
              name="type"
              legend={t("fields.organisationType")}
              options={ORGANISATION_TYPES.map((type) => ({
                value: type,
                label: t(`types.${type}`),
              }))}
              checked={valueOf(actionData?.values, "type") || "ngo"}
              error={actionData?.errors.type}
            />
            <button type="submit" className="app-button">
              {t("organisations.createSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
