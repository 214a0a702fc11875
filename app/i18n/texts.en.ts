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

/**
 * Every English text of the portal, by namespace (locales/en/*.json). The server has both
 * languages (resources.server.ts); a browser loads only its page's language, as a chunk of its
 * own (entry.client.tsx, loadLanguage).
 */
const texts = {
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
} as const;

export default texts;
