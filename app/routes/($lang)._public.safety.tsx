import { useTranslation } from "react-i18next";

import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("safety:title");

const SECTIONS = ["quickExit", "history", "private", "clearing", "portal", "device"] as const;

export default function StayingSafePage() {
  const { t } = useTranslation("safety");
  return (
    <>
      <h1 className="app-heading-xl">{t("title")}</h1>
      <p className="app-body-l">{t("lead")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`safety-${section}`}>
          <h2 className="app-heading-m" id={`safety-${section}`}>
            {t(`${section}.heading`)}
          </h2>
          {(t(`${section}.paragraphs`, { returnObjects: true }) as string[]).map((paragraph) => (
            <p className="app-body" key={paragraph}>
              {paragraph}
            </p>
          ))}
        </section>
      ))}
    </>
  );
}
