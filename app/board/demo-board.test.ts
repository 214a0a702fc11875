import { beforeAll, describe, expect, it, vi } from "vitest";

import { exportApplicant } from "./applications.server";
import { unlabelledFields } from "./export-labels-test-helpers";
import { exportMember } from "./member-data.server";
import {
  DEMO_BOARD_NAME,
  DEMO_CHAIR_EMAIL,
  DEMO_FORMING_BOARD_NAME,
} from "./membership-demo.server";
import { getIdentityDb } from "../../db/identity-store";
import { getUserById } from "../auth/users.server";
import { seedDemoIfEmpty } from "../platform/demo-seed.server";
import { migrateAll } from "../platform/startup.server";

const db = () => getIdentityDb();
const printed: string[] = [];

beforeAll(async () => {
  await migrateAll();
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
  });
  try {
    expect(await seedDemoIfEmpty("http://localhost:3000")).toBe(true);
    // A second start finds the database filled: nothing is seeded or printed again.
    expect(await seedDemoIfEmpty("http://localhost:3000")).toBe(false);
  } finally {
    log.mockRestore();
  }
}, 120_000);

describe("the demo a newcomer walks", () => {
  it("prints the demo sign-ins once", () => {
    const output = printed.join("\n");
    expect(output.match(/Demo accounts created/g)).toHaveLength(1);
    expect(output).toContain("secretariat@demo.example");
    // The elected chair can sign in: printed with a password, the account active.
    expect(output).toMatch(/board chair\s+arta\.member@demo\.example\s+\S+/);
  });

  it("gives the elected chair a sign-in, and minutes waiting for the chair's approval", async () => {
    const chair = await db()
      .selectFrom("users")
      .innerJoin("board_memberships", "board_memberships.user_id", "users.id")
      .innerJoin("board_elections", "board_elections.elected_membership_id", "board_memberships.id")
      .select(["users.id", "users.status", "users.password_hash"])
      .executeTakeFirstOrThrow();
    // A member's account keeps its address sealed (decision 046): opened to compare.
    expect((await getUserById(chair.id, db()))!.email).toBe(DEMO_CHAIR_EMAIL);
    expect(chair.status).toBe("active");
    expect(chair.password_hash).not.toBeNull();
    const statuses = await db()
      .selectFrom("minutes")
      .innerJoin("meetings", "meetings.id", "minutes.meeting_id")
      .select(["minutes.status", "minutes.comment_deadline"])
      .orderBy("meetings.starts_at")
      .execute();
    expect(statuses.map((m) => m.status)).toEqual(["circulated", "approved", "approved"]);
    // Past its comment deadline, so the chair may approve although not everyone answered.
    expect(statuses[0]!.comment_deadline! < new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it("has minutes approved by decision at the next meeting, recorded at that later past meeting", async () => {
    const now = new Date().toISOString();
    const held = await db()
      .selectFrom("meetings")
      .select(["id", "starts_at"])
      .where("starts_at", "<", now)
      .orderBy("starts_at")
      .execute();
    expect(held).toHaveLength(3);
    const approvals = await db()
      .selectFrom("minutes")
      .innerJoin("meetings", "meetings.id", "minutes.meeting_id")
      .select([
        "minutes.meeting_id",
        "minutes.approval_kind",
        "minutes.approval_meeting_id",
        "minutes.content_hash",
      ])
      .where("minutes.status", "=", "approved")
      .orderBy("meetings.starts_at")
      .execute();
    // The middle meeting's minutes were approved at the latest past meeting, the latest past
    // meeting's own minutes by the chair.
    expect(approvals).toMatchObject([
      { meeting_id: held[1]!.id, approval_kind: "meeting", approval_meeting_id: held[2]!.id },
      { meeting_id: held[2]!.id, approval_kind: "chair", approval_meeting_id: null },
    ]);
    expect(approvals[0]!.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("has one board showing every path, and an empty board in formation beside it", async () => {
    const boards = await db().selectFrom("boards").select(["id", "name"]).orderBy("name").execute();
    expect(boards.map((b) => b.name)).toEqual([DEMO_BOARD_NAME, DEMO_FORMING_BOARD_NAME]);
    const boardId = boards[0]!.id;
    const formingId = boards[1]!.id;

    // An open call with applications, the demo reviewer assigned.
    const calls = await db().selectFrom("board_calls").select(["id", "board_id"]).execute();
    expect(calls.map((c) => c.board_id)).toEqual([boardId]);
    const applications = await db()
      .selectFrom("board_applications")
      .select("id")
      .where("call_id", "=", calls[0]!.id)
      .execute();
    expect(applications).toHaveLength(3);
    const reviewers = await db()
      .selectFrom("board_call_reviewers")
      .select("user_id")
      .where("call_id", "=", calls[0]!.id)
      .execute();
    expect(reviewers).toHaveLength(1);

    // A finished chair election.
    const elections = await db()
      .selectFrom("board_elections")
      .select(["board_id", "position", "status", "elected_membership_id"])
      .execute();
    expect(elections).toHaveLength(1);
    expect(elections[0]).toMatchObject({ board_id: boardId, position: "chair", status: "closed" });
    expect(elections[0]!.elected_membership_id).not.toBeNull();

    // A past meeting with approved minutes, and a coming one.
    const now = new Date().toISOString();
    const meetings = await db()
      .selectFrom("meetings")
      .leftJoin("minutes", "minutes.meeting_id", "meetings.id")
      .select(["meetings.board_id", "meetings.starts_at", "minutes.status"])
      .execute();
    expect(meetings.every((m) => m.board_id === boardId)).toBe(true);
    expect(meetings.some((m) => m.starts_at < now && m.status === "approved")).toBe(true);
    expect(meetings.some((m) => m.starts_at > now)).toBe(true);

    // The board in formation has no members: the composition rule shows as not met there.
    const forming = await db()
      .selectFrom("board_memberships")
      .select("id")
      .where("board_id", "=", formingId)
      .execute();
    expect(forming).toEqual([]);
  });
});

describe("the admin's pages of everything held about a person", () => {
  it("name every part and field of the demo members' exports in both languages", async () => {
    const memberships = await db().selectFrom("board_memberships").select("id").execute();
    expect(memberships.length).toBeGreaterThan(2);
    for (const { id } of memberships) {
      const held = (await exportMember(id))!;
      expect(unlabelledFields(held, (part) => `members:data.sections.${part}`)).toEqual([]);
    }
    // The demo's own applications (the fuller one is in board-applications.engines.test.ts).
    for (const { id } of await db().selectFrom("board_applications").select("id").execute()) {
      const held = (await exportApplicant(id))!;
      expect(unlabelledFields(held, (part) => `board:admin.applicant.sections.${part}`)).toEqual(
        [],
      );
    }
  });
});
