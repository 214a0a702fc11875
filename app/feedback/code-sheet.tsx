import { useTranslation } from "react-i18next";

import type { CodeCardText } from "./code-sheet.server";
import { useNonce } from "../ui/nonce";

/**
 * The printable sheet of code cards. The cards are printed in the campaign's language, or in
 * each of its languages: the choice is made on the sheet with radios that only show or hide
 * parts of the cards (CSS), so changing it never leaves the page and never loses the codes.
 * The Print button and a warning before leaving come from a small static script
 * (/scripts/code-sheet.js); without it the page says to print with Ctrl+P.
 */
export function CodeSheet({
  codes,
  link,
  qrCode,
  texts,
  doneHref,
}: {
  codes: string[];
  link: string;
  qrCode: string;
  texts: CodeCardText[];
  doneHref: string;
}) {
  const { t } = useTranslation("feedback");
  const nonce = useNonce();
  const choices = [
    ...texts.map((text) => ({ value: text.lang, label: t(`staff.languages.${text.lang}`) })),
    ...(texts.length > 1 ? [{ value: "both", label: t("staff.codes.both") }] : []),
  ];
  const each = (render: (text: CodeCardText) => React.ReactNode, className: string) =>
    texts.map((text) => (
      <p className={className} lang={text.lang} data-card-lang={text.lang} key={text.lang}>
        {render(text)}
      </p>
    ));
  return (
    <div className="app-code-sheet">
      <div className="app-no-print">
        <h1 className="app-heading-l">{t("staff.codes.sheetTitle")}</h1>
        <div className="app-warning" role="note">
          <p className="app-body">{t("staff.codes.onlyOnce", { count: codes.length })}</p>
        </div>
        {choices.length > 1 ? (
          <div className="app-form-group">
            <fieldset className="app-fieldset" aria-describedby="cardLang-hint">
              <legend className="app-fieldset__legend">{t("staff.codes.cardLanguage")}</legend>
              <p className="app-hint" id="cardLang-hint">
                {t("staff.codes.cardLanguageHint")}
              </p>
              <div className="app-radios">
                {choices.map((choice, index) => (
                  <div className="app-radios__item" key={choice.value}>
                    <input
                      className="app-radios__input"
                      id={`cardLang-${choice.value}`}
                      name="cardLang"
                      type="radio"
                      value={choice.value}
                      defaultChecked={index === 0}
                    />
                    <label className="app-radios__label" htmlFor={`cardLang-${choice.value}`}>
                      {choice.label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        ) : null}
        <p className="app-body">{t("staff.codes.printHint")}</p>
        <div className="app-button-group">
          <button type="button" className="app-button js-code-sheet-print" hidden>
            {t("staff.codes.print")}
          </button>
          <a href={doneHref} data-leave-ok="">
            {t("staff.codes.done")}
          </a>
        </div>
      </div>
      <ul className="app-code-cards">
        {codes.map((code) => (
          <li className="app-code-card" key={code}>
            {each((text) => text.title, "app-code-card__title")}
            {each((text) => text.openLink, "app-code-card__text")}
            <div className="app-code-card__access">
              <img className="app-code-card__qr" src={qrCode} alt={t("staff.codes.qrAlt")} />
              <p className="app-code-card__link">{withLineBreaks(link)}</p>
            </div>
            {each((text) => text.typeCode, "app-code-card__text")}
            <p className="app-code-card__code">{code}</p>
          </li>
        ))}
      </ul>
      <script src="/scripts/code-sheet.js" nonce={nonce} defer />
    </div>
  );
}

/**
 * The card's address in parts that wrap only between them: a `<wbr>` after every "/" and ".",
 * and each part kept whole (`app-code-card__part`, white-space: nowrap), so a narrow printed card
 * never breaks it after a "-" (which a person copying it by hand could take for a hyphenation
 * and leave out) nor inside the slug. The text is unchanged (`<wbr>` adds none).
 *
 * @param link an absolute address, e.g. `https://feedback.ngo-tirana.al/f/k3j4h5`
 * @returns React nodes for the paragraph: "https://", "feedback.", "ngo-tirana.", "al/", "f/",
 *   "k3j4h5", each in a span, with a `<wbr>` between two
 */
export function withLineBreaks(link: string): React.ReactNode[] {
  return link.split(/(?<=[/.])(?!\/)/).flatMap((part, index) => {
    const span = (
      <span className="app-code-card__part" key={index}>
        {part}
      </span>
    );
    return index === 0 ? [span] : [<wbr key={`wbr${index}`} />, span];
  });
}
