import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { PublicCampaign } from "./questionnaire.server";
import { getLangFromPath, localePath, switchLanguagePath, type Lang } from "../i18n/lang";
import { ErrorSummaryBox } from "../ui/form-fields";

// Calm pages around the questionnaire. Helplines are in the public shell's footer.

/** The language switch of pages on the questionnaire's route (its header has none). */
function LanguageLink({ to, href }: { to: Lang; href: string }) {
  const { t } = useTranslation();
  return (
    <p className="app-questionnaire__language">
      <a href={href} lang={to} hrefLang={to}>
        {t(`language.switchTo.${to}`)}
      </a>
    </p>
  );
}

const otherThan = (lang: Lang): Lang => (lang === "sq" ? "en" : "sq");

/**
 * A questionnaire that takes no answers now. With `answersNotSent` (a page of answers was sent
 * after it closed) it also says that those answers were neither sent nor kept.
 */
export function NotOpenPage({ answersNotSent = false }: { answersNotSent?: boolean }) {
  const { t } = useTranslation("feedback");
  const { pathname } = useLocation();
  const lang = getLangFromPath(pathname);
  return (
    <>
      <LanguageLink to={otherThan(lang)} href={switchLanguagePath(pathname, otherThan(lang))} />
      <h1 className="app-heading-l">{t("notOpen.title")}</h1>
      <p className="app-body">{t("notOpen.body")}</p>
      {answersNotSent ? <p className="app-body">{t("notOpen.answersNotSent")}</p> : null}
      <p className="app-body">{t("notOpen.help")}</p>
      <p className="app-body">
        <a href={localePath(lang, "/")}>{t("notOpen.home")}</a>
      </p>
    </>
  );
}

export function CodeEntryPage({
  campaign,
  error,
  code,
}: {
  campaign: PublicCampaign;
  error: string | null;
  code: string;
}) {
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const other = otherThan(lang);
  return (
    <div className="app-narrow">
      {campaign.languages.includes(other) ? (
        <LanguageLink to={other} href={localePath(other, `/f/${campaign.slug}`)} />
      ) : null}
      <ErrorSummaryBox items={error ? [{ href: "#code", text: t(error) }] : []} />
      <h1 className="app-heading-l">{campaign.title}</h1>
      <p className="app-body">{t("code.lead", { organisation: campaign.organisation })}</p>
      <form method="post" action={localePath(lang, `/f/${campaign.slug}`)} noValidate>
        <input type="hidden" name="intent" value="code" />
        <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
          <label className="app-label" htmlFor="code">
            {t("code.label")}
          </label>
          <p className="app-hint" id="code-hint">
            {t("code.hint")}
          </p>
          {error ? (
            <p className="app-error-message" id="code-error">
              <span className="app-visually-hidden">{t("common:errorSummary.inlinePrefix")}</span>{" "}
              {t(error)}
            </p>
          ) : null}
          <input
            className={`app-input app-input--code${error ? " app-input--error" : ""}`}
            id="code"
            name="code"
            type="text"
            defaultValue={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={error ? "code-hint code-error" : "code-hint"}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="app-button">
          {t("code.submit")}
        </button>
      </form>
      <p className="app-body">{t("code.noCode")}</p>
    </div>
  );
}

export function ThanksPage() {
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <div className="app-panel">
        <h1 className="app-heading-xl">{t("thanks.title")}</h1>
        <p className="app-body-l">{t("thanks.sent")}</p>
      </div>
      <p className="app-body">{t("thanks.use")}</p>
      <p className="app-body">{t("thanks.nothingElse")}</p>
      <p className="app-body">{t("thanks.help")}</p>
      <p className="app-body">
        <a href={localePath(lang, "/safety")}>{t("thanks.safety")}</a>
      </p>
    </>
  );
}

export function StoppedPage() {
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("stopped.title")}</h1>
      <p className="app-body">{t("stopped.body")}</p>
      <p className="app-body">{t("stopped.closeTab")}</p>
      <p className="app-body">
        <a href={localePath(lang, "/")}>{t("notOpen.home")}</a>
      </p>
    </>
  );
}
