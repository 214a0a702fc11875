import { createHash } from "node:crypto";

import type { Kysely } from "kysely";

/** The two tables this migration reads and writes, as they are at 0015. */
type Tables = {
  minutes: { id: string; status: string; content_hash: string | null };
  minutes_revisions: { minutes_id: string; number: number; content: string };
};

type StoredContent = {
  attendance: { userId: string; name?: string; status: string | null }[];
  items: {
    agendaItemId: string;
    title: string;
    discussion: string;
    decisions: string;
    confidential: boolean;
  }[];
};

/** The hash of approved minutes as computed before this migration (names included). */
function hashWithNames(content: StoredContent): string {
  return sha256({
    attendance: content.attendance.map((a) => [a.userId, a.name ?? "", a.status]),
    items: content.items.map((i) => [
      i.agendaItemId,
      i.title,
      i.discussion,
      i.decisions,
      i.confidential,
    ]),
  });
}

/** The hash as computed from now on (`contentHash` in app/meetings/minutes.server.ts). */
function hashWithoutNames(content: StoredContent): string {
  return sha256({
    attendance: content.attendance.map((a) => [a.userId, a.status]),
    items: content.items.map((i) => [
      i.agendaItemId,
      i.title,
      i.discussion,
      i.decisions,
      i.confidential,
    ]),
  });
}

function sha256(canonical: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical), "utf8").digest("hex");
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // Decision 040: the minutes keep attendance as account id and status, never a name, so that
  // erasing a member (decision 035) reaches the minutes too: names are read from the
  // membership when the minutes are shown. Every kept revision loses its names. The recorded
  // hash of approved minutes is computed again without names, but only where it matched the
  // text as approved (a hash that did not match stays as it was, so a difference still shows).
  const k = db as unknown as Kysely<Tables>;
  const approved = new Map(
    (
      await k
        .selectFrom("minutes")
        .select(["id", "content_hash"])
        .where("status", "=", "approved")
        .execute()
    ).map((row) => [row.id, row.content_hash]),
  );
  const revisions = await k
    .selectFrom("minutes_revisions")
    .select(["minutes_id", "number", "content"])
    .orderBy("minutes_id")
    .orderBy("number", "desc")
    .execute();
  const latestSeen = new Set<string>();
  for (const revision of revisions) {
    const content = JSON.parse(revision.content) as StoredContent;
    const isLatest = !latestSeen.has(revision.minutes_id);
    latestSeen.add(revision.minutes_id);
    const recorded = approved.get(revision.minutes_id);
    if (isLatest && recorded && recorded === hashWithNames(content))
      await k
        .updateTable("minutes")
        .set({ content_hash: hashWithoutNames(content) })
        .where("id", "=", revision.minutes_id)
        .execute();
    if (!content.attendance.some((a) => "name" in a)) continue;
    const stripped: StoredContent = {
      attendance: content.attendance.map((a) => ({ userId: a.userId, status: a.status })),
      items: content.items,
    };
    await k
      .updateTable("minutes_revisions")
      .set({ content: JSON.stringify(stripped) })
      .where("minutes_id", "=", revision.minutes_id)
      .where("number", "=", revision.number)
      .execute();
  }
}

export async function down(): Promise<void> {
  // The names are gone; the minutes read them from the memberships, before and after.
}
