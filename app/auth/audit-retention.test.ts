import { beforeAll, describe, expect, it } from "vitest";

import { auditRetentionMonths, deleteExpiredAuditEvents, recordAudit } from "./audit.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { cleanUpIdentityStore } from "../platform/identity-lifecycle.server";

const db = () => getIdentityDb();

async function subjectsKept(subjects: string[]) {
  const rows = await db()
    .selectFrom("audit_events")
    .select("subject")
    .where("subject", "in", subjects)
    .execute();
  return rows.map((row) => row.subject).sort();
}

beforeAll(async () => {
  await migrateIdentityStore();
});

describe("the audit log's retention (issue 15)", () => {
  it("reads AUDIT_RETENTION_MONTHS, 24 by default or when it makes no sense", () => {
    expect(auditRetentionMonths({})).toBe(24);
    expect(auditRetentionMonths({ AUDIT_RETENTION_MONTHS: "36" })).toBe(36);
    for (const wrong of ["0", "-3", "2.5", "many", "121"])
      expect(auditRetentionMonths({ AUDIT_RETENTION_MONTHS: wrong })).toBe(24);
  });

  it("the regular clean-up deletes entries older than two years and keeps the others", async () => {
    const now = new Date("2026-11-30T10:00:00.000Z");
    const tag = crypto.randomUUID();
    const at = (iso: string) => new Date(iso);
    const entries: [string, Date][] = [
      [`${tag}-25-months`, at("2024-10-30T10:00:00.000Z")],
      [`${tag}-just-over`, at("2024-11-30T09:59:59.000Z")],
      [`${tag}-just-under`, at("2024-11-30T10:00:01.000Z")],
      [`${tag}-last-month`, at("2026-10-30T10:00:00.000Z")],
    ];
    for (const [subject, when] of entries)
      await recordAudit({ actor: null, action: "sign_in", subject }, db(), when);
    const counts = await cleanUpIdentityStore(now);
    expect(counts.auditEvents).toBeGreaterThanOrEqual(2);
    expect(await subjectsKept(entries.map(([subject]) => subject))).toEqual([
      `${tag}-just-under`,
      `${tag}-last-month`,
    ]);
    // A shorter period, as an NGO may set it, takes more.
    expect(await deleteExpiredAuditEvents(now, db(), 1)).toBeGreaterThanOrEqual(1);
    expect(await subjectsKept(entries.map(([subject]) => subject))).toEqual([`${tag}-last-month`]);
  });
});
