import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Links,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";

import { getFixedT } from "./i18n/i18n";
import { getLangFromPath } from "./i18n/lang";
import { DocumentMeta } from "./i18n/meta";
import { ErrorContent, errorKind } from "./ui/error-content";
import { pageHydrates } from "./ui/hydration";
import { useNonce } from "./ui/nonce";
import { PublicShell } from "./ui/public-shell";
import { restoreTextTypedBeforeHydration } from "./ui/typed-before-hydration";

const ZOD_JITLESS = "globalThis.__zod_globalConfig={jitless:true};";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error, location }) => {
  if (!error) return [];
  const t = getFixedT(getLangFromPath(location.pathname));
  return [{ title: `${t(`errors.${errorKind(error)}.title`)} – ${t("site.name")}` }];
};

export type { RouteHandle } from "./ui/hydration";

function useHydrate(): boolean {
  return pageHydrates(useMatches().map((match) => match.handle));
}

export function Layout({ children }: { children: ReactNode }) {
  const lang = getLangFromPath(useLocation().pathname);
  const hydrate = useHydrate();
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <DocumentMeta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            {/* Before any module: zod must not probe `new Function`, which the CSP refuses and
                reports as a violation on every staff page (zod's own switch, jitless). */}
            <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  // Once hydrated: text typed into the plain page meanwhile is put back where React reset it
  // (app/ui/typed-before-hydration.ts), and the page says so on <html data-hydrated> for the
  // browser tests. Survivor pages never get here in the browser (they ship no framework script).
  useEffect(() => {
    restoreTextTypedBeforeHydration();
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <PublicShell>
      <ErrorContent error={useRouteError()} />
    </PublicShell>
  );
}
