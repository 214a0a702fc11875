import { getAssessment, type Assessment } from "./assessments.server";
import {
  canAccessOrganisation,
  getOrganisation,
  getProgramme,
  getProgrammeForUser,
  type Organisation,
  type Programme,
} from "./organisations.server";
import { requireUser, type StaffContext } from "../auth/guard.server";

/**
 * Guards for assessment pages: the permission first, then the organisation. A coordinator who
 * does not work for the organisation gets 403, exactly like a missing role.
 */
const forbidden = () => new Response("Forbidden", { status: 403 });
const notFound = () => new Response("Not Found", { status: 404 });

export async function requireOrganisation(
  request: Request,
  organisationId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { organisation: Organisation }> {
  const context = await requireUser(request, "assessments:manage", formData);
  const organisation = organisationId ? await getOrganisation(organisationId) : null;
  if (!organisation) throw notFound();
  if (!(await canAccessOrganisation(context.user, organisation.id))) throw forbidden();
  return { ...context, organisation };
}

/**
 * The programme of a page, with its organisation (null if missing), for a person with
 * assessments:manage who works for the organisation (or an admin): 404 for no such programme,
 * 403 otherwise. One query for programme, organisation and membership.
 */
export async function requireProgramme(
  request: Request,
  programmeId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { programme: Programme; organisation: Organisation | null }> {
  const context = await requireUser(request, "assessments:manage", formData);
  const found = programmeId ? await getProgrammeForUser(programmeId, context.user) : null;
  if (!found) throw notFound();
  if (!found.canAccess) throw forbidden();
  return { ...context, programme: found.programme, organisation: found.organisation };
}

export async function requireAssessment(
  request: Request,
  assessmentId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { programme: Programme; assessment: Assessment }> {
  const context = await requireUser(request, "assessments:manage", formData);
  const assessment = assessmentId ? await getAssessment(assessmentId) : null;
  if (!assessment) throw notFound();
  const programme = await getProgramme(assessment.programmeId);
  if (!programme) throw notFound();
  if (!(await canAccessOrganisation(context.user, programme.organisationId))) throw forbidden();
  return { ...context, programme, assessment };
}
