import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { listOutbox } from "~/platform/email.server";

export const meta = titleMeta("staff:outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "outbox:read");
  return { messages: await listOutbox() };
}

export default function OutboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("outbox.title")}</h1>
      <p className="app-body">{t("outbox.lead")}</p>
      {messages.length === 0 ? (
        <p className="app-body">{t("outbox.empty")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("outbox.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("outbox.columns.when")}</th>
              <th scope="col">{t("outbox.columns.to")}</th>
              <th scope="col">{t("outbox.columns.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.created_at}>
                    {message.created_at.slice(0, 16).replace("T", " ")}
                  </time>
                </td>
                <td>{message.recipient}</td>
                <td>
                  <Link to={localePath(lang, `/staff/admin/outbox/${message.id}`)}>
                    {message.subject}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
