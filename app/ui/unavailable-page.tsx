import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server.js";

import { NonceContext } from "./nonce";
import { PublicShell } from "./public-shell";
import { serverI18n } from "../i18n/i18n";
import { getLangFromPath } from "../i18n/lang";

/** Seconds a browser or proxy is told to wait before asking again (Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 60;

function UnavailableContent() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="app-heading-l">{t("errors.unavailable.title")}</h1>
      <p className="app-body">{t("errors.unavailable.body")}</p>
    </>
  );
}

/**
 * The calm "try again later" page (status 503) shown when a store's database is down or refuses
 * connections, to survivors and staff alike: the public shell (quick exit, helplines, language
 * switch), no framework JavaScript, no cookie. It is rendered outside Remix, with no loader and
 * no database, so it works exactly when nothing else does; `pathname` picks the language (sq
 * unless it starts with /en) and is where the language switch points.
 * Returns the whole HTML document.
 */
export async function renderUnavailablePage(pathname: string, nonce: string): Promise<string> {
  const lang = getLangFromPath(pathname);
  const i18n = serverI18n(lang);
  const t = i18n.getFixedT(lang);
  const title = `${t("errors.unavailable.title")} – ${t("site.name")}`;
  const routes = [{ path: "*", element: <PublicShell>{<UnavailableContent />}</PublicShell> }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(pathname, "http://localhost")));
  if (context instanceof Response) throw new Error("The unavailable page cannot redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  const markup = renderToStaticMarkup(
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{title}</title>
        <link rel="stylesheet" href="/styles/app.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <NonceContext.Provider value={nonce}>
          <I18nextProvider i18n={i18n}>
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </I18nextProvider>
        </NonceContext.Provider>
      </body>
    </html>,
  );
  return `<!DOCTYPE html>${markup}`;
}
