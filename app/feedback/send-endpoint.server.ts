import { getPublicCampaignBySlug } from "./campaigns.server";
import { handleQuestionnairePost } from "./questionnaire.server";
import { isDatabaseUnavailableError } from "../../db/errors";
import type { Lang } from "../i18n/lang";
import { localePath } from "../i18n/lang";
import { logDatabaseUnavailable, logError } from "../platform/logging.server";

/**
 * The questionnaire's Send button posts here (its `formaction`), to a plain handler that
 * server.js runs in front of the page renderer. At the submission rates a campaign launch can
 * bring, matching routes and preparing a React document only to answer with a redirect cost more
 * than storing the answers (bench/README.md has the figures).
 *
 * Stored, or stored a moment ago by the other half of a double click: 302 to the thank-you page,
 * as the questionnaire page itself answers. Anything else (an expired form, a spent code, a
 * refused answer, the rate limit, an error) has no lasting effect here and gets 307, which makes
 * the browser post the very same form to the questionnaire page: the page runs the same checks
 * and shows the message with every answer kept. So there is one set of rules, in
 * handleQuestionnairePost, and this path only skips the renderer when there is nothing to render.
 * A database that is down gets 503 at once (server.js shows the "try again later" page): the
 * page would only wait for the same database again. The transaction stored nothing.
 */
export type SendResult = { status: 302 | 307; location: string } | { status: 503 };

export async function sendQuestionnaire(input: {
  lang: Lang;
  slug: string;
  /** The urlencoded body, or null when the form came in another encoding. */
  body: string | null;
  clientKey?: string;
}): Promise<SendResult> {
  const page = localePath(input.lang, `/f/${encodeURIComponent(input.slug)}`);
  const toPage: SendResult = { status: 307, location: page };
  if (input.body === null) return toPage;
  const formData = new URLSearchParams(input.body);
  if (formData.get("nav") !== "submit") return toPage;
  try {
    const outcome = await handleQuestionnairePost({
      campaign: await getPublicCampaignBySlug(input.slug),
      lang: input.lang,
      formData,
      clientKey: input.clientKey,
    });
    return outcome.kind === "redirect" ? { status: 302, location: `${page}/thanks` } : toPage;
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      logDatabaseUnavailable("feedback.send", error);
      return { status: 503 };
    }
    // The page will try again and, if it fails too, show the error page.
    logError("feedback.send", error);
    return toPage;
  }
}
