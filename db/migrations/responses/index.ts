import type { Migration } from "kysely";

import * as createFeedbackResponses from "./0001_create_feedback_responses";
import * as publishedResults from "./0002_published_results";
import * as heldSubmissions from "./0003_held_submissions";
import * as spentFormNonces from "./0004_spent_form_nonces";

// The response store holds only anonymous feedback answers: every table is created WITHOUT
// ROWID and nothing here may identify a person or a visit (docs/decisions/001-two-stores.md).
export const responseMigrations: Record<string, Migration> = {
  "0001_create_feedback_responses": createFeedbackResponses,
  "0002_published_results": publishedResults,
  "0003_held_submissions": heldSubmissions,
  "0004_spent_form_nonces": spentFormNonces,
};
