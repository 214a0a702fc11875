import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDayMonthYear } from "~/board/ages";
import { requireCallForReviewer } from "~/board/review-access.server";
import { ScoreForm } from "~/board/review-forms";
import { FREE_TEXT_FIELDS } from "~/board/review-rules";
import {
  auditApplicationOpened,
  reviewViewFor,
  scoreApplication,
} from "~/board/review.commands.server";
import { SCORE_FIELD_ORDER, ScoreSchema } from "~/board/review.schemas";
import { listScores } from "~/board/review.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("review:application.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, csrfToken } = await requireCallForReviewer(request, params.callId);
  const access = await reviewViewFor(user, call, params.applicationId ?? "", localToday());
  if (!access.ok) {
    if (access.reason === "recusal_first") {
      const lang = getLangFromPath(new URL(request.url).pathname);
      throw redirect(localePath(lang, `/staff/review/${call.id}/recusal`));
    }
    throw new Response("Not Found", { status: 404 });
  }
  await auditApplicationOpened(user, access.view.id, { callId: call.id, purpose: "review" });
  const own = (await listScores(call.id, { reviewerId: user.id })).find(
    (s) => s.applicationId === access.view.id,
  );
  return {
    callId: call.id,
    csrfToken,
    view: access.view,
    own: own
      ? {
          experience: String(own.experience),
          expertise: String(own.expertise),
          participation: String(own.participation),
          notes: own.notes,
        }
      : undefined,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call } = await requireCallForReviewer(request, params.callId, formData);
  const parsed = parseForm(ScoreSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await scoreApplication(
    user,
    call,
    params.applicationId ?? "",
    parsed.data,
    localToday(),
  );
  if (!result.ok) {
    if (result.errors.form === "review:errors.not_found")
      throw new Response("Not Found", { status: 404 });
    return data({ values: formDataValues(parsed.data), errors: result.errors }, { status: 409 });
  }
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/review/${call.id}`));
}

function formDataValues(input: Record<string, string | number>) {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)]));
}

export default function ReviewApplicationPage() {
  const { callId, csrfToken, view, own } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("review");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={[...SCORE_FIELD_ORDER, "form"]} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/review/${callId}`)}>{t("list.title")}</Link>
      </p>
      <h1 className="app-heading-l">{t("application.heading", { label: view.label })}</h1>
      {view.blind ? <p className="app-body">{t("application.blindNote")}</p> : null}
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt>{t("application.ageBand")}</dt>
          <dd>{view.ageBand}</dd>
        </div>
        {view.identity ? (
          <>
            <div className="app-summary-list__row">
              <dt>{t("application.name")}</dt>
              <dd>{view.identity.name}</dd>
            </div>
            <div className="app-summary-list__row">
              <dt>{t("application.dateOfBirth")}</dt>
              <dd>{formatDayMonthYear(view.identity.dateOfBirth)}</dd>
            </div>
            <div className="app-summary-list__row">
              <dt>{t("application.placeOfBirth")}</dt>
              <dd>{view.identity.placeOfBirth}</dd>
            </div>
            <div className="app-summary-list__row">
              <dt>{t("application.email")}</dt>
              <dd>{view.identity.email}</dd>
            </div>
          </>
        ) : null}
      </dl>
      <h2 className="app-heading-m">{t("application.answers")}</h2>
      <dl className="app-summary-list">
        {FREE_TEXT_FIELDS.map((field) => (
          <div className="app-summary-list__row" key={field}>
            <dt>{t(`answers.${field}`)}</dt>
            <dd className="app-quote">{view.texts[field] || t("answers.empty")}</dd>
          </div>
        ))}
      </dl>
      <h2 className="app-heading-m">{t("application.scoreTitle")}</h2>
      <p className="app-body">{t("application.scoreLead")}</p>
      <ScoreForm
        csrfToken={csrfToken}
        values={actionData?.values ?? own}
        errors={actionData?.errors}
      />
    </>
  );
}
