import { useLocation, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { CachedFragment } from "./fragment-cache";
import { useNonce } from "./nonce";
import { QUICK_EXIT_SCRIPT, QUICK_EXIT_URL } from "./quick-exit";
import { getLangFromPath, localePath, switchLanguagePath, type Lang } from "../i18n/lang";
import type { RouteHandle } from "../root";

/** The Albanian helplines shown on every public page (seed 004). */
export const HELPLINES = [
  { key: "antiTrafficking", number: "116 006" },
  { key: "police", number: "129" },
  { key: "child", number: "116 111" },
] as const;

/**
 * The frame of every public (survivor) page: quick exit, language switch, the page, then the
 * "not an emergency service" line with helplines and the staying-safe link. No framework
 * JavaScript: every link is a plain link, and the only script is the quick-exit enhancement.
 */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const lang = getLangFromPath(pathname);
  const otherLang: Lang = lang === "sq" ? "en" : "sq";
  const nonce = useNonce();
  // The questionnaire switches language inside its form, keeping the answers; a plain link in
  // the header would drop them.
  const pageSwitchesLanguage = useMatches().some(
    (match) => (match.handle as RouteHandle | undefined)?.languageSwitchInPage,
  );
  return (
    <>
      <a href="#main" className="app-skip-link">
        {t("shell.skipToContent")}
      </a>
      {/* The quick exit and the footer are the same on every page of a language: kept once on
          pages rendered without framework JavaScript (decision 066). */}
      <CachedFragment cacheKey="public-shell|quick-exit" className="app-exit-this-page">
        <QuickExit />
      </CachedFragment>
      <header className="app-header">
        <div className="app-width-container app-header__inner">
          <a href={localePath(lang, "/")} className="app-header__name">
            {t("site.name")}
          </a>
          {pageSwitchesLanguage ? null : (
            <a
              href={switchLanguagePath(pathname, otherLang)}
              className="app-header__language"
              lang={otherLang}
              hrefLang={otherLang}
            >
              {t(`language.switchTo.${otherLang}`)}
            </a>
          )}
        </div>
      </header>
      <main id="main" className="app-width-container app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <CachedFragment cacheKey="public-shell|footer" className="app-width-container">
          <FooterContent lang={lang} />
        </CachedFragment>
      </footer>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: QUICK_EXIT_SCRIPT }} />
    </>
  );
}

/** The quick-exit button, its Shift hint and the status the script announces in. */
function QuickExit() {
  const { t } = useTranslation();
  return (
    <>
      <a
        href={QUICK_EXIT_URL}
        rel="nofollow noreferrer"
        className="app-exit-this-page__button js-exit-this-page"
        data-message-two-more={t("quickExit.pressTwoMore")}
        data-message-one-more={t("quickExit.pressOneMore")}
        data-message-timed-out={t("quickExit.timedOut")}
        data-message-leaving={t("quickExit.leaving")}
      >
        {t("quickExit.label")}
      </a>
      {/* Only where the shortcut can work: the script reveals it (never without JavaScript). */}
      <p className="app-exit-this-page__hint js-exit-this-page-hint" hidden>
        {t("quickExit.hint")}
      </p>
      <div
        className="app-visually-hidden js-exit-this-page-status"
        role="status"
        aria-live="polite"
      />
    </>
  );
}

/** The footer: not an emergency service, the helplines, staying safe and the staff sign-in. */
function FooterContent({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="app-heading-s">{t("helplines.heading")}</h2>
      <p className="app-body">{t("helplines.notEmergency")}</p>
      <ul className="app-helplines">
        {HELPLINES.map((line) => (
          <li key={line.key}>
            <a className="app-helplines__link" href={`tel:${line.number.replace(/\s/g, "")}`}>
              <span className="app-helplines__number">{line.number}</span>
              <span className="app-helplines__name">{t(`helplines.${line.key}`)}</span>
            </a>
          </li>
        ))}
      </ul>
      <ul className="app-footer__links">
        <li>
          <a href={localePath(lang, "/safety")}>{t("shell.stayingSafe")}</a>
        </li>
        <li>
          <a href={localePath(lang, "/staff/sign-in")} rel="nofollow">
            {t("shell.staffSignIn")}
          </a>
        </li>
      </ul>
    </>
  );
}
