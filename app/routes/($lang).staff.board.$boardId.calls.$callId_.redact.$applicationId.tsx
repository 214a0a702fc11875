import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getApplication } from "~/board/applications.server";
import { requireCallForSecretariat } from "~/board/review-access.server";
import { RedactionForm } from "~/board/review-forms";
import { FREE_TEXT_FIELDS, type FreeTexts } from "~/board/review-rules";
import {
  applicationLabel,
  auditApplicationOpened,
  redactApplication,
  redactTexts,
} from "~/board/review.commands.server";
import { REDACTION_FIELD_ORDER, RedactionSchema } from "~/board/review.schemas";
import { getRedaction } from "~/board/review.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("review:redact.title");

async function loadApplication(callId: string, applicationId: string | undefined) {
  const application = await getApplication(applicationId ?? "");
  if (!application || application.callId !== callId)
    throw new Response("Not Found", { status: 404 });
  const texts = Object.fromEntries(
    FREE_TEXT_FIELDS.map((field) => [field, String(application.fields[field] ?? "")]),
  ) as FreeTexts;
  return { application, texts };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, board, csrfToken } = await requireCallForSecretariat(request, params);
  const { application, texts } = await loadApplication(call.id, params.applicationId);
  await auditApplicationOpened(user, application.id, { callId: call.id, purpose: "redaction" });
  const redaction = await getRedaction(application.id);
  return {
    call,
    board,
    csrfToken,
    name: `${String(application.fields.firstName)} ${String(application.fields.lastName)}`,
    label: applicationLabel(application.id),
    texts,
    redacted: redaction
      ? (Object.fromEntries(FREE_TEXT_FIELDS.map((f) => [f, redaction[f]])) as FreeTexts)
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call, board } = await requireCallForSecretariat(request, params, formData);
  const { application, texts } = await loadApplication(call.id, params.applicationId);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const parsed = parseForm(RedactionSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data({ values: parsed.values, errors: parsed.errors, preview: null }, { status: 400 });
  const t = getFixedT(lang);
  const redacted = redactTexts(texts, parsed.data, {
    name: t("review:redact.markers.name"),
    place: t("review:redact.markers.place"),
    date: t("review:redact.markers.date"),
    organisation: t("review:redact.markers.organisation"),
  });
  if (parsed.data.intent === "preview") {
    const { names, places, organisations } = parsed.data;
    return { values: { names, places, organisations }, errors: undefined, preview: redacted };
  }
  const result = await redactApplication(user, call.id, application.id, redacted);
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  return redirect(
    localePath(lang, `/staff/board/${board.id}/calls/${call.id}/review?saved=redaction`),
  );
}

export default function RedactPage() {
  const { call, board, csrfToken, name, label, texts, redacted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("review");
  const lang = getLangFromPath(useLocation().pathname);
  const shown = actionData?.preview ?? redacted;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={[...REDACTION_FIELD_ORDER]} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${board.id}/calls/${call.id}/review`)}>
          {t("call.title")}
        </Link>
      </p>
      <h1 className="app-heading-l">{t("redact.heading", { name, label })}</h1>
      <p className="app-body">{t("redact.lead")}</p>
      <h2 className="app-heading-m">{t("redact.original")}</h2>
      <dl className="app-summary-list">
        {FREE_TEXT_FIELDS.map((field) => (
          <div className="app-summary-list__row" key={field}>
            <dt>{t(`answers.${field}`)}</dt>
            <dd className="app-quote">{texts[field] || t("answers.empty")}</dd>
          </div>
        ))}
      </dl>
      <RedactionForm
        csrfToken={csrfToken}
        values={actionData?.values}
        errors={actionData?.errors}
      />
      {shown ? (
        <section aria-labelledby="preview-heading" className="app-redaction__preview">
          <h2 className="app-heading-m" id="preview-heading">
            {t(actionData?.preview ? "redact.previewTitle" : "redact.savedTitle")}
          </h2>
          <dl className="app-summary-list">
            {FREE_TEXT_FIELDS.map((field) => (
              <div className="app-summary-list__row" key={field}>
                <dt>{t(`answers.${field}`)}</dt>
                <dd className="app-quote">{shown[field] || t("answers.empty")}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}
