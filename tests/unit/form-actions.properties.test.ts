import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { insertAssessment } from "~/assessment/assessments.server";
import { createGoodPractice } from "~/assessment/good-practices.server";
import { insertOrganisation, insertProgramme } from "~/assessment/organisations.server";
import { anonymousCsrfToken, csrfTokenForSession } from "~/auth/csrf.server";
import { hashPassword } from "~/auth/password.server";
import { createSession, serializeSessionCookie } from "~/auth/sessions.server";
import { generateTotpSecret, setTotpSecret } from "~/auth/totp.server";
import { getUserById, insertUser, setPasswordHash } from "~/auth/users.server";
import { TEXT_FIELDS, textFieldName } from "~/feedback/campaign.schemas";
import { createCampaign, generateCodes } from "~/feedback/feedback.commands.server";
import { issueFormNonce } from "~/feedback/form-guards.server";
import { campaignQuestions } from "~/feedback/journey";
import { listFreeText, reviewFreeText, storeSubmission } from "~/feedback/responses.server";
import { sendQuestionnaire } from "~/feedback/send-endpoint.server";
import { getTemplate } from "~/feedback/templates";
import { LANGS } from "~/i18n/lang";
import type * as FieldEncryption from "~/platform/field-encryption.server";
import { migrateAll } from "~/platform/startup.server";
import * as boardApply from "~/routes/($lang)._public.bord.$callId.apliko";
import * as publicQuestionnaire from "~/routes/($lang)._public.f.$campaign._index";
import * as boardStatus from "~/routes/($lang)._public.gjendja";
import * as account from "~/routes/($lang).staff.account";
import * as twoFactorAccount from "~/routes/($lang).staff.account_.two-factor";
import * as applicantSearch from "~/routes/($lang).staff.admin.applicants._index";
import * as audit from "~/routes/($lang).staff.admin.audit";
import * as closedDays from "~/routes/($lang).staff.admin.closed-days";
import * as users from "~/routes/($lang).staff.admin.users";
import * as assessmentPage from "~/routes/($lang).staff.assessments.$id";
import * as assessmentCompare from "~/routes/($lang).staff.assessments.$id_.compare";
import * as assessmentMine from "~/routes/($lang).staff.assessments.$id_.mine";
import * as boardPage from "~/routes/($lang).staff.board.$boardId._index";
import * as callRedaction from "~/routes/($lang).staff.board.$boardId.calls.$callId_.redact.$applicationId";
import * as callReview from "~/routes/($lang).staff.board.$boardId.calls.$callId_.review";
import * as callSelection from "~/routes/($lang).staff.board.$boardId.calls.$callId_.selection";
import * as callShortlist from "~/routes/($lang).staff.board.$boardId.calls.$callId_.shortlist";
import * as boardMeetings from "~/routes/($lang).staff.board.$boardId_.meetings";
import * as memberData from "~/routes/($lang).staff.board.$boardId_.members_.$membershipId";
import * as boards from "~/routes/($lang).staff.board._index";
import * as campaignCodes from "~/routes/($lang).staff.feedback.$id.codes";
import * as campaignEdit from "~/routes/($lang).staff.feedback.$id.edit";
import * as campaignExport from "~/routes/($lang).staff.feedback.$id.export";
import * as freeText from "~/routes/($lang).staff.feedback.$id.free-text";
import * as campaignNew from "~/routes/($lang).staff.feedback.new";
import * as invitation from "~/routes/($lang).staff.invitations.$token";
import * as meetingPage from "~/routes/($lang).staff.meetings.$meetingId";
import * as meetingChange from "~/routes/($lang).staff.meetings.$meetingId_.change";
import * as minutesPage from "~/routes/($lang).staff.meetings.$meetingId_.minutes";
import * as meetingsList from "~/routes/($lang).staff.meetings._index";
import * as organisationPage from "~/routes/($lang).staff.organisations.$orgId";
import * as practicesList from "~/routes/($lang).staff.organisations.$orgId_.practices";
import * as organisations from "~/routes/($lang).staff.organisations._index";
import * as practicePage from "~/routes/($lang).staff.practices.$id";
import * as programmePage from "~/routes/($lang).staff.programmes.$programmeId";
import * as reviewScore from "~/routes/($lang).staff.review.$callId.$applicationId";
import * as reviewRecusal from "~/routes/($lang).staff.review.$callId.recusal";
import * as signIn from "~/routes/($lang).staff.sign-in";
import * as signInCode from "~/routes/($lang).staff.sign-in_.code";

import { formEntries, holdsUnstorableText, hostileString } from "./hostile-input";
import { createBoard } from "../../app/board/boards.server";
import { insertCall } from "../../app/board/calls.server";
import {
  makeBoardWithMembers,
  makeSecretariat,
  storeTestApplication,
  testApplication,
} from "../../app/board/membership-test-helpers";
import { addMember as addBoardMember, endMembership } from "../../app/board/membership.server";
import {
  assignReviewers,
  redactApplication,
  submitRecusal,
} from "../../app/board/review.commands.server";
import { saveListSent } from "../../app/board/selection.server";
import { fixShortlist, setShortlist } from "../../app/board/shortlist.server";
import { getCurrentDeclaration, insertSignature } from "../../app/meetings/declarations.server";
import { scheduleMeeting } from "../../app/meetings/meetings.commands.server";
import { ScheduleMeetingSchema } from "../../app/meetings/meetings.schemas";
import { getMeeting, insertMeeting } from "../../app/meetings/meetings.server";
import { startMinutes } from "../../app/meetings/minutes.commands.server";
import { getIdentityDb } from "../../db/identity-store";
import { getResponseDb } from "../../db/response-store";

/**
 * Property-based tests of the real actions (fast-check): every form of the portal, public and
 * staff, is posted with near-valid and hostile fields (prototype keys, fields sent twice, lone
 * surrogates, NUL, very long text, markup). Whatever arrives, the action never fails with a 500
 * (a thrown error, or a status of 500 or more), and a refused submission (4xx) writes nothing:
 * every row of both stores is the same before and after.
 *
 * The route modules are called in-process with a real session cookie and CSRF token, against
 * throwaway stores (tests/unit/setup.ts). A form added later is one entry in FORMS.
 */
const RUNS = 20;

/**
 * Every plaintext the portal encrypts before storing it (free-text answers, held submissions):
 * the stores hold only ciphertext there, so the check for characters no store can keep
 * (decision 016) reads what went in.
 */
const encrypted = vi.hoisted(() => [] as string[]);
vi.mock("~/platform/field-encryption.server", async (importOriginal) => {
  const original = await importOriginal<typeof FieldEncryption>();
  return {
    ...original,
    encryptField: (key: Buffer, plaintext: string, context: string) => {
      encrypted.push(plaintext);
      return original.encryptField(key, plaintext, context);
    },
  };
});
const PASSWORD = "a long enough password 123";

type Route = {
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
};

type FormCase = {
  name: string;
  route: Route;
  method?: "POST" | "GET";
  path: () => string;
  params: () => Record<string, string>;
  /** Signed in (staff forms) or not (sign-in, invitation, the questionnaire). */
  signedIn: boolean;
  /**
   * Whose session: the admin's (default), or a coordinator who is a member of no organisation,
   * for whom every campaign form must be refused (a campaign belongs to an organisation).
   */
  as?: "admin" | "outsider" | Role;
  /** Every submission must be refused (4xx), however near the valid path. */
  refused?: boolean;
  /** A submission that passes, so the mutations start near the valid path. */
  valid: () => [string, string][];
  /** Names the form knows, for the arbitrary field names to pick from. */
  fields: string[];
  /** Tables an invalid submission may legitimately write (e.g. a failed sign-in is audited). */
  mayWrite?: string[];
  runs?: number;
};

/** Further sessions: the secretariat, a reviewer on the review call, a board member. */
type Role = "secretariat" | "reviewer" | "member";
const sessions: Record<Role, { cookie: string; csrf: string }> = {
  secretariat: { cookie: "", csrf: "" },
  reviewer: { cookie: "", csrf: "" },
  member: { cookie: "", csrf: "" },
};
const csrfOf = (role: Role) => [["csrf", sessions[role].csrf]] as [string, string][];

const ids = {
  organisation: "",
  programme: "",
  assessment: "",
  practice: "",
  codeCampaign: "",
  codeCampaignSlug: "",
  openCampaign: "",
  openCampaignSlug: "",
  userId: "",
  code: "",
  pendingText: "",
  approvedText: "",
  board: "",
  call: "",
  /** A blind call with a reviewer who went through the names and a redacted application. */
  reviewCall: "",
  reviewApplication: "",
  conflictApplication: "",
  reviewerId: "",
  /** A call whose shortlist is fixed and sent to the NRM, with one candidate. */
  selectionCall: "",
  candidate: "",
  /** A board with three members: a meeting ahead (replies, guests), one held (attendance). */
  meetingBoard: "",
  memberIds: [] as string[],
  meetingAhead: "",
  meetingHeld: "",
  /** The agenda item of the meeting held (its minutes are started; tasks go under it). */
  heldAgendaItem: "",
  /** A coming meeting that the change page cancels (apart from meetingAhead). */
  meetingToCancel: "",
  /** A coming meeting that the change page changes. */
  meetingToChange: "",
  /** A membership of that board that has ended, whose data may be erased on request. */
  endedMembership: "",
};
/** A day `days` from today (YYYY-MM-DD, UTC). */
const dayFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let cookie = "";
let csrf = "";
let outsiderCookie = "";
let outsiderCsrf = "";

/** Every row of every table of both stores, except sessions (each request touches its own). */
async function snapshot(skip: readonly string[] = []): Promise<string> {
  return JSON.stringify(await allRows(skip));
}

/**
 * The tables of each store, read once: the stores are migrated before the first test, and no
 * action creates a table. (Asking the schema before every snapshot, three times a run, was most
 * of this file's time.)
 */
const tablesOf = new Map<unknown, Promise<string[]>>();
function tableNames(db: ReturnType<typeof getIdentityDb> | ReturnType<typeof getResponseDb>) {
  let names = tablesOf.get(db);
  if (!names) {
    names = db.introspection.getTables().then((tables) => tables.map((table) => table.name));
    tablesOf.set(db, names);
  }
  return names;
}

/** Every row of every table of both stores (except sessions), each as JSON, per table. */
async function allRows(skip: readonly string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const db of [getIdentityDb(), getResponseDb()] as const) {
    for (const name of await tableNames(db)) {
      if (name === "sessions" || skip.includes(name)) continue;
      const rows = await (db as unknown as ReturnType<typeof getIdentityDb>)
        .selectFrom(name as "users")
        .selectAll()
        .execute();
      out[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
  }
  return out;
}

/** The HTTP status an action's or loader's outcome becomes; a thrown non-Response is a 500. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    if (result && typeof result === "object" && "init" in result) {
      const init = (result as { init?: { status?: number } | null }).init;
      return init?.status ?? 200;
    }
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

const staffFormCsrf = () => [["csrf", csrf]] as [string, string][];

const FORMS: FormCase[] = [
  {
    name: "sign-in",
    route: signIn,
    path: () => "/en/staff/sign-in",
    params: () => ({}),
    signedIn: false,
    valid: () => [
      ["csrf", anonymousCsrfToken()],
      ["email", "fuzz-admin@test.example"],
      ["password", "wrong password, refused"],
      ["redirectTo", "/en/staff/feedback"],
    ],
    fields: ["email", "password", "redirectTo"],
    mayWrite: ["audit_events", "sign_in_throttle"],
    runs: 10,
  },
  {
    name: "accepting an invitation",
    route: invitation,
    path: () => "/en/staff/invitations/unknown-token",
    params: () => ({ token: "unknown-token" }),
    signedIn: false,
    valid: () => [
      ["csrf", anonymousCsrfToken()],
      ["password", PASSWORD],
      ["confirmPassword", PASSWORD],
    ],
    fields: ["password", "confirmPassword"],
  },
  {
    name: "account (change password)",
    route: account,
    path: () => "/en/staff/account",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["currentPassword", "not the password"],
      ["password", PASSWORD],
      ["confirmPassword", PASSWORD],
    ],
    fields: ["currentPassword", "password", "confirmPassword"],
    mayWrite: ["audit_events"],
    runs: 10,
  },
  {
    name: "second step of sign-in (no challenge: back to the password)",
    route: signInCode,
    path: () => "/en/staff/sign-in/code",
    params: () => ({}),
    signedIn: false,
    valid: () => [
      ["csrf", anonymousCsrfToken()],
      ["code", "123456"],
    ],
    fields: ["code"],
    runs: 10,
  },
  {
    name: "two-step sign-in on the account page (enrol, renew, off)",
    route: twoFactorAccount,
    path: () => "/en/staff/account/two-factor",
    params: () => ({}),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["intent", "enrol"], ["code", "000000"]],
    fields: ["intent", "code"],
    mayWrite: ["audit_events", "two_factor_throttle"],
    runs: 10,
  },
  {
    name: "applicant data requests (find; erase a kept stay-informed address)",
    route: applicantSearch,
    path: () => "/en/staff/admin/applicants",
    params: () => ({}),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["query", "kept@test.example"]],
    fields: ["intent", "id", "confirm", "query"],
    runs: 10,
  },
  {
    name: "closed days (add)",
    route: closedDays,
    path: () => "/en/staff/admin/closed-days",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["intent", "add"],
      ["day", dayFromToday(400)],
      ["label", "Zyra e mbyllur"],
    ],
    fields: ["intent", "day", "label"],
    runs: 10,
  },
  {
    name: "closed days (remove)",
    route: closedDays,
    path: () => "/en/staff/admin/closed-days",
    params: () => ({}),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["intent", "remove"], ["day", dayFromToday(400)]],
    fields: ["intent", "day"],
    runs: 10,
  },
  {
    name: "people (invite, roles, disable, enable, resend)",
    route: users,
    path: () => "/en/staff/admin/users",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["intent", "roles"],
      ["userId", ids.userId],
      ["roles", "coordinator"],
      ["email", "someone@test.example"],
      ["displayName", "Someone"],
    ],
    fields: ["intent", "email", "displayName", "roles", "userId"],
  },
  {
    name: "campaign (step 1: questionnaire and languages)",
    route: campaignNew,
    method: "GET",
    path: () => "/en/staff/feedback/new",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ["templateId", "service_user_feedback"],
      ["languages", "sq"],
      ["languages", "en"],
    ],
    fields: ["templateId", "languages"],
  },
  {
    name: "campaign (step 2: create)",
    route: campaignNew,
    path: () => "/en/staff/feedback/new",
    params: () => ({}),
    signedIn: true,
    valid: () => validCampaign(staffFormCsrf()),
    fields: [
      "organisationId",
      "templateId",
      "purpose",
      "collectorProvidedSupport",
      "sections",
      "opensOn",
      "closesOn",
      "languages",
      "accessMode",
      "respondentMode",
      "dateGranularity",
      "minGroupSize",
      ...wordingFields(),
    ],
  },
  {
    name: "campaign (create, by a coordinator outside the organisation)",
    route: campaignNew,
    path: () => "/en/staff/feedback/new",
    params: () => ({}),
    signedIn: true,
    as: "outsider",
    refused: true,
    valid: () => validCampaign([["csrf", outsiderCsrf]]),
    fields: ["organisationId", "templateId", "languages", ...wordingFields()],
    runs: 10,
  },
  {
    name: "campaign (edit)",
    route: campaignEdit,
    path: () => `/en/staff/feedback/${ids.codeCampaign}/edit`,
    params: () => ({ id: ids.codeCampaign }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["organisationId", ids.organisation],
      ["purpose", "other"],
      ["collectorProvidedSupport", "no"],
      ["opensOn", "2000-01-01"],
      ["closesOn", "2999-12-31"],
      ["title_sq", "Ndryshuar"],
      ["title_en", "Edited"],
      ["purposeOther_sq", "Sepse"],
      ["purposeOther_en", "Because"],
      ["collectingOrganisation_sq", "E pavarur"],
      ["collectingOrganisation_en", "Independent"],
    ],
    fields: [
      "organisationId",
      "purpose",
      "collectorProvidedSupport",
      "opensOn",
      "closesOn",
      ...wordingFields(),
    ],
  },
  {
    name: "campaign (edit, by a coordinator outside the organisation)",
    route: campaignEdit,
    path: () => `/en/staff/feedback/${ids.codeCampaign}/edit`,
    params: () => ({ id: ids.codeCampaign }),
    signedIn: true,
    as: "outsider",
    refused: true,
    valid: () => [
      ["csrf", outsiderCsrf],
      ["organisationId", ids.organisation],
      ["purpose", "service_evaluation"],
      ["collectorProvidedSupport", "no"],
      ["opensOn", "2000-01-01"],
      ["closesOn", "2999-12-31"],
      ["title_sq", "Marrë"],
      ["title_en", "Taken"],
      ["collectingOrganisation_sq", "Tjetër"],
      ["collectingOrganisation_en", "Other"],
    ],
    fields: ["organisationId", "intent", ...wordingFields()],
    runs: 10,
  },
  {
    name: "access codes",
    route: campaignCodes,
    path: () => `/en/staff/feedback/${ids.codeCampaign}/codes`,
    params: () => ({ id: ids.codeCampaign }),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["count", "2"]],
    fields: ["count"],
  },
  // The redaction queue: one row per decision, each starting from a text it applies to.
  ...(
    [
      ["preview", () => ids.pendingText],
      ["approve", () => ids.pendingText],
      ["exclude", () => ids.pendingText],
      ["withdraw", () => ids.approvedText],
    ] as const
  ).map(([decision, id]): FormCase => ({
    name: `redaction queue (${decision})`,
    route: freeText,
    path: () => `/en/staff/feedback/${ids.codeCampaign}/free-text`,
    params: () => ({ id: ids.codeCampaign }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["decision", decision],
      ["id", id()],
      ["text", "Arta helped me in Tirana on 12.03.2024."],
      ["names", "Arta"],
      ["places", "Tirana"],
      ["dates", "12.03.2024"],
      ["previewed", "[Name] helped me in [Place] on [Date]."],
    ],
    fields: ["decision", "id", "text", "names", "places", "dates", "previewed"],
    runs: 10,
  })),
  {
    name: "organisation (create)",
    route: organisations,
    path: () => "/en/staff/organisations",
    params: () => ({}),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["name", "Fuzz organisation"], ["type", "ngo"]],
    fields: ["name", "type"],
  },
  {
    name: "boards (new board)",
    route: boards,
    path: () => "/en/staff/board",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["name", "Fuzz board"],
      ["areas", "legal_policy"],
      ["residenceRule", "citizen"],
      ["mandateMonths", "24"],
    ],
    fields: ["name", "areas", "areasOther", "residenceRule", "mandateMonths"],
  },
  {
    name: "board page (edit, new call)",
    route: boardPage,
    path: () => `/en/staff/board/${ids.board}`,
    params: () => ({ boardId: ids.board }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["intent", "call"],
      ["opensOn", "2026-12-01"],
      ["closesOn", "2026-12-31"],
      ["blindMode", "on"],
    ],
    fields: ["intent", "opensOn", "closesOn", "blindMode", "name", "areas", "residenceRule"],
  },
  {
    name: "board application (pages, check, send)",
    route: boardApply,
    path: () => `/en/bord/${ids.call}/apliko`,
    params: () => ({ callId: ids.call }),
    signedIn: false,
    valid: () => [
      ["step", "about"],
      ["nav", "next"],
      ["nonce", issueFormNonce()],
      ["firstName", "Ana"],
    ],
    fields: [
      "step",
      "nav",
      "nonce",
      "firstName",
      "dobDay",
      "dobYear",
      "email",
      "channels",
      "signature",
    ],
  },
  {
    name: "board application status (open, contact, withdraw, reset)",
    route: boardStatus,
    path: () => "/en/gjendja",
    params: () => ({}),
    signedIn: false,
    valid: () => [
      ["intent", "open"],
      ["reference", "AAA-BBB-CCC"],
      ["passphrase", "abcd-efgh"],
    ],
    fields: ["intent", "reference", "passphrase", "grant", "confirm", "email", "channels"],
    mayWrite: ["board_access_attempts"],
  },
  {
    name: "organisation page (edit, members, new programme)",
    route: organisationPage,
    path: () => `/en/staff/organisations/${ids.organisation}`,
    params: () => ({ orgId: ids.organisation }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["intent", "edit-organisation"],
      ["name", "Renamed"],
      ["type", "ngo"],
      ["description", "A programme"],
      ["userId", ids.userId],
      ["member", "add"],
    ],
    fields: ["intent", "name", "type", "description", "userId", "member"],
  },
  {
    name: "good practice (create)",
    route: practicesList,
    path: () => `/en/staff/organisations/${ids.organisation}/practices`,
    params: () => ({ orgId: ids.organisation }),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["title", "Practice"], ["description", "What it is"]],
    fields: ["title", "description"],
  },
  {
    name: "good practice (answers)",
    route: practicePage,
    path: () => `/en/staff/practices/${ids.practice}`,
    params: () => ({ id: ids.practice }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["title", "Practice"],
      ["description", "What it is"],
      ["answer:problem", "An answer"],
      ["version", "1"],
      ["intent", "save"],
    ],
    fields: ["title", "description", "version", "intent", "answer:problem", "answer:reach"],
  },
  {
    name: "programme page (edit, new assessment)",
    route: programmePage,
    path: () => `/en/staff/programmes/${ids.programme}`,
    params: () => ({ programmeId: ids.programme }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["intent", "edit"],
      ["name", "Programme"],
      ["description", "About it"],
      ["assessedOn", "2026-03-01"],
      ["participants", "A, B"],
    ],
    fields: ["intent", "name", "description", "assessedOn", "participants"],
  },
  {
    name: "assessment (scores and notes)",
    route: assessmentPage,
    path: () => `/en/staff/assessments/${ids.assessment}`,
    params: () => ({ id: ids.assessment }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["assessedOn", "2026-03-01"],
      ["participants", "A, B"],
      ["version", "1"],
      ["score:employment_opportunities", "2"],
      ["note:employment_opportunities", "Two survivor staff"],
    ],
    fields: [
      "intent",
      "assessedOn",
      "participants",
      "version",
      "score:employment_opportunities",
      "note:employment_opportunities",
      "score:leadership_positions",
    ],
  },
  {
    name: "assessment (my own scores)",
    route: assessmentMine,
    path: () => `/en/staff/assessments/${ids.assessment}/mine`,
    params: () => ({ id: ids.assessment }),
    signedIn: true,
    valid: () => [
      ...staffFormCsrf(),
      ["score:employment_opportunities", "1"],
      ["note:employment_opportunities", "Mine"],
    ],
    fields: ["score:employment_opportunities", "note:employment_opportunities"],
  },
  {
    name: "assessment (adopt agreed scores)",
    route: assessmentCompare,
    path: () => `/en/staff/assessments/${ids.assessment}/compare`,
    params: () => ({ id: ids.assessment }),
    signedIn: true,
    valid: () => [...staffFormCsrf(), ["version", "1"]],
    fields: ["version"],
  },
  {
    name: "questionnaire (codes: code, pages, send)",
    route: publicQuestionnaire,
    path: () => `/en/f/${ids.codeCampaignSlug}`,
    params: () => ({ campaign: ids.codeCampaignSlug }),
    signedIn: false,
    valid: () => [
      ["code", ids.code],
      ["intent", "code"],
      ["page", "intro"],
      ["nav", "next"],
      ["nonce", issueFormNonce()],
    ],
    fields: [
      "code",
      "intent",
      "page",
      "nav",
      "nonce",
      "mode",
      "website",
      "reviewed",
      ...answerFields(),
    ],
  },
  {
    name: "questionnaire (open link: pages, send)",
    route: publicQuestionnaire,
    path: () => `/en/f/${ids.openCampaignSlug}`,
    params: () => ({ campaign: ids.openCampaignSlug }),
    signedIn: false,
    valid: () => [
      ["page", "review"],
      ["nav", "submit"],
      ["nonce", issueFormNonce()],
      ["a:first_contact_police", "yes"],
    ],
    fields: ["page", "nav", "nonce", "mode", "website", "reviewed", ...answerFields()],
  },
  {
    name: "questionnaire (the light Send path in server.js, open link)",
    route: { action: sendPath },
    path: () => `/en/f/${ids.openCampaignSlug}/send`,
    params: () => ({ campaign: ids.openCampaignSlug }),
    signedIn: false,
    valid: () => [
      ["page", "review"],
      ["nav", "submit"],
      ["nonce", issueFormNonce()],
      ["a:first_contact_police", "yes"],
    ],
    fields: ["page", "nav", "nonce", "mode", "website", "reviewed", ...answerFields()],
  },
  // Review and selection (issue 15). The reviewer's forms come before the secretariat's
  // choice of reviewers, which a hostile value may empty.
  {
    name: "reviewer's names list (recusal)",
    route: reviewRecusal,
    path: () => `/en/staff/review/${ids.reviewCall}/recusal`,
    params: () => ({ callId: ids.reviewCall }),
    signedIn: true,
    as: "reviewer",
    valid: () => [...csrfOf("reviewer"), ["known", "not-a-token"]],
    fields: ["known"],
    runs: 10,
  },
  {
    name: "reviewer's scores and notes",
    route: reviewScore,
    path: () => `/en/staff/review/${ids.reviewCall}/${ids.reviewApplication}`,
    params: () => ({ callId: ids.reviewCall, applicationId: ids.reviewApplication }),
    signedIn: true,
    as: "reviewer",
    valid: () => [
      ...csrfOf("reviewer"),
      ["experience", "2"],
      ["expertise", "1"],
      ["participation", "3"],
      ["notes", "Clear answers"],
    ],
    fields: ["experience", "expertise", "participation", "notes"],
    runs: 10,
  },
  {
    name: "redaction of an application for blind review (preview, save)",
    route: callRedaction,
    path: () =>
      `/en/staff/board/${ids.board}/calls/${ids.reviewCall}/redact/${ids.reviewApplication}`,
    params: () => ({
      boardId: ids.board,
      callId: ids.reviewCall,
      applicationId: ids.reviewApplication,
    }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "save"],
      ["names", "Arta"],
      ["places", "Berat"],
      ["organisations", ""],
    ],
    fields: ["intent", "names", "places", "organisations"],
    runs: 10,
  },
  {
    name: "shortlist (choose)",
    route: callShortlist,
    path: () => `/en/staff/board/${ids.board}/calls/${ids.reviewCall}/shortlist`,
    params: () => ({ boardId: ids.board, callId: ids.reviewCall }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "shortlist"],
      ["shortlist", ids.reviewApplication],
    ],
    fields: ["intent", "shortlist"],
    runs: 10,
  },
  {
    name: "conflict of interest recorded by the secretariat",
    route: callReview,
    path: () => `/en/staff/board/${ids.board}/calls/${ids.reviewCall}/review`,
    params: () => ({ boardId: ids.board, callId: ids.reviewCall }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "conflict"],
      ["reviewerId", ids.reviewerId],
      ["applicationId", ids.conflictApplication],
    ],
    fields: ["intent", "reviewerId", "applicationId", "reviewers"],
    runs: 10,
  },
  {
    name: "reviewers of a call",
    route: callReview,
    path: () => `/en/staff/board/${ids.board}/calls/${ids.reviewCall}/review`,
    params: () => ({ boardId: ids.board, callId: ids.reviewCall }),
    signedIn: true,
    as: "secretariat",
    valid: () => [...csrfOf("secretariat"), ["reviewers", ids.reviewerId]],
    fields: ["intent", "reviewers"],
    runs: 10,
  },
  ...(
    [
      [
        "the NRM's vote",
        () => [
          ["intent", "vote"],
          ["applicationId", ids.candidate],
          ["votesFor", "3"],
          ["votesAgainst", "1"],
          ["decision", "selected"],
        ],
      ],
      [
        "the list sent to the NRM",
        () => [
          ["intent", "list"],
          ["meetingOn", dayFromToday(30)],
          ["sentOn", dayFromToday(0)],
          ["lateReason", ""],
        ],
      ],
      ["sending the outcomes", () => [["intent", "outcomes"]]],
    ] as const
  ).map(([what, entries]): FormCase => ({
    name: `selection (${what})`,
    route: callSelection,
    path: () => `/en/staff/board/${ids.board}/calls/${ids.selectionCall}/selection`,
    params: () => ({ boardId: ids.board, callId: ids.selectionCall }),
    signedIn: true,
    as: "secretariat",
    valid: () => [...csrfOf("secretariat"), ...(entries() as [string, string][])],
    fields: [
      "intent",
      "applicationId",
      "votesFor",
      "votesAgainst",
      "decision",
      "meetingOn",
      "sentOn",
      "lateReason",
    ],
    runs: 10,
  })),
  // Meetings (issue 16).
  {
    name: "scheduling a meeting",
    route: boardMeetings,
    path: () => `/en/staff/board/${ids.meetingBoard}/meetings`,
    params: () => ({ boardId: ids.meetingBoard }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["date", dayFromToday(40)],
      ["time", "10:00"],
      ["place", "Zyra"],
      ["itemTitle1", "Hapja"],
      ["itemSummary1", "Mirëseardhja"],
      ["briefing", "Informacion."],
      ...ids.memberIds.map((id): [string, string] => ["invitees", id]),
    ],
    fields: [
      "date",
      "time",
      "place",
      "onlineLink",
      "itemTitle1",
      "itemSummary1",
      "itemTitle2",
      "briefing",
      "invitees",
      "extraordinary",
      "extraordinaryReason",
    ],
    runs: 10,
  },
  {
    name: "cancelling a meeting",
    route: meetingChange,
    path: () => `/en/staff/meetings/${ids.meetingToCancel}/change`,
    params: () => ({ meetingId: ids.meetingToCancel }),
    signedIn: true,
    as: "secretariat",
    valid: () => [...csrfOf("secretariat"), ["intent", "cancel"], ["reason", "E sëmurë."]],
    fields: ["intent", "reason"],
    runs: 10,
  },
  {
    name: "changing a meeting",
    route: meetingChange,
    path: () => `/en/staff/meetings/${ids.meetingToChange}/change`,
    params: () => ({ meetingId: ids.meetingToChange }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "change"],
      ["date", dayFromToday(36)],
      ["time", "11:00"],
      ["place", "Zyra e re"],
      ["onlineLink", ""],
      ["itemTitle1", "Hapja"],
      ["itemSummary1", "Rendi i ditës"],
      ["briefing", "Informacion."],
    ],
    fields: [
      "intent",
      "date",
      "time",
      "place",
      "onlineLink",
      "itemTitle1",
      "itemSummary1",
      "itemTitle2",
      "itemSummary2",
      "briefing",
      "extraordinary",
      "extraordinaryReason",
    ],
    runs: 10,
  },
  {
    name: "a member's answer to a meeting",
    route: meetingPage,
    path: () => `/en/staff/meetings/${ids.meetingAhead}`,
    params: () => ({ meetingId: ids.meetingAhead }),
    signedIn: true,
    as: "member",
    valid: () => [...csrfOf("member"), ["reply", "declined"], ["reason", "Jam me punë."]],
    fields: ["intent", "reply", "reason"],
    runs: 10,
  },
  {
    name: "a guest invited to a meeting",
    route: meetingPage,
    path: () => `/en/staff/meetings/${ids.meetingAhead}`,
    params: () => ({ meetingId: ids.meetingAhead }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "guest"],
      ["guestName", "Guest"],
      ["guestEmail", `guest-${crypto.randomUUID()}@t.example`],
      ["guestLang", "en"],
    ],
    fields: ["intent", "guestName", "guestEmail", "guestLang"],
    runs: 10,
  },
  {
    name: "attendance at a meeting held",
    route: meetingPage,
    path: () => `/en/staff/meetings/${ids.meetingHeld}`,
    params: () => ({ meetingId: ids.meetingHeld }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "attendance"],
      ...ids.memberIds.map((id): [string, string] => [`attendance-${id}`, "present"]),
    ],
    get fields() {
      return ["intent", ...ids.memberIds.map((id) => `attendance-${id}`)];
    },
    runs: 10,
  },
  {
    name: "a task assigned at a meeting held",
    route: meetingPage,
    path: () => `/en/staff/meetings/${ids.meetingHeld}`,
    params: () => ({ meetingId: ids.meetingHeld }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "action_assign"],
      ["agendaItemId", ids.heldAgendaItem],
      ["task", "Ndani planin e punës"],
      ["ownerId", ids.memberIds[0]!],
      ["dueOn", dayFromToday(10)],
    ],
    fields: ["intent", "agendaItemId", "task", "ownerId", "dueOn"],
    runs: 10,
  },
  {
    // Version 1 is the started draft: after the first save a stale version is a conflict (409).
    name: "the minutes of a meeting held (save, circulate)",
    route: minutesPage,
    path: () => `/en/staff/meetings/${ids.meetingHeld}/minutes`,
    params: () => ({ meetingId: ids.meetingHeld }),
    signedIn: true,
    as: "secretariat",
    valid: () => [
      ...csrfOf("secretariat"),
      ["intent", "save"],
      ["version", "1"],
      ["discussion1", "U hap mbledhja."],
      ["decisions1", "Miratohet rendi i ditës."],
      ["deadline", dayFromToday(7)],
    ],
    fields: [
      "intent",
      "version",
      "discussion1",
      "decisions1",
      "confidential1",
      "deadline",
      "anchor",
    ],
    runs: 10,
  },
  {
    name: "a member's choices for meeting messages",
    route: meetingsList,
    path: () => "/en/staff/meetings",
    params: () => ({}),
    signedIn: true,
    as: "member",
    valid: () => [...csrfOf("member"), ["lang", "en"], ["calendarFile", "on"]],
    fields: ["lang", "calendarFile"],
    runs: 10,
  },
  {
    name: "a member's data (erasure on request)",
    route: memberData,
    path: () => `/en/staff/board/${ids.meetingBoard}/members/${ids.endedMembership}`,
    params: () => ({ boardId: ids.meetingBoard, membershipId: ids.endedMembership }),
    signedIn: true,
    as: "secretariat",
    valid: () => [...csrfOf("secretariat"), ["intent", "erase"], ["confirm", "yes"]],
    fields: ["intent", "confirm"],
    runs: 10,
  },
  {
    name: "audit log filters",
    route: audit,
    method: "GET",
    path: () => "/en/staff/admin/audit",
    params: () => ({}),
    signedIn: true,
    valid: () => [
      ["action", "sign_in"],
      ["actor", "admin"],
      ["from", "2026-01-01"],
      ["to", "2026-12-31"],
      ["page", "1"],
    ],
    fields: ["action", "actor", "from", "to", "page"],
  },
  {
    name: "exports",
    route: campaignExport,
    method: "GET",
    path: () => `/en/staff/feedback/${ids.codeCampaign}/export`,
    params: () => ({ id: ids.codeCampaign }),
    signedIn: true,
    valid: () => [["kind", "aggregates"]],
    fields: ["kind"],
    mayWrite: ["audit_events"],
  },
];

/** The Send endpoint as server.js calls it, answering with its status. */
async function sendPath({ request, params }: ActionFunctionArgs): Promise<Response> {
  const sent = await sendQuestionnaire({
    lang: "en",
    slug: params.campaign ?? "",
    body: await request.text(),
  });
  return new Response(null, {
    status: sent.status,
    headers: "location" in sent ? { Location: sent.location } : {},
  });
}

/** A valid step-2 campaign form, in both languages, for the fuzz organisation. */
function validCampaign(csrfField: [string, string][]): [string, string][] {
  return [
    ...csrfField,
    ["organisationId", ids.organisation],
    ["templateId", "service_user_feedback"],
    ["languages", "sq"],
    ["languages", "en"],
    ["purpose", "service_evaluation"],
    ["collectorProvidedSupport", "no"],
    ["sections", "first_contact"],
    ["opensOn", "2026-01-01"],
    ["closesOn", "2026-12-31"],
    ["accessMode", "open"],
    ["respondentMode", "self"],
    ["dateGranularity", "week"],
    ["minGroupSize", "5"],
    ["title_sq", "Fushatë e provuar"],
    ["title_en", "Fuzzed campaign"],
    ["collectingOrganisation_sq", "E pavarur"],
    ["collectingOrganisation_en", "Independent"],
  ];
}

/** The campaign form's wording boxes in every language (`title_sq` ... `collectingOrganisation_en`). */
function wordingFields(): string[] {
  return LANGS.flatMap((lang) => TEXT_FIELDS.map((field) => textFieldName(field, lang)));
}

/** The answer and comment fields of the demo questionnaire (Annex 6.1, all sections). */
function answerFields(): string[] {
  const template = getTemplate("service_user_feedback", 1);
  if (!template) return [];
  const questions = campaignQuestions(
    template,
    template.sections.map((s) => s.id),
  ).slice(0, 6);
  return questions.flatMap((q) => [`a:${q.id}`, `c:${q.id}`]);
}

function request(form: FormCase, entries: [string, string][]): Request {
  const body = new URLSearchParams(entries);
  const headers: Record<string, string> = {};
  if (form.signedIn)
    headers.Cookie =
      form.as === "outsider"
        ? outsiderCookie
        : form.as && form.as !== "admin"
          ? sessions[form.as].cookie
          : cookie;
  const url = `http://localhost${form.path()}`;
  if (form.method === "GET") return new Request(`${url}?${body.toString()}`, { headers });
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Request(url, { method: "POST", headers, body: body.toString() });
}

beforeAll(async () => {
  await migrateAll();
  const db = getIdentityDb();
  const adminId = await insertUser(
    {
      email: "fuzz-admin@test.example",
      displayName: "Fuzz Admin",
      passwordHash: await hashPassword(PASSWORD),
      roles: ["admin", "coordinator"],
    },
    db,
  );
  // An admin must have two-step sign-in (decision 020); without it every staff form would only
  // answer with a redirect to set it up.
  await setTotpSecret(adminId, generateTotpSecret(), new Date(), db);
  ids.userId = await insertUser(
    {
      email: "fuzz-other@test.example",
      displayName: "Other",
      passwordHash: null,
      roles: ["coordinator"],
    },
    db,
  );
  const admin = (await getUserById(adminId))!;
  const session = await createSession(adminId);
  cookie = (await serializeSessionCookie(session.token)).split(";")[0]!;
  csrf = csrfTokenForSession(session.idHash);
  // A coordinator who belongs to no organisation: may use the campaign forms, for none of them.
  const outsiderId = await insertUser(
    {
      email: "fuzz-outsider@test.example",
      displayName: "Outsider",
      passwordHash: await hashPassword(PASSWORD),
      roles: ["coordinator"],
    },
    db,
  );
  const outsider = await createSession(outsiderId);
  outsiderCookie = (await serializeSessionCookie(outsider.token)).split(";")[0]!;
  outsiderCsrf = csrfTokenForSession(outsider.idHash);
  ids.organisation = await insertOrganisation({ name: "Fuzz NGO", type: "ngo" });
  const board = await createBoard(
    { name: "Fuzz board", areas: ["legal_policy"], areasOther: "", residenceRule: "citizen" },
    null,
  );
  ids.board = board.id;
  ids.call = (
    await insertCall(
      { boardId: board.id, opensOn: "2020-01-01", closesOn: "2999-12-31", blindMode: true },
      null,
    )
  ).id;
  await setUpBoardWork(db);
  ids.programme = await insertProgramme({
    organisationId: ids.organisation,
    name: "Fuzz programme",
    description: "",
  });
  ids.assessment = await insertAssessment({
    programmeId: ids.programme,
    assessedOn: "2026-01-10",
    participants: "A",
    createdBy: adminId,
  });
  ids.practice = await createGoodPractice(admin, ids.organisation, {
    title: "Fuzz practice",
    description: "D",
  });
  const base = {
    organisationId: ids.organisation,
    templateId: "service_user_feedback",
    purpose: "service_evaluation" as const,
    collectorProvidedSupport: "no" as const,
    sections: ["first_contact"],
    opensOn: "2000-01-01",
    closesOn: "2999-12-31",
    languages: ["sq" as const, "en" as const],
    respondentMode: "both" as const,
    dateGranularity: "week" as const,
    minGroupSize: 3,
  };
  const texts = (title: string) => ({
    sq: { title: `${title} sq`, purposeOther: null, collectingOrganisation: "E pavarur" },
    en: { title: `${title} en`, purposeOther: null, collectingOrganisation: "Independent" },
  });
  const codes = await createCampaign(admin, {
    ...base,
    texts: texts("Fuzz codes"),
    accessMode: "codes",
  });
  const open = await createCampaign(admin, {
    ...base,
    texts: texts("Fuzz open"),
    accessMode: "open",
  });
  ids.codeCampaign = codes.id;
  ids.codeCampaignSlug = codes.slug;
  ids.openCampaign = open.id;
  ids.openCampaignSlug = open.slug;
  ids.code = (await generateCodes(admin, codes, 1))[0] ?? "";
  // Two free-text answers in the redaction queue: one waiting, one approved (to withdraw).
  for (const text of ["Arta helped me in Tirana on 12.03.2024.", "Besa listened."])
    await storeSubmission({
      campaignId: codes.id,
      templateVersion: 1,
      language: "en",
      respondentMode: "self",
      period: "2026-11-29",
      choices: {},
      freeTexts: [{ questionId: "closing_anything_else", text }],
      answeredQuestionIds: ["closing_anything_else"],
    });
  const [pending, toApprove] = await listFreeText(codes.id, "pending");
  ids.pendingText = pending!.id;
  ids.approvedText = toApprove!.id;
  await reviewFreeText(codes.id, toApprove!.id, { approve: true, redacted: "[Name] listened." });
}, 60_000);

/** A session cookie and CSRF token for `userId`. */
async function sessionOf(userId: string) {
  const session = await createSession(userId);
  return {
    cookie: (await serializeSessionCookie(session.token)).split(";")[0]!,
    csrf: csrfTokenForSession(session.idHash),
  };
}

/** The review, selection and meeting state the board forms start from (see `ids`). */
async function setUpBoardWork(db: ReturnType<typeof getIdentityDb>) {
  const secretariat = await makeSecretariat(db);
  sessions.secretariat = await sessionOf(secretariat.id);
  const reviewerId = await insertUser(
    {
      email: "fuzz-reviewer@test.example",
      displayName: "Reviewer",
      passwordHash: "x",
      roles: ["reviewer"],
    },
    db,
  );
  await setTotpSecret(reviewerId, generateTotpSecret(), new Date(), db);
  ids.reviewerId = reviewerId;
  sessions.reviewer = await sessionOf(reviewerId);
  const reviewer = (await getUserById(reviewerId))!;
  const newCall = async () =>
    insertCall(
      { boardId: ids.board, opensOn: "2020-01-01", closesOn: "2999-12-31", blindMode: true },
      secretariat.id,
      db,
    );
  const reviewCall = await newCall();
  ids.reviewCall = reviewCall.id;
  ids.reviewApplication = await storeTestApplication(reviewCall, testApplication(), db);
  ids.conflictApplication = await storeTestApplication(reviewCall, testApplication(), db);
  await assignReviewers(secretariat, reviewCall.id, [reviewerId], new Date(), db);
  await submitRecusal(reviewer, reviewCall.id, [], new Date(), db);
  const texts = { activity: "Punoj.", suitability: "Njoh.", motivation: "", additional: "" };
  await redactApplication(secretariat, reviewCall.id, ids.reviewApplication, texts, new Date(), db);
  const selectionCall = await newCall();
  ids.selectionCall = selectionCall.id;
  ids.candidate = await storeTestApplication(selectionCall, testApplication(), db);
  await setShortlist(selectionCall.id, [ids.candidate], secretariat.id, new Date(), db);
  await fixShortlist(selectionCall.id, secretariat.id, new Date(), db);
  await saveListSent(
    selectionCall.id,
    { meetingOn: dayFromToday(30), sentOn: dayFromToday(0), lateReason: null },
    db,
  );

  const { board, members } = await makeBoardWithMembers(secretariat, 3, db, "Fuzz meetings");
  ids.meetingBoard = board.id;
  ids.memberIds = members.map((m) => m.user.id);
  const leaving = await addBoardMember(
    secretariat,
    {
      boardId: board.id,
      fullName: "Leaving Member",
      email: "fuzz-leaving@test.example",
      phone: "",
      lang: "sq",
    },
    db,
  );
  if (!leaving.ok) throw new Error(JSON.stringify(leaving.errors));
  ids.endedMembership = leaving.value.membershipId;
  await endMembership(
    secretariat,
    { membershipId: ids.endedMembership, kind: "ended", reason: "", lang: "sq" },
    db,
  );
  const member = members[0]!.user;
  // The member has taken up the invitation (set a password) and signed the declaration.
  await setPasswordHash(member.id, "x", db);
  const declaration = await getCurrentDeclaration(db);
  await insertSignature(member.id, declaration.version, "sq", "Member 0", db);
  sessions.member = await sessionOf(member.id);
  const scheduled = await scheduleMeeting(
    secretariat,
    board.id,
    ScheduleMeetingSchema.parse({
      date: dayFromToday(30),
      time: "10:00",
      place: "Zyra",
      itemTitle1: "Hapja",
      itemSummary1: "Mirëseardhja",
      briefing: "Informacion.",
      invitees: ids.memberIds,
    }),
    db,
  );
  if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
  ids.meetingAhead = scheduled.value.meetingId;
  const toCancel = await scheduleMeeting(
    secretariat,
    board.id,
    ScheduleMeetingSchema.parse({
      date: dayFromToday(32),
      time: "10:00",
      place: "Zyra",
      itemTitle1: "Hapja",
      itemSummary1: "Mirëseardhja",
      briefing: "Informacion.",
      invitees: ids.memberIds,
    }),
    db,
  );
  if (!toCancel.ok) throw new Error(JSON.stringify(toCancel.errors));
  ids.meetingToCancel = toCancel.value.meetingId;
  const toChange = await scheduleMeeting(
    secretariat,
    board.id,
    ScheduleMeetingSchema.parse({
      date: dayFromToday(34),
      time: "10:00",
      place: "Zyra",
      itemTitle1: "Hapja",
      itemSummary1: "Mirëseardhja",
      briefing: "Informacion.",
      invitees: ids.memberIds,
    }),
    db,
  );
  if (!toChange.ok) throw new Error(JSON.stringify(toChange.errors));
  ids.meetingToChange = toChange.value.meetingId;
  const held = dayFromToday(-3);
  ids.meetingHeld = await insertMeeting(
    {
      boardId: board.id,
      startsAt: `${held}T09:00:00.000Z`,
      meetingDay: held,
      place: "Zyra",
      onlineLink: "",
      briefing: "Informacion.",
      extraordinary: false,
      extraordinaryReason: "",
      noticeSentOn: dayFromToday(-20),
      agenda: [{ title: "Hapja", summary: "Mirëseardhja" }],
      invitees: ids.memberIds,
      createdBy: secretariat.id,
    },
    db,
  );
  const heldMeeting = (await getMeeting(ids.meetingHeld, db))!;
  ids.heldAgendaItem = heldMeeting.agenda[0]!.id;
  const started = await startMinutes(secretariat, heldMeeting, db);
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
}

// First, before hostile values change the state (a hostile choice of reviewers may leave the
// reviewer without the call).
describe("the starting point of the board's forms", () => {
  it("the board's forms, filled in validly by the right person, pass (the fuzzing starts from a working path)", async () => {
    const boardForms = FORMS.filter((f) => f.as && f.as !== "admin" && f.as !== "outsider");
    expect(boardForms.length).toBeGreaterThanOrEqual(14);
    for (const form of boardForms) {
      let outcome: unknown;
      try {
        outcome = await form.route.action!({
          request: request(form, form.valid()),
          params: form.params(),
          context: { cspNonce: "n" },
        });
      } catch (error) {
        outcome = error;
      }
      const status = await statusOf(async () => outcome);
      expect(status, form.name).toBeLessThan(400);
      // A redirect is the form's own (saved), not a guard sending the person to sign in, to
      // set up two-step sign-in or to sign the declaration.
      const location = outcome instanceof Response ? (outcome.headers.get("Location") ?? "") : "";
      expect(location, form.name).not.toMatch(/sign-in|two-factor|declaration|account/);
    }
  });
});

describe("every action and filter, given anything", () => {
  for (const form of FORMS) {
    it(`${form.name}: never a 500, and a refused submission writes nothing`, async () => {
      const handler = form.method === "GET" ? form.route.loader : form.route.action;
      expect(handler, `${form.name} has a ${form.method ?? "POST"} handler`).toBeTypeOf("function");
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            // A valid submission with one value replaced by a hostile one (it may be stored).
            fc
              .tuple(fc.nat(), hostileString)
              .map(([index, value]) =>
                form
                  .valid()
                  .map(([key, old], i): [string, string] => [
                    key,
                    i === index % form.valid().length && key !== "csrf" ? value : old,
                  ]),
              ),
            // Some valid fields, with hostile names and values around them.
            fc
              .tuple(fc.subarray(form.valid()), formEntries(form.fields, 6), fc.boolean())
              .map(([kept, hostile, first]) =>
                first ? [...hostile, ...kept] : [...kept, ...hostile],
              ),
          ),
          async (entries) => {
            const before = await snapshot(form.mayWrite);
            encrypted.length = 0;
            const status = await statusOf(() =>
              handler!({
                request: request(form, entries),
                params: form.params(),
                context: { cspNonce: "n" },
              }),
            );
            const sent = JSON.stringify(entries).slice(0, 500);
            expect(status, sent).toBeLessThan(500);
            if (form.refused) expect(status, sent).toBeGreaterThanOrEqual(400);
            if (status >= 400) expect(await snapshot(form.mayWrite)).toBe(before);
            // No NUL or lone surrogate reaches a store, in plain columns or under encryption.
            const unstorable = Object.entries(await allRows()).flatMap(([table, rows]) =>
              rows
                .filter((row) => holdsUnstorableText(JSON.parse(row)))
                .map((row) => `${table}: ${row.slice(0, 400)}`),
            );
            expect(unstorable, sent).toEqual([]);
            expect(holdsUnstorableText(encrypted), sent).toBe(false);
          },
        ),
        { numRuns: form.runs ?? RUNS },
      );
    }, 60_000);
  }

  it("an answer with a NUL in it is stored without it, through the page and the light Send path", async () => {
    for (const route of [publicQuestionnaire.action, sendPath]) {
      encrypted.length = 0;
      const entries: [string, string][] = [
        ["page", "review"],
        ["nav", "submit"],
        ["nonce", issueFormNonce()],
        ["a:first_contact_police", "yes"],
        ["c:first_contact_police", "Ar\u0000ta was kind"],
      ];
      const form = FORMS.find((f) => f.name.startsWith("questionnaire (open link"))!;
      const status = await statusOf(() =>
        route({
          request: request(form, entries),
          params: form.params(),
          context: { cspNonce: "n" },
        }),
      );
      expect(status).toBe(302);
      expect(encrypted.join("\n")).toContain("Arta was kind");
      expect(holdsUnstorableText(encrypted)).toBe(false);
    }
  });

  it("who took part in an assessment is stored without a NUL (the field was read unmade-storable)", async () => {
    const form = FORMS.find((f) => f.name === "assessment (scores and notes)")!;
    const db = getIdentityDb();
    const { version } = await db
      .selectFrom("assessments")
      .select("version")
      .where("id", "=", ids.assessment)
      .executeTakeFirstOrThrow();
    const entries = form
      .valid()
      .map(([key, value]): [string, string] =>
        key === "participants"
          ? [key, "Arta\u0000 and Besa"]
          : key === "version"
            ? [key, String(version)]
            : [key, value],
      );
    const status = await statusOf(() =>
      form.route.action!({
        request: request(form, entries),
        params: form.params(),
        context: { cspNonce: "n" },
      }),
    );
    expect(status).toBe(302);
    const row = await db
      .selectFrom("assessments")
      .select("participants")
      .where("id", "=", ids.assessment)
      .executeTakeFirstOrThrow();
    expect(row.participants).toBe("Arta and Besa");
  });

  it("the row comparison notices a write (so a partial write would fail the tests above)", async () => {
    const before = await snapshot();
    await insertOrganisation({ name: "Written between two snapshots", type: "ngo" });
    expect(await snapshot()).not.toBe(before);
  });

  it("the hostile values reach the text fields too (not only odd names)", () => {
    // A guard on the generator: long and tricky strings are part of what is posted.
    const samples = fc.sample(hostileString, 300);
    expect(samples.some((s) => s.length > 1000)).toBe(true);
    expect(samples.some((s) => s.includes("\u0000"))).toBe(true);
  });
});
