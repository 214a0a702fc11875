import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDayMonthYear } from "./ages";
import { APPLICANT_STATUS_PATH } from "./applicant-paths";
import { STORED_FIELD_GROUPS } from "./application.schemas";
import { BOARD_AREAS } from "./areas";
import type { Board } from "./boards.server";
import type { BoardCall } from "./calls.server";
import { getLangFromPath, localePath } from "../i18n/lang";

/**
 * The public call for members: what the board is, its terms (Art. 7, Art. 5), who can apply,
 * the Annex 3.2 criteria, that it is not a support group, what members are offered to prepare
 * (Art. 16), and the privacy notice. Plain HTML, no JavaScript.
 */
export type CallPageData = {
  board: Pick<Board, "name" | "areas" | "areasOther" | "residenceRule" | "mandateMonths">;
  call: Pick<BoardCall, "id" | "opensOn" | "closesOn">;
  state: "upcoming" | "open" | "closed";
  retentionMonths: number;
};

const CRITERIA = ["experience", "expertise", "participation", "balance"] as const;

export function CallPage({ data }: { data: CallPageData }) {
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  const { board, call, state } = data;
  const areas = board.areas.filter((area) => (BOARD_AREAS as readonly string[]).includes(area));
  return (
    <>
      <h1 className="app-heading-xl">{t("call.title", { board: board.name })}</h1>
      <p className="app-body-l">{t("call.lead")}</p>
      <p className="app-body">
        {t("call.dates", {
          from: formatDayMonthYear(call.opensOn),
          to: formatDayMonthYear(call.closesOn),
        })}
      </p>
      {state === "open" ? (
        <p>
          <a
            className="app-button app-button--start"
            href={localePath(lang, `/bord/${call.id}/apliko`)}
          >
            {t("call.apply")}
          </a>
        </p>
      ) : (
        <div className="app-inset">
          <p className="app-body">{t(`call.state.${state}`)}</p>
        </div>
      )}

      <h2 className="app-heading-m">{t("call.what.title")}</h2>
      <p className="app-body">{t("call.what.body")}</p>
      {areas.length > 0 || board.areasOther ? (
        <>
          <p className="app-body">{t("call.what.areas")}</p>
          <ul className="app-list">
            {areas.map((area) => (
              <li key={area}>{t(`areas.${area}`)}</li>
            ))}
            {board.areasOther ? <li>{board.areasOther}</li> : null}
          </ul>
        </>
      ) : null}

      <h2 className="app-heading-m">{t("call.notSupport.title")}</h2>
      <p className="app-body">{t("notice.notSupport", { board: board.name })}</p>

      <h2 className="app-heading-m">{t("call.terms.title")}</h2>
      <ul className="app-list">
        <li>{t("call.terms.voluntary")}</li>
        <li>{t("call.terms.unpaid")}</li>
        <li>{t("call.terms.mandate", { count: board.mandateMonths })}</li>
        <li>{t("call.terms.leave")}</li>
      </ul>

      <h2 className="app-heading-m">{t("call.eligibility.title")}</h2>
      <ul className="app-list">
        <li>{t("call.eligibility.survivor")}</li>
        <li>{t("call.eligibility.age")}</li>
        <li>{t(`call.eligibility.${board.residenceRule}`)}</li>
        <li>{t("call.eligibility.nomination")}</li>
      </ul>

      <h2 className="app-heading-m">{t("call.criteria.title")}</h2>
      <dl className="app-summary-list">
        {CRITERIA.map((criterion) => (
          <div className="app-summary-list__row" key={criterion}>
            <dt>{t(`call.criteria.${criterion}.name`)}</dt>
            <dd>{t(`call.criteria.${criterion}.text`)}</dd>
          </div>
        ))}
      </dl>

      <h2 className="app-heading-m">{t("call.preparation.title")}</h2>
      <p className="app-body">{t("call.preparation.body")}</p>
      <ul className="app-list">
        {(["expectations", "roles", "skills", "questions"] as const).map((item) => (
          <li key={item}>{t(`call.preparation.${item}`)}</li>
        ))}
      </ul>

      <h2 className="app-heading-m">{t("call.how.title")}</h2>
      <p className="app-body">{t("call.how.body")}</p>

      <PrivacyNotice retentionMonths={data.retentionMonths} />
    </>
  );
}

/**
 * The privacy notice, generated from what an application really stores
 * (STORED_FIELD_GROUPS, checked against the stored fields by a test) and for how long
 * (BOARD_RETENTION_MONTHS).
 */
export function PrivacyNotice({ retentionMonths }: { retentionMonths: number }) {
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <section aria-labelledby="privacy">
      <h2 className="app-heading-m" id="privacy">
        {t("privacy.title")}
      </h2>
      <p className="app-body">{t("privacy.lead")}</p>
      <h3 className="app-heading-s">{t("privacy.whatTitle")}</h3>
      <ul className="app-list">
        {Object.entries(STORED_FIELD_GROUPS).map(([group, fields]) => (
          <li key={group}>
            {t(`privacy.groups.${group}`)}:{" "}
            {fields.map((field) => t(`privacy.fields.${field}`)).join(", ")}
          </li>
        ))}
        <li>{t("privacy.record")}</li>
      </ul>
      <h3 className="app-heading-s">{t("privacy.howTitle")}</h3>
      <ul className="app-list">
        <li>{t("privacy.encrypted")}</li>
        <li>{t("privacy.who")}</li>
        <li>{t("privacy.noCookies")}</li>
      </ul>
      <h3 className="app-heading-s">{t("privacy.howLongTitle")}</h3>
      <ul className="app-list">
        <li>{t("privacy.untilDecision")}</li>
        <li>{t("privacy.notSelected", { count: retentionMonths })}</li>
        <li>{t("privacy.stayInformed")}</li>
        <li>{t("privacy.selected")}</li>
        <li>{t("privacy.withdraw")}</li>
      </ul>
      <h3 className="app-heading-s">{t("privacy.rightsTitle")}</h3>
      <p className="app-body">
        {t("privacy.rights")}{" "}
        <a href={localePath(lang, APPLICANT_STATUS_PATH)}>{t("privacy.statusLink")}</a>
      </p>
      <p className="app-body">{t("privacy.law")}</p>
    </section>
  );
}

/** A call that is not open (or too many sends from one place): a calm page, nothing lost. */
export function ClosedCallPage({ state }: { state: "upcoming" | "closed" | "busy" }) {
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t(`closed.${state}.title`)}</h1>
      <p className="app-body">{t(`closed.${state}.body`)}</p>
      <p className="app-body">
        <a href={localePath(lang, "/")}>{t("closed.home")}</a>
      </p>
    </div>
  );
}
