import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { boardName } from "~/board/board-name";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireMeetingsList } from "~/meetings/meeting-access.server";
import { PreferencesForm } from "~/meetings/meeting-forms";
import { PreferencesSchema } from "~/meetings/meetings.schemas";
import {
  getInvitation,
  getPreferences,
  listMeetings,
  savePreferences,
} from "~/meetings/meetings.server";
import { timeIn } from "~/meetings/notice.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, isSecretariat, csrfToken } = await requireMeetingsList(request);
  // The secretariat sees every board's meetings; a member those of their current boards only.
  const meetings = await listMeetings(isSecretariat ? {} : { memberOf: user.id });
  await recordAudit({ actor: { id: user.id, email: user.email }, action: "meeting_list_viewed" });
  const { timeZone } = getConfig();
  const now = Date.now();
  const lang = getLangFromPath(new URL(request.url).pathname);
  const rows = await Promise.all(
    meetings.map(async (m) => ({
      id: m.id,
      boardName: boardName({ name: m.boardName, nameEn: m.boardNameEn }, lang),
      day: displayDay(m.startsAt, timeZone),
      time: timeIn(m.startsAt, timeZone),
      extraordinary: m.extraordinary,
      cancelled: m.cancelledAt !== null,
      upcoming: Date.parse(m.startsAt) > now,
      reply: (await getInvitation(m.id, user.id))?.reply ?? null,
      invited: Boolean(await getInvitation(m.id, user.id)),
    })),
  );
  return {
    upcoming: rows.filter((m) => m.upcoming).reverse(),
    past: rows.filter((m) => !m.upcoming),
    preferences: await getPreferences(user.id),
    csrfToken,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireMeetingsList(request, formData);
  const parsed = parseForm(PreferencesSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 });
  await savePreferences(user.id, parsed.data);
  return { errors: {}, saved: true };
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function MeetingTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  if (rows.length === 0) return <p className="app-body">{t("list.empty")}</p>;
  return (
    <table className="app-table">
      <caption className="app-table__caption app-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("list.when")}</th>
          <th scope="col">{t("list.board")}</th>
          <th scope="col">{t("list.yourAnswer")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td>
              <Link to={localePath(lang, `/staff/meetings/${m.id}`)}>
                {t("meeting.at", { day: m.day, time: m.time })}
              </Link>
              {m.extraordinary ? (
                <>
                  <br />
                  <span className="app-hint">{t("list.extraordinary")}</span>
                </>
              ) : null}
              {m.cancelled ? (
                <>
                  <br />
                  <strong>{t("list.cancelled")}</strong>
                </>
              ) : null}
            </td>
            <td>{m.boardName}</td>
            <td>{m.invited && !m.cancelled ? t(`replies.status.${m.reply ?? "none"}`) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function MeetingsPage() {
  const { upcoming, past, preferences, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["lang", "calendarFile"]} />
      <h1 className="app-heading-l">{t("list.title")}</h1>
      <p className="app-body">{t("list.lead")}</p>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/meetings/tasks")}>{t("tasks.link")}</Link>
      </p>
      <h2 className="app-heading-m">{t("list.upcoming")}</h2>
      <MeetingTable rows={upcoming} caption={t("list.upcoming")} />
      <h2 className="app-heading-m">{t("list.past")}</h2>
      <MeetingTable rows={past} caption={t("list.past")} />
      <section aria-labelledby="preferences-heading">
        <h2 className="app-heading-m" id="preferences-heading">
          {t("preferences.heading")}
        </h2>
        {actionData?.saved ? (
          <div className="app-notification app-notification--success" role="status">
            <p className="app-body">{t("preferences.saved")}</p>
          </div>
        ) : null}
        <PreferencesForm csrfToken={csrfToken} preferences={preferences} />
      </section>
    </>
  );
}
