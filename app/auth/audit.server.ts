import { randomUUID } from "node:crypto";

import { sql } from "kysely";

import { accountEmailLookup, accountFieldsOf } from "./account-keys.server";
import type { AuditAction } from "./audit-actions";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

export type AuditActor = { id: string; email: string } | null;

/**
 * Appends one entry to the audit log. A board member's sealed account (decision 046) is never
 * named there by its address: as the actor its `actor_email` holds the account id, and a
 * subject that is its address (a sign-in failure, a password reset) is replaced by the id. The
 * log's pages name the id by the address while the account holds one.
 */
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
  let actorEmail = entry.actor?.email ?? null;
  if (entry.actor) {
    const sealed = await db
      .selectFrom("users")
      .select("id")
      .where("id", "=", entry.actor.id)
      .where("email_encrypted", "is not", null)
      .executeTakeFirst();
    if (sealed) actorEmail = entry.actor.id;
  }
  let subject = entry.subject ?? null;
  if (subject?.includes("@")) {
    const sealed = await db
      .selectFrom("users")
      .select("id")
      .where("email_lookup", "=", accountEmailLookup(subject))
      .executeTakeFirst();
    if (sealed) subject = sealed.id;
  }
  await db
    .insertInto("audit_events")
    .values({
      id: randomUUID(),
      occurred_at: now.toISOString(),
      actor_user_id: entry.actor?.id ?? null,
      actor_email: actorEmail,
      action: entry.action,
      subject,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/**
 * How many months the audit log keeps an entry (issue 15: "a retention period, configurable,
 * default 2 years"): AUDIT_RETENTION_MONTHS, a whole number from 1 to 120, 24 by default.
 */
export function auditRetentionMonths(
  env: Record<string, string | undefined> = process.env,
): number {
  const months = Number(env.AUDIT_RETENTION_MONTHS ?? "24");
  return Number.isInteger(months) && months >= 1 && months <= 120 ? months : 24;
}

/**
 * Deletes the audit entries older than `months` calendar months before `now` (UTC), and
 * returns how many went. Run with the identity store's clean-up (identity-lifecycle.server.ts).
 */
export async function deleteExpiredAuditEvents(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
  months = auditRetentionMonths(),
): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const result = await db
    .deleteFrom("audit_events")
    .where("occurred_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
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
    // A board member's sealed account is logged by its id: found by its whole address only.
    const sealed = filter.actor.includes("@")
      ? await db
          .selectFrom("users")
          .select("id")
          .where("email_lookup", "=", accountEmailLookup(filter.actor))
          .executeTakeFirst()
      : undefined;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(actor_email) like ${pattern} escape '\\'`,
        ...(sealed ? [eb("actor_user_id", "=", sealed.id)] : []),
      ]),
    );
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One detail of an audit entry as shown: its key and a readable value (names for ids). */
export type AuditDetail = { key: string; value: string };

/**
 * Names for the ids an audit page shows (in subjects and details): campaigns by title,
 * organisations, programmes and good practices by name, assessments by their programme and
 * date, people by email (a board member's sealed account opened, decision 046; also the
 * `actor_email` of such an account, which holds its id). Campaigns are named in `lang` when
 * they have wording in it, else in their first language. Ids that no longer exist stay as
 * they are.
 */
export async function nameAuditIds(
  events: { subject: string | null; details: string | null; actor_email?: string | null }[],
  lang: "sq" | "en" = "sq",
  db: IdentityDb = getIdentityDb(),
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.subject && UUID.test(event.subject)) ids.add(event.subject);
    if (event.actor_email && UUID.test(event.actor_email)) ids.add(event.actor_email);
    for (const value of Object.values(parseDetails(event.details))) {
      if (typeof value === "string" && UUID.test(value)) ids.add(value);
    }
  }
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const list = [...ids];
  const [campaigns, organisations, programmes, practices, assessments, users] = await Promise.all([
    // A campaign's title in each of its languages (migration 0006); the reader's first.
    db
      .selectFrom("feedback_campaign_texts")
      .select(["campaign_id as id", "title"])
      .where("campaign_id", "in", list)
      .orderBy("campaign_id")
      .orderBy(sql`case when lang = ${lang} then 0 else 1 end`)
      .execute(),
    db.selectFrom("organisations").select(["id", "name"]).where("id", "in", list).execute(),
    db.selectFrom("programmes").select(["id", "name"]).where("id", "in", list).execute(),
    db.selectFrom("good_practices").select(["id", "title"]).where("id", "in", list).execute(),
    db
      .selectFrom("assessments")
      .innerJoin("programmes", "programmes.id", "assessments.programme_id")
      .select(["assessments.id", "programmes.name", "assessments.assessed_on"])
      .where("assessments.id", "in", list)
      .execute(),
    accountFieldsOf(list, db),
  ]);
  for (const row of campaigns) if (!names.has(row.id)) names.set(row.id, row.title);
  for (const row of organisations) names.set(row.id, row.name);
  for (const row of programmes) names.set(row.id, row.name);
  for (const row of practices) names.set(row.id, row.title);
  for (const row of assessments) names.set(row.id, `${row.name}, ${row.assessed_on}`);
  for (const [id, account] of users) names.set(id, account.email);
  return names;
}

/** The details of an entry as key/value pairs, ids replaced by names. */
export function describeAuditDetails(
  details: string | null,
  names: Map<string, string>,
): AuditDetail[] {
  return Object.entries(parseDetails(details)).map(([key, value]) => ({
    key,
    value: Array.isArray(value)
      ? value.map((item) => nameOf(item, names)).join(", ")
      : nameOf(value, names),
  }));
}

function nameOf(value: unknown, names: Map<string, string>): string {
  if (typeof value === "string") return names.get(value) ?? value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function parseDetails(details: string | null): Record<string, unknown> {
  if (!details) return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** "2026-11-29 20:15:03" in the given IANA time zone (the portal's TIME_ZONE). */
export function formatAuditTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}
