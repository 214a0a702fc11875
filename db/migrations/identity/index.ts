import type { Migration } from "kysely";

import * as createStaffAccounts from "./0001_create_staff_accounts";
import * as createAuditAndOutbox from "./0002_create_audit_and_outbox";
import * as createFeedbackCampaigns from "./0003_create_feedback_campaigns";
import * as createOrganisationsAndAssessments from "./0004_create_organisations_and_assessments";
import * as createPracticesRevisionsAndAssessorScores from "./0005_create_practices_revisions_and_assessor_scores";
import * as assignCampaignsToOrganisationsAndLanguages from "./0006_assign_campaigns_to_organisations_and_languages";
import * as createKeptInputsAndPasswordResets from "./0007_create_kept_inputs_and_password_resets";
import * as createBoards from "./0008_create_boards";
import * as createTwoFactor from "./0009_create_two_factor";
import * as createBoardCallsAndApplications from "./0010_create_board_calls_and_applications";
import * as createBoardMembershipsAndElections from "./0011_create_board_memberships_and_elections";
import * as createConfidentialityDeclarations from "./0012_create_confidentiality_declarations";
import * as createBoardReviewAndSelection from "./0013_create_board_review_and_selection";
import * as createMeetings from "./0014_create_meetings";
import * as createMinutes from "./0015_create_minutes";
import * as createMeetingActionItems from "./0016_create_meeting_action_items";
import * as addMeetingChangesAndCancellation from "./0017_add_meeting_changes_and_cancellation";
import * as createClosedDays from "./0018_create_closed_days";
import * as removeNamesFromMinutes from "./0019_remove_names_from_minutes";
import * as findStayInformedAndDropAuditReasons from "./0020_find_stay_informed_and_drop_audit_reasons";
import * as sealMembershipReasons from "./0021_seal_membership_reasons";
import * as sealMemberAccounts from "./0022_seal_member_accounts";
import * as addBoardEnglishNames from "./0023_add_board_english_names";

// Listed explicitly (not read from disk) so the migrations are bundled into the server build.
// Kysely runs them in key order; name new ones NNNN_verb_object.
export const identityMigrations: Record<string, Migration> = {
  "0001_create_staff_accounts": createStaffAccounts,
  "0002_create_audit_and_outbox": createAuditAndOutbox,
  "0003_create_feedback_campaigns": createFeedbackCampaigns,
  "0004_create_organisations_and_assessments": createOrganisationsAndAssessments,
  "0005_create_practices_revisions_and_assessor_scores": createPracticesRevisionsAndAssessorScores,
  "0006_assign_campaigns_to_organisations_and_languages":
    assignCampaignsToOrganisationsAndLanguages,
  "0007_create_kept_inputs_and_password_resets": createKeptInputsAndPasswordResets,
  "0008_create_boards": createBoards,
  "0009_create_two_factor": createTwoFactor,
  "0011_create_board_memberships_and_elections": createBoardMembershipsAndElections,
  "0012_create_confidentiality_declarations": createConfidentialityDeclarations,
  "0010_create_board_calls_and_applications": createBoardCallsAndApplications,
  "0013_create_board_review_and_selection": createBoardReviewAndSelection,
  "0014_create_meetings": createMeetings,
  "0015_create_minutes": createMinutes,
  "0016_create_meeting_action_items": createMeetingActionItems,
  "0017_add_meeting_changes_and_cancellation": addMeetingChangesAndCancellation,
  "0018_create_closed_days": createClosedDays,
  "0019_remove_names_from_minutes": removeNamesFromMinutes,
  "0020_find_stay_informed_and_drop_audit_reasons": findStayInformedAndDropAuditReasons,
  "0021_seal_membership_reasons": sealMembershipReasons,
  "0022_seal_member_accounts": sealMemberAccounts,
  "0023_add_board_english_names": addBoardEnglishNames,
};
