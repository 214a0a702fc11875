import { randomUUID } from "node:crypto";

import {
  emptyAnswers,
  missingAnswers,
  type PracticeAnswers,
  type PracticeContent,
} from "./good-practice-form";
import { canAccessOrganisation, getOrganisation, type Organisation } from "./organisations.server";
import {
  allReplicabilityQuestions,
  isReplicabilityQuestionId,
  type ReplicabilityQuestionId,
} from "./replicability";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { recordAudit } from "../auth/audit.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import type { StaffUser } from "../auth/users.server";

/**
 * Good practices seen elsewhere and whether they can be replicated (Annex 1.1), kept per
 * organisation in the identity store. A practice is a draft until all 10 questions are
 * answered and it is completed; drafts are saved with the same version check as assessments.
 */
export type GoodPractice = {
  id: string;
  organisationId: string;
  title: string;
  description: string;
  answers: PracticeAnswers;
  status: "draft" | "completed";
  version: number;
  createdAt: string;
  completedAt: string | null;
};

export type GoodPracticeSummary = {
  id: string;
  title: string;
  status: "draft" | "completed";
  createdAt: string;
  completedAt: string | null;
  answered: number;
};

const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });
const QUESTION_COUNT = allReplicabilityQuestions().length;

/** The stored answers: JSON of questionId → text; anything else in it is ignored. */
function readAnswers(json: string): PracticeAnswers {
  const answers = emptyAnswers();
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return answers;
  }
  if (stored && typeof stored === "object") {
    for (const [id, text] of Object.entries(stored))
      if (isReplicabilityQuestionId(id) && typeof text === "string") answers[id] = text;
  }
  return answers;
}

function writeAnswers(answers: Partial<Record<ReplicabilityQuestionId, string>>): string {
  const out = emptyAnswers();
  for (const id of Object.keys(out) as ReplicabilityQuestionId[]) out[id] = answers[id] ?? "";
  return JSON.stringify(out);
}

export async function getGoodPractice(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<GoodPractice | null> {
  const row = await db
    .selectFrom("good_practices")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    description: row.description,
    answers: readAnswers(row.answers),
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** An organisation's practices, newest first. */
export async function listGoodPractices(
  organisationId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<GoodPracticeSummary[]> {
  const rows = await db
    .selectFrom("good_practices")
    .select(["id", "title", "status", "created_at", "completed_at", "answers"])
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    answered: QUESTION_COUNT - missingAnswers(readAnswers(row.answers)).length,
  }));
}

/** Creates a draft practice for an organisation (the caller has checked access) and audits it. */
export async function createGoodPractice(
  actor: StaffUser,
  organisationId: string,
  input: { title: string; description: string },
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("good_practices")
      .values({
        id,
        organisation_id: organisationId,
        title: input.title,
        description: input.description,
        answers: writeAnswers({}),
        status: "draft",
        version: 1,
        created_by: actor.id,
        created_at: new Date().toISOString(),
        completed_at: null,
      })
      .execute();
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "good_practice_created",
        subject: input.title,
        details: { practiceId: id, organisationId },
      },
      trx,
    );
  });
  return id;
}

export type PracticeSaveOutcome =
  | { ok: true; completed: boolean; version: number }
  | { ok: false; kind: "missing"; missing: ReplicabilityQuestionId[] }
  | { ok: false; kind: "conflict" | "completed" | "not_found" };

/**
 * Saves a draft, or completes it when all 10 questions are answered (else lists the missing
 * ones and writes nothing). Only if nobody saved it since `expectedVersion` was read: the check
 * and the write (and the audit of a completion) are one transaction.
 */
export async function saveGoodPractice(
  actor: StaffUser,
  id: string,
  expectedVersion: number,
  input: PracticeContent & { complete: boolean },
  db: IdentityDb = getIdentityDb(),
): Promise<PracticeSaveOutcome> {
  if (input.complete) {
    const missing = missingAnswers(input.answers);
    if (missing.length > 0) return { ok: false, kind: "missing", missing };
  }
  return db.transaction().execute(async (trx) => {
    const current = await forUpdate(
      trx,
      trx.selectFrom("good_practices").select(["version", "status"]).where("id", "=", id),
    ).executeTakeFirst();
    if (!current) return { ok: false, kind: "not_found" } as const;
    if (current.status === "completed") return { ok: false, kind: "completed" } as const;
    if (current.version !== expectedVersion) return { ok: false, kind: "conflict" } as const;
    const version = expectedVersion + 1;
    await trx
      .updateTable("good_practices")
      .set({
        title: input.title,
        description: input.description,
        answers: writeAnswers(input.answers),
        status: input.complete ? "completed" : "draft",
        completed_at: input.complete ? new Date().toISOString() : null,
        version,
      })
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .execute();
    if (input.complete) {
      await recordAudit(
        {
          actor: actorOf(actor),
          action: "good_practice_completed",
          subject: input.title,
          details: { practiceId: id },
        },
        trx,
      );
    }
    return { ok: true, completed: input.complete, version } as const;
  });
}

/**
 * Who may open a practice: an admin, or a coordinator of the practice's organisation.
 * "forbidden" for anyone else, exactly like a missing role.
 */
export async function practiceFor(
  user: StaffUser,
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<
  | { ok: true; practice: GoodPractice; organisation: Organisation }
  | { ok: false; reason: "not_found" | "forbidden" }
> {
  const practice = await getGoodPractice(id, db);
  if (!practice) return { ok: false, reason: "not_found" };
  const organisation = await getOrganisation(practice.organisationId, db);
  if (!organisation) return { ok: false, reason: "not_found" };
  if (!(await canAccessOrganisation(user, organisation.id, db)))
    return { ok: false, reason: "forbidden" };
  return { ok: true, practice, organisation };
}

/** Guard for the practice page: the permission first, then the practice's organisation. */
export async function requirePractice(
  request: Request,
  practiceId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { practice: GoodPractice; organisation: Organisation }> {
  const context = await requireUser(request, "assessments:manage", formData);
  const found = practiceId ? await practiceFor(context.user, practiceId) : null;
  if (!found || (!found.ok && found.reason === "not_found"))
    throw new Response("Not Found", { status: 404 });
  if (!found.ok) throw new Response("Forbidden", { status: 403 });
  return { ...context, practice: found.practice, organisation: found.organisation };
}
