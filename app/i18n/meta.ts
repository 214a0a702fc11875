import type { MetaFunction } from "@remix-run/node";
import { Meta } from "@remix-run/react";
import { createElement, useContext } from "react";
import { UNSAFE_DataRouterStateContext as DataRouterStateContext } from "react-router-dom";

import { getFixedT } from "./i18n";
import { getLangFromPath } from "./lang";

/** Set on the data the meta functions see when the page is a form that came back with errors. */
const FORM_ERRORS = Symbol("form-errors");

/**
 * Whether a route's loader or action data describes a form with errors, in the shapes the
 * portal's forms answer with: `errors` (field → message key) with at least one entry, `missing`
 * (items still to answer) not empty, `error` (one message key, the survivor's code page), or the
 * same inside `view` (the survivor's questionnaire).
 */
export function formHasErrors(data: unknown): boolean {
  if (!data || typeof data !== "object") return false;
  const record = data as Record<string | symbol, unknown>;
  if (record[FORM_ERRORS] === true) return true;
  const { errors, missing, error, view } = record;
  if (errors && typeof errors === "object" && Object.keys(errors).length > 0) return true;
  if (Array.isArray(missing) && missing.length > 0) return true;
  if (typeof error === "string" && error.length > 0) return true;
  return view !== undefined && view !== data && formHasErrors(view);
}

/**
 * A meta export that sets the translated page title: "<page> – <site>", or, when the page is a
 * form that came back with errors, "Gabim: <page> – <site>" / "Error: …" (GOV.UK error summary
 * pattern: the title is the first thing a screen reader reads on the new page).
 */
export function titleMeta(key: string): MetaFunction {
  return ({ location, data }) => {
    const t = getFixedT(getLangFromPath(location.pathname));
    const title = `${t(key)} – ${t("common:site.name")}`;
    return [{ title: formHasErrors(data) ? t("common:errorSummary.pageTitle", { title }) : title }];
  };
}

/**
 * The document's `<meta>` and `<title>` (Remix's `<Meta />`), told about action data.
 *
 * Remix gives meta functions the loader data only, but most forms answer with action data
 * (a 400 with the values and errors). So when the page's own route holds action data with
 * errors, the meta functions receive that route's loader data flagged as such. Works the same
 * for a document POST (JavaScript off) and a client-side submission. The router state read here
 * is the one `<Meta />` itself reads (react-router-dom, the version Remix pins).
 */
export function DocumentMeta() {
  const state = useContext(DataRouterStateContext);
  const leaf = state?.matches[state.matches.length - 1]?.route.id;
  if (!state || !leaf || !formHasErrors(state.actionData?.[leaf])) return createElement(Meta);
  const own: unknown = state.loaderData[leaf];
  const flagged = { ...(own && typeof own === "object" ? own : {}), [FORM_ERRORS]: true };
  return createElement(
    DataRouterStateContext.Provider,
    { value: { ...state, loaderData: { ...state.loaderData, [leaf]: flagged } } },
    createElement(Meta),
  );
}
