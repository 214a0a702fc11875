import { isRouteErrorResponse } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ErrorKind = "not_found" | "forbidden" | "unexpected";

export function errorKind(error: unknown): ErrorKind {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return status === 404 ? "not_found" : status === 403 ? "forbidden" : "unexpected";
}

/** A calm explanation of what went wrong; never a stack trace. */
export function ErrorContent({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const kind = errorKind(error);
  return (
    <>
      <h1 className="app-heading-l">{t(`errors.${kind}.title`)}</h1>
      <p className="app-body">{t(`errors.${kind}.body`)}</p>
    </>
  );
}
