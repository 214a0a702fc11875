import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";

import {
  changeMembership,
  createProgramme,
  editOrganisation,
} from "~/assessment/assessment.commands.server";
import {
  ORGANISATION_TYPES,
  OrganisationSchema,
  ProgrammeSchema,
} from "~/assessment/assessment.schemas";
import { latestResultsForOrganisation } from "~/assessment/assessments.server";
import { SELF_ASSESSMENT } from "~/assessment/instrument";
import { requireOrganisation } from "~/assessment/organisation-access.server";
import { listMembers } from "~/assessment/organisations.server";
import { can } from "~/auth/permissions";
import { listUsers } from "~/auth/users.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary, FieldError, RadioGroup, TextField } from "~/ui/form-fields";
import { parseForm, valueOf, type FieldErrors, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("assessment:organisation.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, csrfToken } = await requireOrganisation(request, params.orgId);
  const isAdmin = can(user.roles, "organisations:create");
  const [programmes, members, users] = await Promise.all([
    latestResultsForOrganisation(organisation.id),
    listMembers(organisation.id),
    isAdmin ? listUsers() : Promise.resolve([]),
  ]);
  const memberIds = new Set(members.map((m) => m.id));
  return {
    organisation,
    programmes,
    members: members.map((m) => ({ id: m.id, email: m.email, name: m.display_name })),
    candidates: users
      .filter((u) => u.roles.includes("coordinator") && !memberIds.has(u.id))
      .map((u) => ({ id: u.id, email: u.email })),
    isAdmin,
    csrfToken,
  };
}

const MembershipSchema = z.object({ userId: z.uuid(), member: z.enum(["add", "remove"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, organisation } = await requireOrganisation(request, params.orgId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (formData.get("intent") === "membership") {
    if (!can(user.roles, "organisations:create")) throw new Response("Forbidden", { status: 403 });
    const parsed = MembershipSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return data(
        {
          values: {} as FormValues,
          errors: { userId: "assessment:errors.member_invalid" } as FieldErrors,
        },
        { status: 400 },
      );
    await changeMembership(user, organisation, parsed.data.userId, parsed.data.member === "add");
    return redirect(localePath(lang, `/staff/organisations/${organisation.id}`));
  }
  if (formData.get("intent") === "edit-organisation") {
    const parsedOrganisation = parseForm(OrganisationSchema, formData, { secretFields: ["csrf"] });
    // The programme form on this page also has a "name" field: these errors get their own ids.
    const ownIds = (errors: FieldErrors): FieldErrors =>
      Object.fromEntries(
        Object.entries(errors).map(([field, message]) => [`organisation-${field}`, message]),
      );
    if (!parsedOrganisation.ok) {
      return data(
        { values: parsedOrganisation.values, errors: ownIds(parsedOrganisation.errors) },
        { status: 400 },
      );
    }
    const edited = await editOrganisation(user, organisation.id, parsedOrganisation.data);
    if (!edited.ok)
      return data(
        { values: parsedOrganisation.data as FormValues, errors: ownIds(edited.errors) },
        { status: 400 },
      );
    return redirect(localePath(lang, `/staff/organisations/${organisation.id}`));
  }
  const parsed = parseForm(ProgrammeSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const programmeId = await createProgramme(user, organisation.id, parsed.data);
  return redirect(localePath(lang, `/staff/programmes/${programmeId}`));
}

export default function OrganisationPage() {
  const { organisation, programmes, members, candidates, isAdmin, csrfToken } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const sections = SELF_ASSESSMENT.sections;
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={["organisation-name", "organisation-type", "name", "description", "userId"]}
      />
      <p className="app-caption">{t(`types.${organisation.type}`)}</p>
      <h1 className="app-heading-l">{organisation.name}</h1>
      <details className="app-details">
        <summary>{t("organisation.edit")}</summary>
        <Form method="post" noValidate className="app-details__body app-narrow">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="edit-organisation" />
          <TextField
            id="organisation-name"
            name="name"
            label={t("fields.organisationName")}
            defaultValue={organisation.name}
            error={actionData?.errors["organisation-name"]}
          />
          <RadioGroup
            name="type"
            legend={t("fields.organisationType")}
            options={ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
            checked={organisation.type}
            idPrefix="organisation-type"
            error={actionData?.errors["organisation-type"]}
          />
          <button type="submit" className="app-button app-button--secondary">
            {t("organisation.saveEdit")}
          </button>
        </Form>
      </details>
      <h2 className="app-heading-m">{t("organisation.comparison")}</h2>
      {programmes.length === 0 ? (
        <p className="app-body">{t("organisation.noProgrammes")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("organisation.comparisonCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("organisation.programme")}</th>
              <th scope="col">{t("organisation.lastAssessed")}</th>
              {sections.map((section) => (
                <th scope="col" key={section.id}>
                  {t(`instruments:survivor_informed.sections.${section.id}.short`)}
                </th>
              ))}
              <th scope="col">{t("result.total")}</th>
            </tr>
          </thead>
          <tbody>
            {programmes.map((programme) => (
              <tr key={programme.id}>
                <th scope="row">
                  <Link to={localePath(lang, `/staff/programmes/${programme.id}`)}>
                    {programme.name}
                  </Link>
                  {programme.status === "closed" ? (
                    <span className="app-hint"> {t("programme.closed")}</span>
                  ) : null}
                </th>
                <td>{programme.assessedOn ?? t("organisation.notYet")}</td>
                {sections.map((section) => {
                  const score = programme.result?.sections.find((s) => s.id === section.id);
                  return (
                    <td key={section.id}>
                      {score ? t("result.ofMax", { score: score.score, max: score.max }) : "–"}
                    </td>
                  );
                })}
                <td>
                  {programme.result
                    ? t("result.ofMax", {
                        score: programme.result.total,
                        max: programme.result.max,
                      })
                    : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/organisations/${organisation.id}/practices`)}>
          {t("organisation.practicesLink")}
        </Link>
      </p>
      <section aria-labelledby="new-programme" className="app-narrow">
        <h2 className="app-heading-m" id="new-programme">
          {t("organisation.addProgramme")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <TextField
            name="name"
            label={t("fields.programmeName")}
            defaultValue={valueOf(actionData?.values, "name")}
            error={actionData?.errors.name}
          />
          <TextField
            name="description"
            label={t("fields.programmeDescription")}
            defaultValue={valueOf(actionData?.values, "description")}
            error={actionData?.errors.description}
          />
          <button type="submit" className="app-button">
            {t("organisation.addProgrammeSubmit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="members">
        <h2 className="app-heading-m" id="members">
          {t("organisation.members")}
        </h2>
        {members.length === 0 ? <p className="app-body">{t("organisation.noMembers")}</p> : null}
        <ul className="app-list">
          {members.map((member) => (
            <li key={member.id}>
              {member.name} <span className="app-hint">{member.email}</span>
              {isAdmin ? (
                <Form method="post" className="app-inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="intent" value="membership" />
                  <input type="hidden" name="userId" value={member.id} />
                  <button type="submit" name="member" value="remove" className="app-link-button">
                    {t("organisation.removeMember")}
                    <span className="app-visually-hidden"> {member.email}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {isAdmin && candidates.length > 0 ? (
          <Form method="post" className="app-narrow">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="membership" />
            <div className="app-form-group">
              <label className="app-label" htmlFor="userId">
                {t("organisation.addMember")}
              </label>
              <FieldError name="userId" error={actionData?.errors.userId} />
              <select
                className="app-select"
                id="userId"
                name="userId"
                aria-describedby={actionData?.errors.userId ? "userId-error" : undefined}
                aria-invalid={actionData?.errors.userId ? true : undefined}
              >
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.email}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              name="member"
              value="add"
              className="app-button app-button--secondary"
            >
              {t("organisation.addMemberSubmit")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
