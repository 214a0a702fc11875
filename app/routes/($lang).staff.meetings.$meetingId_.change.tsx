import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireMeetingChange } from "~/meetings/meeting-access.server";
import { CancelMeetingForm } from "~/meetings/meeting-change-forms";
import { cancelMeeting } from "~/meetings/meetings.commands.server";
import { CancelMeetingSchema } from "~/meetings/meetings.schemas";
import { timeIn } from "~/meetings/notice";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:change.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { meeting, csrfToken } = await requireMeetingChange(request, params.meetingId);
  const { timeZone } = getConfig();
  return {
    meeting: {
      id: meeting.id,
      boardName: meeting.boardName,
      day: displayDay(meeting.startsAt, timeZone),
      time: timeIn(meeting.startsAt, timeZone),
    },
    // Only a meeting still to come, and not cancelled, can be changed or cancelled.
    open: !meeting.cancelledAt && Date.parse(meeting.startsAt) > Date.now(),
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, meeting } = await requireMeetingChange(request, params.meetingId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const parsed = parseForm(CancelMeetingSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { intent: "cancel", values: parsed.values, errors: parsed.errors },
      { status: 400 },
    );
  const result = await cancelMeeting(user, meeting, parsed.data);
  if (!result.ok)
    return data(
      { intent: "cancel", values: formDataToValues(formData, ["csrf"]), errors: result.errors },
      { status: 409 },
    );
  return redirect(localePath(lang, `/staff/meetings/${meeting.id}`));
}

export default function ChangeMeetingPage() {
  const { meeting, open, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["reason", "form"]} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/meetings/${meeting.id}`)}>{t("change.back")}</Link>
      </p>
      <h1 className="app-heading-l">
        {t("change.heading", { board: meeting.boardName, day: meeting.day, time: meeting.time })}
      </h1>
      {!open ? (
        <p className="app-body">{t("change.closed")}</p>
      ) : (
        <section aria-labelledby="cancel-heading">
          <h2 className="app-heading-m" id="cancel-heading">
            {t("cancel.heading")}
          </h2>
          <p className="app-body">{t("cancel.lead")}</p>
          <CancelMeetingForm
            csrfToken={csrfToken}
            values={actionData?.intent === "cancel" ? actionData.values : undefined}
            errors={actionData?.intent === "cancel" ? actionData.errors : undefined}
          />
        </section>
      )}
    </>
  );
}
