import { data, type ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { SentPage } from "~/board/application-pages";
import { resetPassphrase } from "~/board/applications.server";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("board:reset.pageTitle");

// The link only shows a button: a mail scanner that opens links does not use it up.
export async function action({ params }: ActionFunctionArgs) {
  const credentials = await resetPassphrase(params.token ?? "");
  return data({ credentials }, { status: credentials ? 200 : 400 });
}

export default function ResetRoute() {
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("board");
  if (posted?.credentials) return <SentPage {...posted.credentials} />;
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("reset.title")}</h1>
      {posted ? <p className="app-body">{t("reset.invalid")}</p> : null}
      <p className="app-body">{t("reset.body")}</p>
      <form method="post">
        <button type="submit" className="app-button">
          {t("reset.submit")}
        </button>
      </form>
    </div>
  );
}
