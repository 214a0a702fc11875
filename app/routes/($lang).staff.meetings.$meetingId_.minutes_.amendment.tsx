import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireMeetingAccess } from "~/meetings/meeting-access.server";
import { startAmendment } from "~/meetings/minutes.commands.server";
import { listMinutesDocs } from "~/meetings/minutes.server";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";

export const meta = titleMeta("minutes:amendment.title");

async function requireSecretariat(request: Request, meetingId?: string, formData?: FormData) {
  const access = await requireMeetingAccess(request, meetingId, formData);
  if (!access.isSecretariat)
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return access;
}

/** Starting a numbered amendment of approved minutes (the secretariat). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { meeting, csrfToken } = await requireSecretariat(request, params.meetingId);
  const latest = (await listMinutesDocs(meeting.id)).at(-1);
  return {
    meetingId: meeting.id,
    number: (latest?.number ?? 0) + 1,
    open: latest?.status !== "approved",
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, meeting } = await requireSecretariat(request, params.meetingId, formData);
  const result = await startAmendment(user, meeting);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (!result.ok) return { errors: result.errors };
  throw redirect(localePath(lang, `/staff/meetings/${meeting.id}/minutes`));
}

export default function MinutesAmendmentPage() {
  const { meetingId, number, open, csrfToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("minutes");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={answer?.errors} fieldOrder={["form"]} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/meetings/${meetingId}/minutes`)}>{t("page.back")}</Link>
      </p>
      <h1 className="app-heading-l">{t("amendment.heading", { number })}</h1>
      {open ? (
        <p className="app-body">{t("amendment.open")}</p>
      ) : (
        <>
          <p className="app-body">{t("amendment.lead")}</p>
          <Form method="post" id="form">
            <CsrfField token={csrfToken} />
            <button type="submit" className="app-button">
              {t("locked.offer", { number })}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
