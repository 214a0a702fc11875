import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { DeclarationText, SignDeclarationForm } from "~/meetings/declaration-forms";
import { signDeclaration } from "~/meetings/declaration.commands.server";
import { SignDeclarationSchema } from "~/meetings/declaration.schemas";
import { getCurrentDeclaration, listSignatures } from "~/meetings/declarations.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:declaration.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "declaration:sign");
  const lang = getLangFromPath(new URL(request.url).pathname);
  const [current, signatures] = await Promise.all([
    getCurrentDeclaration(),
    listSignatures(user.id),
  ]);
  const { timeZone } = getConfig();
  return {
    version: current.version,
    text: current.text[lang],
    signedCurrent: signatures.some((s) => s.version === current.version),
    signedEarlier: signatures.some((s) => s.version < current.version),
    signatures: signatures.map((s) => ({
      version: s.version,
      day: displayDay(s.signedAt, timeZone),
    })),
    justSigned: new URL(request.url).searchParams.get("signed") === "1",
    csrfToken,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "declaration:sign", formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const parsed = parseForm(SignDeclarationSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await signDeclaration(user, parsed.data, lang);
  if (!result.ok) {
    // A newer version was published while the page was open: it must be read before signing.
    return data(
      {
        values: { fullName: parsed.data.fullName },
        errors: { fullName: "meetings:errors.version_stale" },
      },
      { status: 409 },
    );
  }
  return redirect(`${localePath(lang, "/staff/declaration")}?signed=1`, 303);
}

export default function DeclarationPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  const { version, signedCurrent, signedEarlier, signatures } = loaderData;
  return (
    <div className="app-narrow">
      {loaderData.justSigned && signedCurrent ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("declaration.signedNotice", { version })}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("declaration.title")}</h1>
      <p className="app-body">
        {signedCurrent
          ? t("declaration.statusSigned", { version })
          : signedEarlier
            ? t("declaration.statusNewVersion", { version })
            : t("declaration.statusNotSigned")}
      </p>
      <p className="app-body">{t("declaration.why")}</p>
      <h2 className="app-heading-m">{t("declaration.versionHeading", { version })}</h2>
      <DeclarationText text={loaderData.text} lang={lang} />
      {signedCurrent ? null : (
        <>
          <SignDeclarationForm
            version={version}
            csrfToken={loaderData.csrfToken}
            values={actionData?.values}
            errors={actionData?.errors}
          />
          <p className="app-body">{t("declaration.notSigning")}</p>
        </>
      )}
      {signatures.length > 0 ? (
        <>
          <h2 className="app-heading-m">{t("declaration.yourSignatures")}</h2>
          <ul className="app-list">
            {signatures.map((signature) => (
              <li key={signature.version}>
                <Link to={localePath(lang, `/staff/declaration/${signature.version}`)}>
                  {t("declaration.signatureLink", {
                    version: signature.version,
                    day: signature.day,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
