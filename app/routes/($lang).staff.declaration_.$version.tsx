import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { titleMeta } from "~/i18n/meta";
import { DeclarationText } from "~/meetings/declaration-forms";
import { getDeclarationVersion, listSignatures } from "~/meetings/declarations.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";

// A neutral title: the printed page or the saved PDF says nothing about what the board is.
export const meta = titleMeta("meetings:signed.title");

/** What the signed-in person signed, in the language they read it, to print or save. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "declaration:sign");
  const version = Number(params.version);
  const signature = Number.isInteger(version)
    ? (await listSignatures(user.id)).find((s) => s.version === version)
    : undefined;
  const declaration = signature ? await getDeclarationVersion(version) : null;
  if (!signature || !declaration) throw new Response("Not Found", { status: 404 });
  return {
    version,
    language: signature.language,
    text: declaration.text[signature.language],
    signedName: signature.signedName,
    day: displayDay(signature.signedAt, getConfig().timeZone),
    textHash: signature.textHash,
  };
}

export default function SignedDeclarationPage() {
  const signed = useLoaderData<typeof loader>();
  const { t } = useTranslation("meetings");
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("signed.heading", { version: signed.version })}</h1>
      <p className="app-body app-no-print">{t("signed.printHint")}</p>
      <DeclarationText text={signed.text} lang={signed.language} />
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("signed.name")}</dt>
          <dd className="app-summary-list__value">{signed.signedName}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("signed.date")}</dt>
          <dd className="app-summary-list__value">{signed.day}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("signed.fingerprint")}</dt>
          <dd className="app-summary-list__value">{signed.textHash}</dd>
        </div>
      </dl>
    </div>
  );
}
