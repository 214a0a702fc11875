import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { ActionItemList, type ActionItemView } from "~/meetings/action-item-forms";
import { changeActionItem } from "~/meetings/action-items.commands.server";
import { ActionItemChangeSchema } from "~/meetings/action-items.schemas";
import {
  listActionItemsForOwner,
  listChairedBoards,
  listOpenActionItemsToFollow,
} from "~/meetings/action-items.server";
import { requireMeetingsList } from "~/meetings/meeting-access.server";
import { localToday } from "~/platform/calendar.server";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:tasks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, isSecretariat, csrfToken } = await requireMeetingsList(request);
  const today = localToday();
  const mine = await listActionItemsForOwner(user.id, today);
  // The chair follows their board's open tasks, the secretariat every board's (Art. 12 e).
  const chaired = isSecretariat ? [] : await listChairedBoards(user.id, today);
  const follows = isSecretariat || chaired.length > 0;
  const follow: ActionItemView[] = follows
    ? await listOpenActionItemsToFollow(isSecretariat ? undefined : chaired, today)
    : [];
  await recordAudit({ actor: { id: user.id, email: user.email }, action: "action_items_viewed" });
  return { mine, follow, follows, viewerId: user.id, csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireMeetingsList(request, formData);
  const parsed = parseForm(ActionItemChangeSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { errors: { form: "meetings:errors.action_status_invalid" }, notice: null },
      { status: 400 },
    );
  const result = await changeActionItem(user, parsed.data);
  if (!result.ok)
    return data(
      { errors: result.errors, notice: null },
      { status: result.errors.form === "meetings:errors.action_not_allowed" ? 403 : 400 },
    );
  return {
    errors: {} as Record<string, string>,
    notice: parsed.data.change === "decline" ? "actions.declinedNotice" : "actions.changed",
  };
}

export default function TasksPage() {
  const { mine, follow, follows, viewerId, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  const overdue = follow.filter((item) => item.overdue).length;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["form"]} />
      <p className="app-body">
        <Link to={localePath(lang, "/staff/meetings")}>{t("meeting.back")}</Link>
      </p>
      {actionData?.notice ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(actionData.notice)}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("tasks.title")}</h1>
      <p className="app-body">{t("tasks.lead")}</p>
      <h2 className="app-heading-m">{t("tasks.mine")}</h2>
      <ActionItemList
        items={mine}
        caption={t("tasks.mine")}
        showAgendaItem
        controls={{ csrfToken, viewerId, manages: false }}
        emptyText={t("tasks.none")}
      />
      {mine.length > 0 ? (
        <ul className="app-list">
          {[...new Map(mine.map((item) => [item.meetingId, item.meetingDay])).entries()].map(
            ([meetingId, day]) => (
              <li key={meetingId}>
                <Link to={localePath(lang, `/staff/meetings/${meetingId}`)}>
                  {t("tasks.meetingOf", { day })}
                </Link>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {follows ? (
        <section aria-labelledby="follow-heading">
          <h2 className="app-heading-m" id="follow-heading">
            {t("tasks.follow")}
          </h2>
          <p className="app-body">{t("tasks.followLead")}</p>
          {overdue > 0 ? (
            <p className="app-warning">
              <strong>{t("tasks.overdueCount", { count: overdue })}</strong>
            </p>
          ) : null}
          <ActionItemList
            items={[...follow].sort((a, b) => Number(b.overdue) - Number(a.overdue))}
            caption={t("tasks.follow")}
            showAgendaItem
            highlightOverdue
            emptyText={t("tasks.followNone")}
          />
        </section>
      ) : null}
    </>
  );
}
