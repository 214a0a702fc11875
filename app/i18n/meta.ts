import type { MetaFunction } from "@remix-run/node";

import { getFixedT } from "./i18n";
import { getLangFromPath } from "./lang";

/** A meta export that sets the translated page title. */
export function titleMeta(key: string): MetaFunction {
  return ({ location }) => {
    const t = getFixedT(getLangFromPath(location.pathname));
    return [{ title: `${t(key)} – ${t("common:site.name")}` }];
  };
}
