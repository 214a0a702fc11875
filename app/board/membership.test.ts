import fs from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { createBoard } from "./boards.server";
import { exportMember } from "./member-data.server";
import { makeBoardWithMembers, makeSecretariat } from "./membership-test-helpers";
import {
  activateMember,
  addMember,
  endMembership,
  getMembership,
  listMembers,
  remindTermsEnding,
  renewTerm,
  signParticipation,
} from "./membership.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { testEngine } from "../../tests/unit/test-engine";
import { getUserById, getUserCredentialsByEmail } from "../auth/users.server";
import { getConfig } from "../platform/config.server";

const db = () => getIdentityDb();

beforeAll(async () => {
  await migrateIdentityStore();
});

async function outbox() {
  return db().selectFrom("outbox").select(["recipient", "subject"]).execute();
}

describe("adding a member", () => {
  it("invites a board_member account with a neutral email and keeps the contacts encrypted", async () => {
    const secretariat = await makeSecretariat(db());
    const board = await createBoard(
      { name: "Bordi Këshillimor Shkodër", areas: [], areasOther: "", residenceRule: "citizen" },
      secretariat.id,
      db(),
    );
    const added = await addMember(
      secretariat,
      {
        boardId: board.id,
        fullName: "Drita Unique-Name-Xq",
        email: "drita.xq@t.example",
        phone: "+355 69 111 2233",
        lang: "sq",
      },
      db(),
    );
    expect(added.ok).toBe(true);
    const user = (await getUserCredentialsByEmail("DRITA.xq@t.example ", db()))!;
    expect(user.status).toBe("invited");
    // The account keeps the address and the name sealed under its own key (decision 046).
    const account = await db()
      .selectFrom("users")
      .selectAll()
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(account)).not.toMatch(/Unique-Name|drita\.xq/);
    expect(await getUserById(user.id, db())).toMatchObject({
      email: "drita.xq@t.example",
      displayName: "Drita Unique-Name-Xq",
    });
    expect((await getUserById(user.id, db()))!.roles).toEqual(["board_member"]);
    const mail = (await outbox()).find((m) => m.recipient === "drita.xq@t.example")!;
    expect(mail.subject).not.toMatch(/bord|board|trafik|traffick|surviv|mbijet/i);
    const member = await getMembership(added.ok ? added.value.membershipId : "", db());
    expect(member).toMatchObject({
      fullName: "Drita Unique-Name-Xq",
      phone: "+355 69 111 2233",
      status: "invited",
    });
    const raw = await db()
      .selectFrom("board_memberships")
      .selectAll()
      .where("board_id", "=", board.id)
      .execute();
    expect(JSON.stringify(raw)).not.toMatch(/Unique-Name|111 2233|drita\.xq/);
    if (testEngine === "sqlite") {
      await db().selectFrom("users").select("id").limit(1).execute();
      expect(fs.readFileSync(getConfig().identityStorePath).includes("111 2233")).toBe(false);
    }
    // The same person twice on one board is refused.
    const again = await addMember(
      secretariat,
      { boardId: board.id, fullName: "Drita", email: "DRITA.xq@t.example", phone: "", lang: "sq" },
      db(),
    );
    expect(again).toEqual({ ok: false, errors: { email: "members:errors.already_member" } });
  });

  it("activates only after the voluntary participation form, for the board's mandate", async () => {
    const secretariat = await makeSecretariat(db());
    const { board } = await makeBoardWithMembers(secretariat, 2, db(), "Board A");
    const added = await addMember(
      secretariat,
      {
        boardId: board.id,
        fullName: "Third",
        email: `third-${crypto.randomUUID()}@t.example`,
        phone: "",
        lang: "en",
      },
      db(),
    );
    const membershipId = added.ok ? added.value.membershipId : "";
    expect(await activateMember(secretariat, { membershipId, reason: "" }, db())).toEqual({
      ok: false,
      errors: { membershipId: "members:errors.not_signed" },
    });
    const member = await getMembership(membershipId, db());
    const user = (await getUserById(member!.userId!, db()))!;
    expect(
      (
        await signParticipation(
          user,
          { membershipId, signature: "Third Person" },
          db(),
          "2026-03-01",
        )
      ).ok,
    ).toBe(true);
    expect((await signParticipation(user, { membershipId, signature: "Again" }, db())).ok).toBe(
      false,
    );
    // The third active member makes the board valid: no reason needed.
    expect(
      await activateMember(secretariat, { membershipId, reason: "" }, db(), "2026-03-02"),
    ).toEqual({ ok: true, value: null });
    expect(await getMembership(membershipId, db())).toMatchObject({
      status: "active",
      participationSignedOn: "2026-03-01",
      termStartsOn: "2026-03-02",
      termEndsOn: "2028-03-02",
    });
    expect((await listMembers(board.id, "2026-03-02", db())).composition).toMatchObject({
      activeCount: 3,
      ok: true,
    });
  });
});

describe("Art. 5 composition on activating and ending", () => {
  it("needs a recorded reason when the change leaves 3, 5 or 7 behind", async () => {
    const secretariat = await makeSecretariat(db());
    const { board, members } = await makeBoardWithMembers(secretariat, 3, db(), "Board B");
    const ending = {
      membershipId: members[0]!.membershipId,
      kind: "ended" as const,
      reason: "",
      lang: "en" as const,
    };
    expect(await endMembership(secretariat, ending, db())).toEqual({
      ok: false,
      errors: { reason: "members:errors.reason_required" },
    });
    expect((await getMembership(members[0]!.membershipId, db()))!.status).toBe("active");
    expect(
      (
        await endMembership(
          secretariat,
          { ...ending, reason: "Moved abroad; a new call is open." },
          db(),
        )
      ).ok,
    ).toBe(true);
    const row = await db()
      .selectFrom("board_memberships")
      .selectAll()
      .where("id", "=", members[0]!.membershipId)
      .executeTakeFirstOrThrow();
    // Stored under the member's own key, never as text (0021); their data export opens it.
    expect(row.end_composition_reason_encrypted).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain("Moved abroad");
    expect((await exportMember(members[0]!.membershipId, db()))?.membership).toMatchObject({
      endCompositionReason: "Moved abroad; a new call is open.",
    });
    // The reasons (the secretariat's free text) stay on the membership row; the audit log only
    // says one was recorded.
    const audited = await db()
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "in", ["board_member_activated", "board_member_ended"])
      .where("details", "like", `%${members[0]!.membershipId}%`)
      .orderBy("action")
      .execute();
    expect(audited.map((event) => [event.action, JSON.parse(event.details!)])).toEqual([
      ["board_member_activated", { membershipId: members[0]!.membershipId, withReason: true }],
      ["board_member_ended", { membershipId: members[0]!.membershipId, withReason: true }],
    ]);
    const all = await db()
      .selectFrom("audit_events")
      .select("details")
      .where("details", "is not", null)
      .execute();
    expect(JSON.stringify(all)).not.toMatch(/forming the board|Moved abroad/);
    expect((await listMembers(board.id, undefined, db())).composition.problems).toEqual([
      "too_few",
      "even",
    ]);
  });
});

describe("withdrawal (Art. 15)", () => {
  it("ends the membership at once, takes away access and tells the chair and the secretariat", async () => {
    const secretariat = await makeSecretariat(db());
    const { members } = await makeBoardWithMembers(secretariat, 3, db(), "Board C");
    const { user, membershipId } = members[1]!;
    await db()
      .insertInto("sessions")
      .values({
        id_hash: `s-${membershipId}`,
        user_id: user.id,
        created_at: new Date().toISOString(),
        last_seen_at: new Date().toISOString(),
      })
      .execute();
    const before = (await outbox()).filter((m) => m.recipient === secretariat.email).length;
    const result = await endMembership(
      user,
      { membershipId, kind: "withdrawn", reason: "Private reasons xyzzy", lang: "en" },
      db(),
    );
    expect(result.ok).toBe(true);
    const after = await getUserById(user.id, db());
    expect(after!.roles).toEqual([]);
    expect(after!.status).toBe("disabled");
    expect(
      await db().selectFrom("sessions").select("id_hash").where("user_id", "=", user.id).execute(),
    ).toEqual([]);
    expect((await outbox()).filter((m) => m.recipient === secretariat.email).length).toBe(
      before + 1,
    );
    const row = await db()
      .selectFrom("board_memberships")
      .selectAll()
      .where("id", "=", membershipId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "ended", end_kind: "withdrawn" });
    expect(JSON.stringify(row)).not.toContain("xyzzy");
    const audit = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "board_member_withdrew")
      .execute();
    expect(JSON.stringify(audit)).not.toContain("xyzzy");
    // Another member cannot withdraw someone else.
    const other = members[2]!;
    expect(
      (
        await endMembership(
          user,
          { membershipId: other.membershipId, kind: "withdrawn", reason: "", lang: "en" },
          db(),
        )
      ).ok,
    ).toBe(false);
  });
});

describe("terms and the renewal reminder", () => {
  it("reminds the secretariat once, 60 days before a term ends, and renewal extends the term", async () => {
    const secretariat = await makeSecretariat(db());
    const { members } = await makeBoardWithMembers(secretariat, 3, db(), "Board D");
    const { membershipId } = members[0]!;
    const ends = (await getMembership(membershipId, db()))!.termEndsOn!;
    const endsAt = new Date(`${ends}T10:00:00Z`);
    const day = 24 * 3600 * 1000;
    await remindTermsEnding(new Date(endsAt.getTime() - 61 * day), db());
    let row = await db()
      .selectFrom("board_memberships")
      .select("term_reminder_sent_at")
      .where("id", "=", membershipId)
      .executeTakeFirstOrThrow();
    expect(row.term_reminder_sent_at).toBeNull();
    const before = (await outbox()).filter((m) => m.recipient === secretariat.email).length;
    expect(
      await remindTermsEnding(new Date(endsAt.getTime() - 59 * day), db()),
    ).toBeGreaterThanOrEqual(3);
    expect(await remindTermsEnding(new Date(endsAt.getTime() - 58 * day), db())).toBe(0);
    expect((await outbox()).filter((m) => m.recipient === secretariat.email).length).toBe(
      before + 1,
    );
    expect((await renewTerm(secretariat, membershipId, db())).ok).toBe(true);
    const renewed = (await getMembership(membershipId, db()))!;
    expect(renewed.renewals).toBe(1);
    expect(Number(renewed.termEndsOn!.slice(0, 4))).toBe(Number(ends.slice(0, 4)) + 2);
    row = await db()
      .selectFrom("board_memberships")
      .select("term_reminder_sent_at")
      .where("id", "=", membershipId)
      .executeTakeFirstOrThrow();
    expect(row.term_reminder_sent_at).toBeNull();
  });
});
