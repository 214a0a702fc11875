import type { ScoreSheet } from "./assessment-form";
import { scoresOf } from "./assessment-form";
import type { OrganisationType } from "./assessment.schemas";
import {
  insertAssessment,
  insertRevision,
  saveAssessment,
  type Assessment,
  type SaveResult,
} from "./assessments.server";
import {
  addMember,
  insertOrganisation,
  insertProgramme,
  removeMember,
  setProgrammeStatus,
  updateOrganisation,
  updateProgramme,
  type Programme,
} from "./organisations.server";
import { scoreAssessment, suggestedConsensus, type ItemScores } from "./scoring";
import { isUniqueConstraintError } from "../../db/errors";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import type { FieldErrors } from "../ui/parse-form";

type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };
const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

export async function createOrganisation(
  actor: StaffUser,
  input: { name: string; type: OrganisationType },
): Promise<Result<string>> {
  try {
    const id = await insertOrganisation(input);
    await recordAudit({
      actor: actorOf(actor),
      action: "organisation_created",
      subject: input.name,
    });
    return { ok: true, value: id };
  } catch (error) {
    if (isUniqueConstraintError(error))
      return { ok: false, errors: { name: "assessment:errors.name_taken" } };
    throw error;
  }
}

export async function changeMembership(
  actor: StaffUser,
  organisation: { id: string; name: string },
  userId: string,
  member: boolean,
) {
  if (member) await addMember(organisation.id, userId);
  else await removeMember(organisation.id, userId);
  await recordAudit({
    actor: actorOf(actor),
    action: "organisation_members_changed",
    subject: organisation.name,
    details: { userId, member },
  });
}

export async function createProgramme(
  actor: StaffUser,
  organisationId: string,
  input: { name: string; description: string },
) {
  const id = await insertProgramme({ organisationId, ...input });
  await recordAudit({ actor: actorOf(actor), action: "programme_created", subject: input.name });
  return id;
}

export async function startAssessment(
  actor: StaffUser,
  programmeId: string,
  input: { assessedOn: string; participants: string },
) {
  return insertAssessment({ programmeId, ...input, createdBy: actor.id });
}

export type SaveOutcome =
  | { ok: true; completed: boolean }
  | { ok: false; kind: "missing"; missing: string[] }
  | { ok: false; kind: "conflict" | "completed" };

/** Saves a draft, or completes it when every item is scored (else lists what is missing). */
export async function saveScores(
  actor: StaffUser,
  assessmentId: string,
  expectedVersion: number,
  input: { assessedOn: string; participants: string; sheet: ScoreSheet; complete: boolean },
): Promise<SaveOutcome> {
  if (input.complete) {
    const { missing } = scoreAssessment(scoresOf(input.sheet));
    if (missing.length > 0) return { ok: false, kind: "missing", missing };
  }
  const saved: SaveResult = await saveAssessment(assessmentId, expectedVersion, input);
  if (!saved.ok) return { ok: false, kind: saved.reason };
  if (input.complete) {
    await recordAudit({
      actor: actorOf(actor),
      action: "assessment_completed",
      subject: assessmentId,
    });
  }
  return { ok: true, completed: input.complete };
}

/** Starts a revision of a completed assessment (a new draft with the same scores and notes). */
export async function reviseAssessment(
  actor: StaffUser,
  assessment: Assessment,
): Promise<string | null> {
  if (assessment.status !== "completed") return null;
  return insertRevision(assessment, actor.id);
}

/**
 * Copies into the agreed scores every item on which all assessors gave the same score; the
 * items they disagree on are left for the team to settle. Individual sheets are kept.
 */
export async function adoptUnanimousScores(
  actor: StaffUser,
  assessment: Assessment,
  expectedVersion: number,
  byAssessor: Record<string, ItemScores>,
): Promise<SaveOutcome> {
  const agreed = suggestedConsensus(byAssessor);
  const sheet: ScoreSheet = {
    scores: { ...assessment.sheet.scores },
    notes: { ...assessment.sheet.notes },
  };
  for (const [itemId, score] of Object.entries(agreed))
    if (score !== undefined) sheet.scores[itemId] = score;
  return saveScores(actor, assessment.id, expectedVersion, {
    assessedOn: assessment.assessedOn,
    participants: assessment.participants,
    sheet,
    complete: false,
  });
}

/** Closes a programme (it stays in the history and comparison) or opens it again. */
export async function setProgrammeActive(actor: StaffUser, programme: Programme, active: boolean) {
  await setProgrammeStatus(programme.id, active ? "active" : "closed");
  await recordAudit({
    actor: actorOf(actor),
    action: "programme_status_changed",
    subject: programme.name,
    details: { status: active ? "active" : "closed" },
  });
}

export async function editOrganisation(
  actor: StaffUser,
  organisationId: string,
  input: { name: string; type: OrganisationType },
): Promise<Result<null>> {
  try {
    await updateOrganisation(organisationId, input);
    await recordAudit({
      actor: actorOf(actor),
      action: "organisation_updated",
      subject: input.name,
    });
    return { ok: true, value: null };
  } catch (error) {
    if (isUniqueConstraintError(error))
      return { ok: false, errors: { name: "assessment:errors.name_taken" } };
    throw error;
  }
}

export async function editProgramme(
  actor: StaffUser,
  programmeId: string,
  input: { name: string; description: string },
) {
  await updateProgramme(programmeId, input);
  await recordAudit({ actor: actorOf(actor), action: "programme_updated", subject: input.name });
}
