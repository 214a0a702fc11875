import { isRouteErrorResponse, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "~/i18n/lang";

export type ErrorKind = "not_found" | "forbidden" | "declaration_required" | "unexpected";

export function errorKind(error: unknown): ErrorKind {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403 && isDeclarationRequired(error)) return "declaration_required";
  return status === 404 ? "not_found" : status === 403 ? "forbidden" : "unexpected";
}

/** A board page refused until the confidentiality declaration is signed (app/meetings). */
function isDeclarationRequired(error: unknown): boolean {
  if (!isRouteErrorResponse(error)) return false;
  const body: unknown = error.data;
  return (
    typeof body === "object" &&
    body !== null &&
    (body as { kind?: unknown }).kind === "declaration_required"
  );
}

/** A calm explanation of what went wrong; never a stack trace. */
export function ErrorContent({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const kind = errorKind(error);
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t(`errors.${kind}.title`)}</h1>
      <p className="app-body">{t(`errors.${kind}.body`)}</p>
      {kind === "declaration_required" ? (
        <p className="app-body">
          <a href={localePath(lang, "/staff/declaration")}>
            {t("errors.declaration_required.link")}
          </a>
        </p>
      ) : null}
    </>
  );
}
