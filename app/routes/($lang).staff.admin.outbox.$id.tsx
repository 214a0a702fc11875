import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { requireUser } from "~/auth/guard.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { getOutboxMessage } from "~/platform/email.server";

export const meta = titleMeta("staff:outbox.messageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "outbox:read");
  const message = await getOutboxMessage(params.id ?? "");
  if (!message) throw new Response("Not Found", { status: 404 });
  // Bodies hold invitation links: every reading is recorded.
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "outbox_message_viewed",
    subject: message.recipient,
  });
  return { message };
}

export default function OutboxMessagePage() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/admin/outbox")} className="app-back-link">
          {t("outbox.back")}
        </Link>
      </p>
      <h1 className="app-heading-l">{message.subject}</h1>
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt>{t("outbox.columns.to")}</dt>
          <dd>{message.recipient}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("outbox.columns.when")}</dt>
          <dd>{message.createdAt.slice(0, 16).replace("T", " ")}</dd>
        </div>
      </dl>
      <pre className="app-mail-body">{message.body}</pre>
    </>
  );
}
