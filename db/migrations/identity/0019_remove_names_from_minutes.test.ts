import { createHash } from "node:crypto";

import { sql, type Kysely, type Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identityStoreAt } from "./migration-test-helpers";
import { contentHash } from "../../../app/meetings/minutes.server";

type Tables = {
  minutes: {
    id: string;
    meeting_id: string;
    number: number;
    status: string;
    content_hash: string | null;
    created_at: string;
  };
  minutes_revisions: { minutes_id: string; number: number; content: string; created_at: string };
};

const items = [
  {
    agendaItemId: "i1",
    title: "Hapja",
    discussion: "U diskutua.",
    decisions: "",
    confidential: false,
  },
];
const withNames = (status: string) => ({
  attendance: [
    { userId: "u1", name: "Arta Hoxha-Xq", status },
    { userId: "u2", name: "Blerim Gashi-Xq", status: "present" },
  ],
  items,
});
/** The hash as 0015-0018 computed it: names included. */
const oldHash = (content: ReturnType<typeof withNames>) =>
  createHash("sha256")
    .update(
      JSON.stringify({
        attendance: content.attendance.map((a) => [a.userId, a.name, a.status]),
        items: content.items.map((i) => [
          i.agendaItemId,
          i.title,
          i.discussion,
          i.decisions,
          i.confidential,
        ]),
      }),
      "utf8",
    )
    .digest("hex");

let db: Kysely<Tables>;
let migrator: Migrator;

beforeAll(async () => {
  ({ db, migrator } = await identityStoreAt<Tables>("0018_create_closed_days"));
  // The rows below stand alone: no meeting, board or account behind them.
  await sql`pragma foreign_keys = off`.execute(db);
});

afterAll(() => db.destroy());

describe("migration 0019: the minutes keep no names (decision 040)", () => {
  it("removes the names from every revision and hashes approved minutes again, only where the hash was true", async () => {
    const at = "2026-11-20T10:00:00.000Z";
    const draft = withNames("excused");
    const approvedText = withNames("present");
    const tampered = withNames("late");
    await db
      .insertInto("minutes")
      .values([
        {
          id: "m-draft",
          meeting_id: "x",
          number: 0,
          status: "draft",
          content_hash: null,
          created_at: at,
        },
        {
          id: "m-approved",
          meeting_id: "y",
          number: 0,
          status: "approved",
          content_hash: oldHash(approvedText),
          created_at: at,
        },
        {
          id: "m-tampered",
          meeting_id: "z",
          number: 0,
          status: "approved",
          content_hash: "not-the-hash",
          created_at: at,
        },
      ])
      .execute();
    await db
      .insertInto("minutes_revisions")
      .values([
        { minutes_id: "m-draft", number: 1, content: JSON.stringify(draft), created_at: at },
        {
          minutes_id: "m-approved",
          number: 1,
          content: JSON.stringify(withNames("absent")),
          created_at: at,
        },
        {
          minutes_id: "m-approved",
          number: 2,
          content: JSON.stringify(approvedText),
          created_at: at,
        },
        { minutes_id: "m-tampered", number: 1, content: JSON.stringify(tampered), created_at: at },
      ])
      .execute();

    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toContain("0019_remove_names_from_minutes");

    const revisions = await db.selectFrom("minutes_revisions").selectAll().execute();
    expect(revisions).toHaveLength(4);
    expect(JSON.stringify(revisions)).not.toMatch(/Arta|Blerim|Xq|"name"/);
    const approvedLatest = revisions.find((r) => r.minutes_id === "m-approved" && r.number === 2)!;
    expect(JSON.parse(approvedLatest.content)).toEqual({
      attendance: [
        { userId: "u1", status: "present" },
        { userId: "u2", status: "present" },
      ],
      items,
    });
    const docs = new Map(
      (await db.selectFrom("minutes").select(["id", "content_hash"]).execute()).map((d) => [
        d.id,
        d.content_hash,
      ]),
    );
    // The approved text's hash, as the portal computes it from now on.
    expect(docs.get("m-approved")).toBe(contentHash(JSON.parse(approvedLatest.content)));
    expect(docs.get("m-approved")).not.toBe(oldHash(approvedText));
    // A hash that did not match the text stays as it was: the difference still shows.
    expect(docs.get("m-tampered")).toBe("not-the-hash");
    expect(docs.get("m-draft")).toBeNull();
  });
});
