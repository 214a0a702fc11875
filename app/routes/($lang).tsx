import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";

import { langFromParam } from "~/i18n/lang";

// Only "/..." (Albanian) and "/en/..." exist; "/xx/..." is a 404 in Albanian.
export function loader({ params }: LoaderFunctionArgs) {
  if (!langFromParam(params.lang)) throw new Response("Not Found", { status: 404 });
  return null;
}

export default function LanguageLayout() {
  return <Outlet />;
}
