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

/**
 * Every Albanian text of the portal, by namespace (locales/sq/*.json). The server has both
 * languages (resources.server.ts); a browser loads only its page's language, as a chunk of its
 * own (entry.client.tsx, loadLanguage).
 */
const texts = {
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
} as const;

export default texts;
