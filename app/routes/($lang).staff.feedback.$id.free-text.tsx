import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireCampaign } from "~/feedback/campaign-access.server";
import {
  approveFreeText,
  excludeFreeText,
  openFreeTextQueue,
} from "~/feedback/feedback.commands.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField } from "~/ui/form-fields";

export const meta = titleMeta("feedback:staff.freeText.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign, csrfToken } = await requireCampaign(request, params.id);
  const items = await openFreeTextQueue(user, campaign);
  return {
    campaign: { id: campaign.id, title: campaign.title, templateId: campaign.templateId },
    items,
    csrfToken,
  };
}

const ReviewSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    id: z.uuid(),
    text: z.string().max(4000),
    names: z.string().max(1000).default(""),
    places: z.string().max(1000).default(""),
    dates: z.string().max(1000).default(""),
  }),
  z.object({ decision: z.literal("exclude"), id: z.uuid() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, campaign } = await requireCampaign(request, params.id, formData);
  const parsed = ReviewSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ notice: "invalid" }, { status: 400 });
  const t = getFixedT(getLangFromPath(new URL(request.url).pathname));
  const markers = {
    name: t("feedback:staff.freeText.markers.name"),
    place: t("feedback:staff.freeText.markers.place"),
    date: t("feedback:staff.freeText.markers.date"),
  };
  const done =
    parsed.data.decision === "approve"
      ? await approveFreeText(user, campaign, parsed.data, markers)
      : await excludeFreeText(user, campaign, parsed.data.id);
  return data({ notice: done ? parsed.data.decision : "invalid" }, { status: done ? 200 : 400 });
}

export default function FreeTextQueuePage() {
  const { campaign, items, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/feedback/${campaign.id}`)}>
          {t("staff.results.back")}
        </Link>
      </p>
      {actionData ? (
        <div
          className={`app-notification${actionData.notice === "invalid" ? "" : " app-notification--success"}`}
          role="status"
        >
          <p className="app-body">{t(`staff.freeText.notice.${actionData.notice}`)}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("staff.freeText.heading", { title: campaign.title })}</h1>
      <p className="app-body">{t("staff.freeText.lead")}</p>
      {items.length === 0 ? <p className="app-body">{t("staff.freeText.empty")}</p> : null}
      {items.map((item, index) => (
        <section className="app-card app-redaction" key={item.id} aria-labelledby={`ft-${item.id}`}>
          <h2 className="app-heading-s" id={`ft-${item.id}`}>
            {t("staff.freeText.itemHeading", {
              number: index + 1,
              question: t(
                `questionnaires:${campaign.templateId}.questions.${item.questionId}.text`,
              ),
            })}
          </h2>
          <Form method="post">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="id" value={item.id} />
            <div className="app-form-group">
              <label className="app-label" htmlFor={`text-${item.id}`}>
                {t("staff.freeText.text")}
              </label>
              <p className="app-hint" id={`text-${item.id}-hint`}>
                {t("staff.freeText.textHint")}
              </p>
              <textarea
                className="app-textarea"
                id={`text-${item.id}`}
                name="text"
                rows={4}
                defaultValue={item.text}
                aria-describedby={`text-${item.id}-hint`}
              />
            </div>
            {(["names", "places", "dates"] as const).map((kind) => (
              <div className="app-form-group" key={kind}>
                <label className="app-label" htmlFor={`${kind}-${item.id}`}>
                  {t(`staff.freeText.${kind}`)}
                </label>
                <input
                  className="app-input"
                  id={`${kind}-${item.id}`}
                  name={kind}
                  type="text"
                  autoComplete="off"
                />
              </div>
            ))}
            <div className="app-button-group">
              <button type="submit" name="decision" value="approve" className="app-button">
                {t("staff.freeText.approve")}
              </button>
              <button
                type="submit"
                name="decision"
                value="exclude"
                className="app-button app-button--secondary"
              >
                {t("staff.freeText.exclude")}
              </button>
            </div>
          </Form>
        </section>
      ))}
    </>
  );
}
