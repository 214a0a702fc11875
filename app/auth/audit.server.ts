import { randomUUID } from "node:crypto";

import { sql } from "kysely";

import type { AuditAction } from "./audit-actions";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

export type AuditActor = { id: string; email: string } | null;

export async function recordAudit(
  entry: {
    actor: AuditActor;
    action: AuditAction;
    subject?: string | null;
    details?: Record<string, unknown>;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      id: randomUUID(),
      occurred_at: now.toISOString(),
      actor_user_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export type AuditFilter = { action?: string; actor?: string; from?: string; to?: string };
export const AUDIT_PAGE_SIZE = 100;

export async function listAuditEvents(
  filter: AuditFilter,
  page: number,
  db: IdentityDb = getIdentityDb(),
) {
  let query = db.selectFrom("audit_events").selectAll();
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(actor_email) like ${pattern} escape '\\'`);
  }
  if (filter.from) query = query.where("occurred_at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("occurred_at", "<=", `${filter.to}T23:59:59.999Z`);
  const rows = await query
    .orderBy("occurred_at", "desc")
    .orderBy("id")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}
