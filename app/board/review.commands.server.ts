import { ageBandOf, getApplication, type StoredApplication } from "./applications.server";
import type { CommandResult } from "./board.commands.server";
import { getCall, type BoardCall } from "./calls.server";
import type { KeyStore } from "./person-keys.server";
import {
  hasConflict,
  listConflicts,
  clearedForReview,
  markRecusalDone,
  nameToken,
  recordConflicts,
} from "./recusal.server";
import { FREE_TEXT_FIELDS, type FreeTexts } from "./review-rules";
import type { ScoreInput } from "./review.schemas";
import {
  getAssignment,
  getRedaction,
  isApplicationOfCall,
  listCallApplications,
  listCallReviewers,
  listRedactedIds,
  listScoredIds,
  saveRedaction,
  saveScore,
  setCallReviewers,
} from "./review.server";
import { fixShortlist, isShortlistFixed, listShortlistIds, setShortlist } from "./shortlist.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { redactPhrases, splitPhrases, type RedactionMarkers } from "../feedback/redaction";

/**
 * Commands of review and selection (issue 15): each checks, writes and audits in one
 * transaction; every query lives in the data modules (review.server.ts, recusal.server.ts,
 * shortlist.server.ts). Access of a reviewer to an application is decided in one place,
 * `openForReview`, for reading and for scoring alike.
 */
const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

/** The secretariat makes the call's reviewers exactly those chosen (reviewer accounts only). */
export async function assignReviewers(
  user: StaffUser,
  callId: string,
  reviewerIds: readonly string[],
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<CommandResult<{ added: number; removed: number }>> {
  if (!(await getCall(callId, db)))
    return { ok: false, errors: { form: "review:errors.not_found" } };
  const changed = await db.transaction().execute(async (trx) => {
    const result = await setCallReviewers(callId, reviewerIds, user.id, now, trx);
    if (result.added.length || result.removed.length)
      await recordAudit(
        {
          actor: actorOf(user),
          action: "board_reviewers_assigned",
          subject: callId,
          details: { added: result.added, removed: result.removed },
        },
        trx,
        now,
      );
    return result;
  });
  return { ok: true, value: { added: changed.added.length, removed: changed.removed.length } };
}

/** The secretariat records that a reviewer has a conflict with one application of the call. */
export async function recordConflictCommand(
  user: StaffUser,
  callId: string,
  input: { reviewerId: string; applicationId: string },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<CommandResult<null>> {
  const reviewers = await listCallReviewers(callId, db);
  if (!reviewers.some((r) => r.userId === input.reviewerId))
    return { ok: false, errors: { reviewerId: "review:errors.reviewer_required" } };
  if (!(await isApplicationOfCall(callId, input.applicationId, db)))
    return { ok: false, errors: { applicationId: "review:errors.applicant_required" } };
  await db.transaction().execute(async (trx) => {
    await recordConflicts([input], "secretariat", user.id, now, trx);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_conflict_recorded",
        subject: input.applicationId,
        details: { callId, reviewerId: input.reviewerId },
      },
      trx,
      now,
    );
  });
  return { ok: true, value: null };
}

/**
 * A reviewer goes through the list of names: each name marked becomes a `self` conflict;
 * tokens that match no application they had still to go through are ignored. `listedAt` (ISO
 * instant) is when the page listed the names; applications sent later are not cleared (default:
 * now). The audit log records how many names were marked, not which.
 */
export async function submitRecusal(
  user: StaffUser,
  callId: string,
  tokens: readonly string[],
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  listedAt?: string,
): Promise<CommandResult<{ marked: number }>> {
  const assignment = await getAssignment(callId, user.id, db);
  if (!assignment) return { ok: false, errors: { form: "review:errors.not_found" } };
  const until = listedAt && listedAt < now.toISOString() ? listedAt : now.toISOString();
  const wanted = new Set(tokens);
  const marked = (await listCallApplications(callId, db, keys))
    .filter((application) => !clearedForReview(application.submittedAt, assignment.recusalDoneAt))
    .filter((application) => wanted.has(nameToken(user.id, application.id)))
    .map((application) => ({ applicationId: application.id, reviewerId: user.id }));
  await db.transaction().execute(async (trx) => {
    await recordConflicts(marked, "self", user.id, now, trx);
    await markRecusalDone(callId, user.id, until, trx);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_recusal_submitted",
        subject: callId,
        details: { marked: marked.length },
      },
      trx,
      now,
    );
  });
  return { ok: true, value: { marked: marked.length } };
}

/** Whether names and contact details are hidden from reviewers now: blind call, list not fixed. */
export async function isBlind(call: BoardCall, db: IdentityDb = getIdentityDb()) {
  return call.blindMode && !(await isShortlistFixed(call.id, db));
}

/** What a reviewer sees of an application. `identity` only outside blind mode. */
export type ReviewView = {
  id: string;
  label: string;
  ageBand: string;
  blind: boolean;
  texts: FreeTexts;
  identity: null | {
    name: string;
    dateOfBirth: string;
    placeOfBirth: string;
    email: string;
    phone: string;
  };
};

/** A short neutral label of an application ("A1F3"): not its place in the order of arrival. */
export function applicationLabel(id: string): string {
  return id.replace(/-/g, "").slice(0, 6).toUpperCase();
}

function textsOf(application: StoredApplication): FreeTexts {
  return Object.fromEntries(
    FREE_TEXT_FIELDS.map((field) => [field, String(application.fields[field] ?? "")]),
  ) as FreeTexts;
}

/**
 * Why a reviewer may not open an application, or what they see of it. "not_found" covers an
 * application of another call, one they have a conflict with (never told apart, so the answer
 * reveals nothing), and in blind mode one the secretariat has not redacted yet.
 */
export async function reviewViewFor(
  user: StaffUser,
  call: BoardCall,
  applicationId: string,
  today: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<{ ok: true; view: ReviewView } | { ok: false; reason: "not_found" | "recusal_first" }> {
  const assignment = await getAssignment(call.id, user.id, db);
  if (!assignment) return { ok: false, reason: "not_found" };
  if (!assignment.recusalDone) return { ok: false, reason: "recusal_first" };
  const application = await getApplication(applicationId, db, keys);
  if (!application || application.callId !== call.id || application.status === "withdrawn")
    return { ok: false, reason: "not_found" };
  if (await hasConflict(user.id, application, db)) return { ok: false, reason: "not_found" };
  if (!clearedForReview(application.submittedAt, assignment.recusalDoneAt))
    return { ok: false, reason: "recusal_first" };
  const blind = await isBlind(call, db);
  let texts = textsOf(application);
  if (blind) {
    const redaction = await getRedaction(application.id, db, keys);
    if (!redaction) return { ok: false, reason: "not_found" };
    texts = Object.fromEntries(FREE_TEXT_FIELDS.map((f) => [f, redaction[f]])) as FreeTexts;
  }
  const f = application.fields;
  return {
    ok: true,
    view: {
      id: application.id,
      label: applicationLabel(application.id),
      ageBand: ageBandOf(application, today),
      blind,
      texts,
      identity: blind
        ? null
        : {
            name: `${String(f.firstName)} ${String(f.lastName)}`,
            dateOfBirth: String(f.dateOfBirth),
            placeOfBirth: String(f.placeOfBirth),
            email: String(f.email),
            phone: String(f.phone ?? ""),
          },
    },
  };
}

/** Writes "application opened" to the audit log: who (the actor), which, when. */
export async function auditApplicationOpened(
  user: StaffUser,
  applicationId: string,
  details: { callId: string; purpose: "review" | "redaction" },
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await recordAudit(
    { actor: actorOf(user), action: "board_application_opened", subject: applicationId, details },
    db,
  );
}

/** The fields the reviewer's list reads: the age band and the nominating organisation. */
const REVIEW_LIST_FIELDS = ["dateOfBirth", "nominated", "nominatingOrganisation"] as const;

/**
 * The applications a reviewer may open in a call (no conflict; in blind mode redacted), and
 * how many more wait for the secretariat's redaction. Conflicted ones are simply absent.
 */
export async function listForReviewer(
  user: StaffUser,
  call: BoardCall,
  today: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
) {
  // Only what the list needs is decrypted: the age band, and the nominating organisation for
  // the conflict the portal finds by itself.
  const applications = await listCallApplications(call.id, db, keys, {
    fields: REVIEW_LIST_FIELDS,
  });
  const conflicts = new Set(
    (await listConflicts(call.id, [user.id], applications, db)).map((c) => c.applicationId),
  );
  const blind = await isBlind(call, db);
  const scored = await listScoredIds(call.id, user.id, db);
  const redacted = blind ? await listRedactedIds(call.id, db) : new Set<string>();
  const recusalDoneAt = (await getAssignment(call.id, user.id, db))?.recusalDoneAt ?? null;
  const open: { id: string; label: string; ageBand: string; scored: boolean }[] = [];
  let waiting = 0;
  let newNames = 0;
  for (const application of applications) {
    if (conflicts.has(application.id)) continue;
    if (!clearedForReview(application.submittedAt, recusalDoneAt)) {
      newNames += 1;
      continue;
    }
    if (blind && !redacted.has(application.id)) {
      waiting += 1;
      continue;
    }
    open.push({
      id: application.id,
      label: applicationLabel(application.id),
      ageBand: ageBandOf(application, today),
      scored: scored.has(application.id),
    });
  }
  open.sort((a, b) => a.label.localeCompare(b.label));
  return { applications: open, waiting, newNames, blind };
}

/** The texts as reviewers will see them: names, places and organisations replaced. */
export function redactTexts(
  texts: FreeTexts,
  lists: { names: string; places: string; organisations: string },
  markers: RedactionMarkers & { organisation: string },
): FreeTexts {
  return Object.fromEntries(
    FREE_TEXT_FIELDS.map((field) => {
      // The feedback module knows names, places and dates; organisations are hidden first with
      // their own marker, through its "name" kind.
      const withoutOrganisations = redactPhrases(
        texts[field],
        splitPhrases(lists.organisations).map((phrase) => ({ phrase, kind: "name" as const })),
        { ...markers, name: markers.organisation },
      );
      const redacted = redactPhrases(
        withoutOrganisations,
        [
          ...splitPhrases(lists.names).map((phrase) => ({ phrase, kind: "name" as const })),
          ...splitPhrases(lists.places).map((phrase) => ({ phrase, kind: "place" as const })),
        ],
        markers,
      );
      return [field, redacted];
    }),
  ) as FreeTexts;
}

/** The secretariat stores an application's redacted free texts for blind review. */
export async function redactApplication(
  user: StaffUser,
  callId: string,
  applicationId: string,
  texts: FreeTexts,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<CommandResult<null>> {
  const application = await getApplication(applicationId, db, keys);
  if (!application || application.callId !== callId)
    return { ok: false, errors: { form: "review:errors.not_found" } };
  await db.transaction().execute(async (trx) => {
    await saveRedaction(applicationId, texts, user.id, now, trx, keys);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_application_redacted",
        subject: applicationId,
        details: { callId },
      },
      trx,
      now,
    );
  });
  return { ok: true, value: null };
}

/**
 * A reviewer scores an application (or changes their scores) on the three Annex 3.2 criteria,
 * 0-3, with notes. Refused exactly where opening is refused; refused once the shortlist is fixed.
 */
export async function scoreApplication(
  user: StaffUser,
  call: BoardCall,
  applicationId: string,
  input: ScoreInput,
  today: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<CommandResult<null>> {
  const access = await reviewViewFor(user, call, applicationId, today, db, keys);
  if (!access.ok) return { ok: false, errors: { form: "review:errors.not_found" } };
  return db.transaction().execute(async (trx): Promise<CommandResult<null>> => {
    // Checked inside the transaction: a shortlist fixed meanwhile cannot let a score through.
    if (await isShortlistFixed(call.id, trx))
      return { ok: false, errors: { form: "review:errors.shortlist_fixed" } };
    await saveScore({ ...input, applicationId, reviewerId: user.id }, now, trx, keys);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_application_scored",
        subject: applicationId,
        details: { callId: call.id },
      },
      trx,
      now,
    );
    return { ok: true, value: null };
  });
}

/** The secretariat opens the side-by-side scores: audited like an application opening. */
export async function auditScoresViewed(
  user: StaffUser,
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await recordAudit({ actor: actorOf(user), action: "board_scores_viewed", subject: callId }, db);
}

/** The secretariat changes the shortlist; refused once it is fixed. */
export async function changeShortlist(
  user: StaffUser,
  callId: string,
  applicationIds: readonly string[],
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<CommandResult<null>> {
  return db.transaction().execute(async (trx): Promise<CommandResult<null>> => {
    if (await isShortlistFixed(callId, trx))
      return { ok: false, errors: { shortlist: "review:errors.shortlist_fixed" } };
    await setShortlist(callId, applicationIds, user.id, now, trx);
    await recordAudit(
      { actor: actorOf(user), action: "board_shortlist_changed", subject: callId },
      trx,
      now,
    );
    return { ok: true, value: null };
  });
}

/**
 * The secretariat fixes the shortlist: scores stop changing and blind mode ends for the call
 * (issue 15: names stay hidden "until the shortlist is fixed"). An empty shortlist is refused.
 */
export async function fixShortlistCommand(
  user: StaffUser,
  callId: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<CommandResult<null>> {
  return db.transaction().execute(async (trx): Promise<CommandResult<null>> => {
    if (await isShortlistFixed(callId, trx))
      return { ok: false, errors: { shortlist: "review:errors.shortlist_fixed" } };
    if ((await listShortlistIds(callId, trx)).size === 0)
      return { ok: false, errors: { shortlist: "review:errors.shortlist_empty" } };
    await fixShortlist(callId, user.id, now, trx);
    await recordAudit(
      { actor: actorOf(user), action: "board_shortlist_fixed", subject: callId },
      trx,
      now,
    );
    return { ok: true, value: null };
  });
}
