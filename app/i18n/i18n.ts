import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

import { DEFAULT_LANG, type Lang } from "./lang";
import enAssessment from "../../locales/en/assessment.json";
import enAuth from "../../locales/en/auth.json";
import enBoard from "../../locales/en/board.json";
import enCommon from "../../locales/en/common.json";
import enFeedback from "../../locales/en/feedback.json";
import enInstruments from "../../locales/en/instruments.json";
import enMeetings from "../../locales/en/meetings.json";
import enMembers from "../../locales/en/members.json";
import enMinutes from "../../locales/en/minutes.json";
import enPractices from "../../locales/en/practices.json";
import enQuestionnaires from "../../locales/en/questionnaires.json";
import enReview from "../../locales/en/review.json";
import enSafety from "../../locales/en/safety.json";
import enStaff from "../../locales/en/staff.json";
import sqAssessment from "../../locales/sq/assessment.json";
import sqAuth from "../../locales/sq/auth.json";
import sqBoard from "../../locales/sq/board.json";
import sqCommon from "../../locales/sq/common.json";
import sqFeedback from "../../locales/sq/feedback.json";
import sqInstruments from "../../locales/sq/instruments.json";
import sqMeetings from "../../locales/sq/meetings.json";
import sqMembers from "../../locales/sq/members.json";
import sqMinutes from "../../locales/sq/minutes.json";
import sqPractices from "../../locales/sq/practices.json";
import sqQuestionnaires from "../../locales/sq/questionnaires.json";
import sqReview from "../../locales/sq/review.json";
import sqSafety from "../../locales/sq/safety.json";
import sqStaff from "../../locales/sq/staff.json";

export const NAMESPACES = [
  "common",
  "auth",
  "staff",
  "safety",
  "feedback",
  "questionnaires",
  "practices",
  "meetings",
  "minutes",
  "members",
  "board",
  "review",
] as const;

export const resources = {
  sq: {
    common: sqCommon,
    auth: sqAuth,
    staff: sqStaff,
    safety: sqSafety,
    feedback: sqFeedback,
    questionnaires: sqQuestionnaires,
    assessment: sqAssessment,
    instruments: sqInstruments,
    practices: sqPractices,
    meetings: sqMeetings,
    minutes: sqMinutes,
    members: sqMembers,
    board: sqBoard,
    review: sqReview,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    staff: enStaff,
    safety: enSafety,
    feedback: enFeedback,
    questionnaires: enQuestionnaires,
    assessment: enAssessment,
    instruments: enInstruments,
    practices: enPractices,
    meetings: enMeetings,
    minutes: enMinutes,
    members: enMembers,
    board: enBoard,
    review: enReview,
  },
} as const;

/**
 * A new instance fixed to one language: one per page load in the browser; on the server use
 * `serverI18n`, one per language.
 */
export function createI18n(lang: Lang): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: ["sq", "en"],
    ns: NAMESPACES,
    defaultNS: "common",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key shows up unmistakably, and the browser tests fail on it.
    parseMissingKeyHandler: (key: string) => `⟦missing:${key}⟧`,
  });
  return instance;
}

const perLanguage = new Map<Lang, I18n>();

/**
 * The server's instance for one language, made once and shared by every request in that
 * language: its language is fixed at creation and nothing on the server changes it or its
 * resources, so two requests in different languages still never see each other's language.
 * Making an instance per request cost about an eighth of a survivor page's server time.
 */
export function serverI18n(lang: Lang): I18n {
  let instance = perLanguage.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    perLanguage.set(lang, instance);
  }
  return instance;
}

/** A translate function for one language, for meta tags and server messages (never changes language). */
export function getFixedT(lang: Lang) {
  return serverI18n(lang).getFixedT(lang);
}
