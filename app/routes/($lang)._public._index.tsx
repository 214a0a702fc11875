import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("common:landing.title");

export default function LandingPage() {
  const { t } = useTranslation();
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-xl">{t("landing.title")}</h1>
      <p className="app-body-l">{t("landing.lead")}</p>
      <p className="app-body">{t("landing.purpose")}</p>
      <h2 className="app-heading-m">{t("landing.promiseHeading")}</h2>
      <ul className="app-list app-list--bullet">
        <li>{t("landing.promiseNoAccount")}</li>
        <li>{t("landing.promiseNoNames")}</li>
        <li>{t("landing.promiseOptional")}</li>
        <li>{t("landing.promiseStop")}</li>
      </ul>
      <div className="app-inset">
        <p className="app-body">
          {t("landing.safetyIntro")}{" "}
          <a href={localePath(lang, "/safety")}>{t("landing.safetyLink")}</a>
        </p>
      </div>
    </>
  );
}
