import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import {
  editProgramme,
  setProgrammeActive,
  startAssessment,
} from "~/assessment/assessment.commands.server";
import { NewAssessmentSchema, ProgrammeSchema } from "~/assessment/assessment.schemas";
import { listProgrammeHistoryPage } from "~/assessment/assessments.server";
import { SELF_ASSESSMENT } from "~/assessment/instrument";
import { requireProgramme } from "~/assessment/organisation-access.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { BarChart } from "~/ui/bar-chart";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import { parseForm, valueOf } from "~/ui/parse-form";

export const meta = titleMeta("assessment:programme.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, organisation, csrfToken } = await requireProgramme(
    request,
    params.programmeId,
  );
  // ?page=2 and on: older assessments (page 1, the newest, when absent or not a number).
  const requestedPage = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const history = await listProgrammeHistoryPage(programme.id, requestedPage);
  return {
    programme,
    organisation,
    history,
    csrfToken,
    today: localToday(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, programme } = await requireProgramme(request, params.programmeId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (formData.get("intent") === "edit") {
    const parsed = parseForm(ProgrammeSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
    await editProgramme(user, programme.id, parsed.data);
    return redirect(localePath(lang, `/staff/programmes/${programme.id}`));
  }
  if (formData.get("intent") === "status") {
    await setProgrammeActive(user, programme, programme.status !== "active");
    return redirect(localePath(lang, `/staff/programmes/${programme.id}`));
  }
  const parsed = parseForm(NewAssessmentSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const id = await startAssessment(user, programme.id, parsed.data);
  return redirect(
    localePath(getLangFromPath(new URL(request.url).pathname), `/staff/assessments/${id}`),
  );
}

export default function ProgrammePage() {
  const { programme, organisation, history, csrfToken, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const historyPageLink = (page: number) =>
    localePath(lang, `/staff/programmes/${programme.id}${page > 1 ? `?page=${page}` : ""}`);
  const signed = (delta: number | null) =>
    delta === null ? "–" : delta > 0 ? `+${delta}` : String(delta);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["assessedOn", "participants"]} />
      <p className="app-body app-no-print">
        <Link to={localePath(lang, `/staff/organisations/${programme.organisationId}`)}>
          {organisation?.name}
        </Link>
      </p>
      <p className="app-caption">
        {t(programme.status === "closed" ? "programme.closed" : "programme.active")}
      </p>
      <h1 className="app-heading-l">{programme.name}</h1>
      {programme.description ? <p className="app-body">{programme.description}</p> : null}
      <details
        className="app-details app-no-print"
        open={Boolean(actionData?.errors.name || actionData?.errors.description)}
      >
        <summary>{t("programme.edit")}</summary>
        <Form method="post" noValidate className="app-details__body app-narrow">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="edit" />
          <TextField
            name="name"
            label={t("fields.programmeName")}
            defaultValue={valueOf(actionData?.values, "name") || programme.name}
            error={actionData?.errors.name}
          />
          <TextField
            name="description"
            label={t("fields.programmeDescription")}
            defaultValue={valueOf(actionData?.values, "description") || programme.description}
            error={actionData?.errors.description}
          />
          <button type="submit" className="app-button app-button--secondary">
            {t("programme.saveEdit")}
          </button>
        </Form>
      </details>
      <Form method="post" className="app-no-print">
        <CsrfField token={csrfToken} />
        <button type="submit" name="intent" value="status" className="app-link-button">
          {t(programme.status === "active" ? "programme.close" : "programme.reopen")}
        </button>
      </Form>

      <h2 className="app-heading-m">{t("programme.history")}</h2>
      {history.total === 0 ? (
        <p className="app-body">{t("programme.noAssessments")}</p>
      ) : (
        <>
          <table className="app-table">
            <caption className="app-table__caption">{t("programme.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("programme.date")}</th>
                {SELF_ASSESSMENT.sections.map((section) => (
                  <th scope="col" key={section.id}>
                    {t(`instruments:survivor_informed.sections.${section.id}.short`)}
                  </th>
                ))}
                <th scope="col">{t("result.total")}</th>
              </tr>
            </thead>
            <tbody>
              {history.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">
                    <Link
                      to={localePath(lang, `/staff/assessments/${entry.id}`)}
                      className="app-nowrap"
                    >
                      {entry.assessedOn}
                    </Link>
                    {entry.status === "draft" ? (
                      <span className="app-hint"> {t("programme.draft")}</span>
                    ) : null}
                    <span className="app-history__who">
                      {t("programme.startedBy", {
                        name: entry.startedBy ?? t("programme.formerColleague"),
                      })}
                    </span>
                    {entry.participants ? (
                      <span className="app-history__who">
                        {t("programme.takingPart", { participants: entry.participants })}
                      </span>
                    ) : null}
                  </th>
                  {entry.result.sections.map((section, index) => (
                    <td key={section.id}>
                      {t("result.ofMax", { score: section.score, max: section.max })}
                      {entry.change && entry.change.total !== null ? (
                        <span className="app-hint">
                          {" "}
                          {t("programme.change", {
                            value: signed(entry.change.sections[index]?.delta ?? null),
                          })}
                        </span>
                      ) : null}
                    </td>
                  ))}
                  <td>
                    {t("result.ofMax", { score: entry.result.total, max: entry.result.max })}
                    {entry.status === "draft" ? (
                      <span className="app-hint">
                        {" "}
                        {t("programme.partialTotal", {
                          count: entry.result.missing.length,
                        })}
                      </span>
                    ) : null}
                    {entry.change && entry.change.total !== null ? (
                      <span className="app-hint">
                        {" "}
                        {t("programme.change", { value: signed(entry.change.total) })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.pageCount > 1 ? (
            <nav className="app-pagination app-no-print" aria-label={t("programme.pagination")}>
              <p className="app-body">
                {t("programme.pageOf", { page: history.page, count: history.pageCount })}
              </p>
              {history.page > 1 ? (
                <Link to={historyPageLink(history.page - 1)}>{t("programme.newer")}</Link>
              ) : null}
              {history.page < history.pageCount ? (
                <Link to={historyPageLink(history.page + 1)}>{t("programme.older")}</Link>
              ) : null}
            </nav>
          ) : null}
          {history.latestCompleted.length > 0 ? (
            <BarChart
              title={t("programme.chartTitle")}
              max={30}
              bars={history.latestCompleted.map((entry) => ({
                label: entry.assessedOn,
                value: entry.total,
                valueText: t("result.ofMax", { score: entry.total, max: entry.max }),
              }))}
            />
          ) : null}
          <p className="app-body app-no-print">
            <a href={localePath(lang, `/staff/programmes/${programme.id}/export`)}>
              {t("programme.export")}
            </a>
          </p>
        </>
      )}

      <section aria-labelledby="new-assessment" className="app-narrow app-no-print">
        <h2 className="app-heading-m" id="new-assessment">
          {t("programme.newAssessment")}
        </h2>
        <p className="app-body">{t("programme.newAssessmentLead")}</p>
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <TextField
            name="assessedOn"
            type="date"
            label={t("fields.assessedOn")}
            defaultValue={valueOf(actionData?.values, "assessedOn") || today}
            error={actionData?.errors.assessedOn}
          />
          <TextField
            name="participants"
            label={t("fields.participants")}
            hint={t("fields.participantsHint")}
            defaultValue={valueOf(actionData?.values, "participants")}
            error={actionData?.errors.participants}
          />
          <button type="submit" className="app-button">
            {t("programme.start")}
          </button>
        </Form>
      </section>
    </>
  );
}
