import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { campaignText } from "~/feedback/campaign.schemas";
import {
  approveFreeText,
  excludeFreeText,
  openFreeTextQueue,
  withdrawFreeText,
} from "~/feedback/feedback.commands.server";
import {
  ApprovedTexts,
  RedactionErrorSummary,
  RedactionForm,
  type RedactionState,
} from "~/feedback/free-text-review";
import { FreeTextDecisionSchema, type RedactionValues } from "~/feedback/free-text.schemas";
import { redactWithLists } from "~/feedback/redaction";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("feedback:staff.freeText.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign, csrfToken } = await requireCampaign(request, params.id);
  const { pending, approved } = await openFreeTextQueue(user, campaign);
  return {
    campaign: {
      id: campaign.id, // The reader's language, as on the campaign page (the audit log names it the same way).
      title: campaignText(campaign, getLangFromPath(new URL(request.url).pathname)).title,
      templateId: campaign.templateId,
    },
    pending,
    approved,
    csrfToken,
  };
}

type Notice = "approved" | "excluded" | "withdrawn" | "missing" | "changed";
type ActionData = { notice?: Notice; item?: { id: string } & RedactionState };

const textOf = (value: unknown) => (typeof value === "string" ? value : "");

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, campaign } = await requireCampaign(request, params.id, formData);
  const parsed = parseForm(FreeTextDecisionSchema, formData);
  if (!parsed.ok) {
    const values: RedactionValues = {
      text: textOf(parsed.values.text),
      names: textOf(parsed.values.names),
      places: textOf(parsed.values.places),
      dates: textOf(parsed.values.dates),
    };
    const id = textOf(parsed.values.id);
    // A field of the form was wrong: show it again with its message. Anything else (no such
    // decision, no id) was not sent by this page: say the text was not found.
    const fieldErrors = Object.keys(parsed.errors).every((field) => field in values);
    return data<ActionData>(
      id && fieldErrors ? { item: { id, values, errors: parsed.errors } } : { notice: "missing" },
      { status: 400 },
    );
  }
  const t = getFixedT(getLangFromPath(new URL(request.url).pathname));
  const markers = {
    name: t("feedback:staff.freeText.markers.name"),
    place: t("feedback:staff.freeText.markers.place"),
    date: t("feedback:staff.freeText.markers.date"),
  };
  const input = parsed.data;
  switch (input.decision) {
    case "preview": {
      const { id, text, names, places, dates } = input;
      const redacted = redactWithLists(text, input, markers);
      return data<ActionData>({ item: { id, values: { text, names, places, dates }, redacted } });
    }
    case "approve": {
      const outcome = await approveFreeText(user, campaign, input, markers);
      if (outcome.status === "changed") {
        const { id, text, names, places, dates } = input;
        return data<ActionData>(
          {
            notice: "changed",
            item: { id, values: { text, names, places, dates }, redacted: outcome.redacted },
          },
          { status: 409 },
        );
      }
      return data<ActionData>(
        { notice: outcome.status === "approved" ? "approved" : "missing" },
        { status: outcome.status === "approved" ? 200 : 400 },
      );
    }
    case "exclude": {
      const done = await excludeFreeText(user, campaign, input.id);
      return data<ActionData>(
        { notice: done ? "excluded" : "missing" },
        { status: done ? 200 : 400 },
      );
    }
    case "withdraw": {
      const done = await withdrawFreeText(user, campaign, input.id);
      return data<ActionData>(
        { notice: done ? "withdrawn" : "missing" },
        { status: done ? 200 : 400 },
      );
    }
  }
}

export default function FreeTextQueuePage() {
  const { campaign, pending, approved, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const notice = actionData?.notice;
  const itemState = actionData?.item;
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/feedback/${campaign.id}`)}>
          {t("staff.results.back")}
        </Link>
      </p>
      {itemState?.errors ? (
        <RedactionErrorSummary itemId={itemState.id} errors={itemState.errors} />
      ) : null}
      {notice ? (
        <div
          className={`app-notification${notice === "missing" || notice === "changed" ? "" : " app-notification--success"}`}
          role="status"
        >
          <p className="app-body">{t(`staff.freeText.notice.${notice}`)}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("staff.freeText.heading", { title: campaign.title })}</h1>
      <p className="app-body">{t("staff.freeText.lead")}</p>
      {pending.length === 0 ? <p className="app-body">{t("staff.freeText.empty")}</p> : null}
      {pending.map((item, index) => (
        <RedactionForm
          key={item.id}
          item={item}
          number={index + 1}
          templateId={campaign.templateId}
          csrfToken={csrfToken}
          state={itemState?.id === item.id ? itemState : undefined}
        />
      ))}
      <ApprovedTexts items={approved} templateId={campaign.templateId} csrfToken={csrfToken} />
    </>
  );
}
