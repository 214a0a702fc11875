import { randomInt } from "node:crypto";

import type { StoredApplication } from "./applications.server";
import { nominatedByOwnOrganisation, shuffled } from "./review-rules";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { hmac } from "../auth/tokens.server";
import { getConfig } from "../platform/config.server";

/**
 * Conflicts of interest under blind review (issue 15). Three sources:
 * - `self`: before scoring, the reviewer goes through the call's applicant names alone,
 *   shuffled anew on every view, and marks anyone they know or worked with;
 * - `secretariat`: recorded by the secretariat for a reviewer;
 * - `organisation`: found by the portal when the organisation that nominated the applicant
 *   (Art. 6 a) is one of the reviewer's organisations. Computed on every check, never stored,
 *   so a reviewer joining an organisation later is covered at once.
 * A conflicted reviewer never sees the application (404) and their scores of it do not count.
 */
export type ConflictSource = "self" | "secretariat" | "organisation";

/**
 * The value of a name's checkbox on the recusal page: a keyed hash of the reviewer and the
 * application, so the page's source does not carry the application's id (which appears in the
 * review URLs and would tie a name to its answers).
 */
export function nameToken(reviewerId: string, applicationId: string): string {
  return hmac(getConfig().sessionSecret, `recusal|${reviewerId}|${applicationId}`).slice(0, 22);
}

/** The organisations a staff account belongs to, by name. */
export async function organisationsOf(userId: string, db: IdentityDb = getIdentityDb()) {
  const rows = await db
    .selectFrom("organisation_members")
    .innerJoin("organisations", "organisations.id", "organisation_members.organisation_id")
    .select("organisations.name as name")
    .where("organisation_members.user_id", "=", userId)
    .execute();
  return rows.map((row) => row.name);
}

/** The recorded conflicts (self and secretariat) of a call: application → reviewer → source. */
export async function listRecordedConflicts(callId: string, db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("board_recusals")
    .innerJoin("board_applications", "board_applications.id", "board_recusals.application_id")
    .select([
      "board_recusals.application_id as applicationId",
      "board_recusals.reviewer_id as reviewerId",
      "board_recusals.source as source",
      "board_recusals.recorded_at as recordedAt",
    ])
    .where("board_applications.call_id", "=", callId)
    .orderBy("board_recusals.recorded_at")
    .orderBy("board_recusals.application_id")
    .execute();
}

/** Records conflicts; one already recorded for the pair keeps its first source. */
export async function recordConflicts(
  pairs: readonly { applicationId: string; reviewerId: string }[],
  source: "self" | "secretariat",
  recordedBy: string | null,
  now: Date,
  db: IdentityDb,
): Promise<void> {
  if (pairs.length === 0) return;
  await db
    .insertInto("board_recusals")
    .values(
      pairs.map((pair) => ({
        application_id: pair.applicationId,
        reviewer_id: pair.reviewerId,
        source,
        recorded_at: now.toISOString(),
        recorded_by: recordedBy,
      })),
    )
    .onConflict((oc) => oc.columns(["application_id", "reviewer_id"]).doNothing())
    .execute();
}

/**
 * Every conflict of a call's reviewers with its applications, recorded and found by
 * organisation: one entry per reviewer and application (a recorded source wins).
 */
export async function listConflicts(
  callId: string,
  reviewerIds: readonly string[],
  applications: readonly StoredApplication[],
  db: IdentityDb = getIdentityDb(),
): Promise<{ applicationId: string; reviewerId: string; source: ConflictSource }[]> {
  const found = new Map<string, ConflictSource>();
  for (const row of await listRecordedConflicts(callId, db)) {
    if (reviewerIds.includes(row.reviewerId))
      found.set(`${row.reviewerId}|${row.applicationId}`, row.source);
  }
  for (const reviewerId of reviewerIds) {
    const own = await organisationsOf(reviewerId, db);
    for (const application of applications) {
      const key = `${reviewerId}|${application.id}`;
      if (!found.has(key) && nominatedByOwnOrganisation(nominatorOf(application), own))
        found.set(key, "organisation");
    }
  }
  return [...found].map(([key, source]) => {
    const [reviewerId, applicationId] = key.split("|") as [string, string];
    return { reviewerId, applicationId, source };
  });
}

function nominatorOf(application: StoredApplication): string {
  return application.fields.nominated === "yes"
    ? String(application.fields.nominatingOrganisation ?? "")
    : "";
}

/** Whether `reviewerId` has a conflict with this application, from any source. */
export async function hasConflict(
  reviewerId: string,
  application: StoredApplication,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const recorded = await db
    .selectFrom("board_recusals")
    .select("source")
    .where("application_id", "=", application.id)
    .where("reviewer_id", "=", reviewerId)
    .executeTakeFirst();
  if (recorded) return true;
  return nominatedByOwnOrganisation(
    nominatorOf(application),
    await organisationsOf(reviewerId, db),
  );
}

/**
 * The recusal list of one reviewer: the full names of the call's applicants they have no
 * recorded conflict with and have not been through yet (sent after `listedAt`, the last list
 * they went through; null: all), each with its checkbox token, in a fresh random order. Names
 * only: no answer, date, reference or order of arrival. A name already gone through cannot be
 * marked again by the reviewer: once they have read applications, a name that disappears from
 * their list would tell them whose answers those were (they ask the secretariat instead).
 */
export async function namesForRecusal(
  callId: string,
  reviewerId: string,
  applications: readonly StoredApplication[],
  db: IdentityDb = getIdentityDb(),
  listedAt: string | null = null,
): Promise<{ token: string; name: string }[]> {
  const recorded = new Set(
    (await listRecordedConflicts(callId, db))
      .filter((row) => row.reviewerId === reviewerId)
      .map((row) => row.applicationId),
  );
  const names = applications
    .filter((application) => !recorded.has(application.id))
    .filter((application) => !clearedForReview(application.submittedAt, listedAt))
    .map((application) => ({
      token: nameToken(reviewerId, application.id),
      name: `${String(application.fields.firstName)} ${String(application.fields.lastName)}`,
    }));
  return shuffled(names, (below) => randomInt(below));
}

/**
 * Whether a reviewer has seen an application's name on the names list: it was sent (`submittedAt`,
 * ISO instant) no later than the list the reviewer last went through (`listedAt`, null: never).
 * An application sent afterwards stays closed to them until they go through the new names, so
 * nobody reads the application of someone they know whose name they never saw.
 */
export function clearedForReview(submittedAt: string, listedAt: string | null): boolean {
  return listedAt !== null && submittedAt <= listedAt;
}

/**
 * Records that the reviewer went through the names list as it stood at `listedAt` (ISO instant:
 * when the page listed them). Never moves back in time.
 */
export async function markRecusalDone(
  callId: string,
  reviewerId: string,
  listedAt: string,
  db: IdentityDb,
): Promise<void> {
  await db
    .updateTable("board_call_reviewers")
    .set({ recusal_done_at: listedAt })
    .where("call_id", "=", callId)
    .where("user_id", "=", reviewerId)
    .where((eb) => eb.or([eb("recusal_done_at", "is", null), eb("recusal_done_at", "<", listedAt)]))
    .execute();
}
