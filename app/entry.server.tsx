import { PassThrough } from "node:stream";

import type {
  AppLoadContext,
  EntryContext,
  HandleDataRequestFunction,
  HandleErrorFunction,
} from "@remix-run/node";
import { createReadableStreamFromReadable, redirectDocument } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";

import { isDatabaseUnavailableError } from "../db/errors";
import { serverI18n } from "./i18n/i18n";
import { getLangFromPath } from "./i18n/lang";
import { logDatabaseUnavailable, logError } from "./platform/logging.server";
import { FragmentCacheContext } from "./ui/fragment-cache";
import { fragmentCacheFor } from "./ui/fragment-cache.server";
import { pageHydrates } from "./ui/hydration";
import { NonceContext } from "./ui/nonce";
import { renderUnavailablePage, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./ui/unavailable-page";

// The custom server (server.js) calls these (the first two at start, then the questionnaire's
// Send button and the "/sq" redirect); exporting them from the server entry keeps
// one copy of the database modules in one bundle.
export {
  backgroundJobsEnabled,
  startApplication,
  stopApplication,
} from "./platform/startup.server";
export { sendQuestionnaire } from "./feedback/send-endpoint.server";
export { randomToken } from "./platform/random.server";
export { albanianPrefixRedirect } from "./i18n/lang";
export { renderUnavailablePage, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./ui/unavailable-page";

/**
 * Requests whose loader or action met a database that is down (marked by handleError, which
 * Remix calls with the same Request before rendering): they get the 503 page instead of the
 * route's error boundary. A WeakSet, so nothing about a request outlives it.
 */
const databaseUnavailable = new WeakSet<Request>();

const RENDER_TIMEOUT_MS = 10_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  if (databaseUnavailable.has(request)) return unavailableResponse(request, nonce);
  const hydrates = pageHydrates(matchedHandles(remixContext));
  // A page without framework JavaScript has no router in the browser to hand its loader and
  // action data to: none is encoded, and RemixServer renders nothing after the document
  // (decision 051; defineProperty replaces the patched lazy getter without calling it).
  if (!hydrates) Object.defineProperty(remixContext, "serverHandoffStream", { value: undefined });
  const lang = getLangFromPath(new URL(request.url).pathname);
  const i18n = serverI18n(lang);
  const app = (
    <NonceContext.Provider value={nonce}>
      <I18nextProvider i18n={i18n}>
        {/* Kept fragments only where no browser router will compare the HTML (decision 066). */}
        <FragmentCacheContext.Provider value={hydrates ? null : fragmentCacheFor(lang, i18n)}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </FragmentCacheContext.Provider>
      </I18nextProvider>
    </NonceContext.Provider>
  );
  // A page without framework JavaScript (every survivor page) has nothing to stream after the
  // document: rendered at once as a string, with less work per request (decision 049).
  if (!hydrates) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    // As UTF-8 bytes: a string body is first checked character by character for lone
    // surrogates (WebIDL's USVString), about 3 % of a section page's server time.
    return new Response(Buffer.from("<!DOCTYPE html>" + renderToString(app)), {
      headers: responseHeaders,
      status: responseStatusCode,
    });
  }

  // Pages with framework JavaScript are streamed, so that the loader data the browser needs
  // follows the document; still waiting for all of it: a complete page works with scripts off.
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onAllReady() {
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status,
          }),
        );
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      onError(error: unknown) {
        status = 500;
        logError("render", error);
      },
    });
    setTimeout(abort, RENDER_TIMEOUT_MS);
  });
}

/** The handles of the routes a document renders, root first (as `useMatches` gives them). */
function matchedHandles(context: EntryContext): unknown[] {
  return context.staticHandlerContext.matches.map(
    (match) => context.routeModules[match.route.id]?.handle,
  );
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests are the client's doing; 404s and 403s are answers, not errors.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  if (isDatabaseUnavailableError(error)) {
    // Several loaders of one page may fail alike: one line per request.
    if (!databaseUnavailable.has(request)) logDatabaseUnavailable("request", error);
    databaseUnavailable.add(request);
    return;
  }
  logError("request", error);
};

/**
 * A page opened or a form sent in the background (a staff page with JavaScript: Remix asks for
 * `<page>.data`) while a database is down: the browser is told to load the page itself, which
 * then answers the calm 503 "try again later" page, instead of the page's error boundary saying
 * something unexpected happened. A GET goes to the page asked for; a form sent goes back to the
 * page it was sent from (its Referer, when on this site), since its own address may be an
 * endpoint with no page. Any other data answer passes unchanged.
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (!databaseUnavailable.has(request)) return response;
  const asked = new URL(request.url);
  let target = new URL(asked);
  target.pathname = asked.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  target.searchParams.delete("_routes");
  if (request.method !== "GET") {
    const from = request.headers.get("Referer");
    const referer = from && URL.canParse(from) ? new URL(from) : null;
    if (referer?.origin === asked.origin) target = referer;
  }
  return redirectDocument(`${target.pathname}${target.search}`);
};

/**
 * The 503 "try again later" document: fresh headers, so no cookie a loader or action may have
 * set goes out (Cache-Control and the security headers come from server.js).
 */
async function unavailableResponse(request: Request, nonce: string): Promise<Response> {
  const html = await renderUnavailablePage(new URL(request.url).pathname, nonce);
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
    },
  });
}
