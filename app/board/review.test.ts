import fs from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import type { Application } from "./application.schemas";
import { eraseApplication, storeApplication } from "./applications.server";
import { createBoard } from "./boards.server";
import { insertCall, type BoardCall } from "./calls.server";
import { failAuditOf, makeSecretariat, testApplication } from "./membership-test-helpers";
import { namesForRecusal, nameToken } from "./recusal.server";
import {
  assignReviewers,
  auditApplicationOpened,
  listForReviewer,
  recordConflictCommand,
  redactApplication,
  changeShortlist,
  fixShortlistCommand,
  redactTexts,
  reviewViewFor,
  scoreApplication,
  submitRecusal,
} from "./review.commands.server";
import { getRedaction, listCallApplications, listCallReviewers, listScores } from "./review.server";
import {
  listPersonalContactsAudited,
  recordListSent,
  recordVote,
  sendOutcomes,
} from "./selection.commands.server";
import { getCallSelection, listPersonalContacts } from "./selection.server";
import { scoreBoard } from "./shortlist.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { testEngine } from "../../tests/unit/test-engine";
import { addMember, insertOrganisation } from "../assessment/organisations.server";
import {
  getUserById,
  getUserCredentialsByEmail,
  insertUser,
  setStatus,
  type StaffUser,
} from "../auth/users.server";
import { deleteClosedDay, insertClosedDay } from "../meetings/closed-days.server";
import { getConfig } from "../platform/config.server";

const db = () => getIdentityDb();
const TODAY = "2026-11-30";
const MARKERS = { name: "name", place: "place", date: "date", organisation: "organisation" };

/** An application by an adult who gave the optional fields (the balance view counts them). */
function application(overrides: Partial<Application>): Application {
  return testApplication({
    gender: "woman",
    region: "berat",
    expertise: ["victim_support"],
    signedOn: TODAY,
    ...overrides,
  });
}

async function store(call: BoardCall, overrides: Partial<Application>) {
  const sent = await storeApplication({ call, application: application(overrides), lang: "sq" });
  return (
    await db()
      .selectFrom("board_applications")
      .select("id")
      .where("reference_code", "=", sent.reference)
      .executeTakeFirstOrThrow()
  ).id;
}

async function reviewer(name: string): Promise<StaffUser> {
  const id = await insertUser(
    {
      email: `${name}-${crypto.randomUUID()}@t.example`,
      displayName: name,
      passwordHash: "x",
      roles: ["reviewer"],
    },
    db(),
  );
  return (await getUserById(id, db()))!;
}

let secretariat: StaffUser;
let call: BoardCall;
let ids: { known: string; nominated: string; plain: string };
let a: StaffUser;
let b: StaffUser;
let c: StaffUser;

beforeAll(async () => {
  await migrateIdentityStore();
  secretariat = await makeSecretariat(db());
  const board = await createBoard(
    { name: "Review board", areas: ["legal_policy"], areasOther: "", residenceRule: "citizen" },
    secretariat.id,
    db(),
  );
  call = await insertCall(
    { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: true },
    secretariat.id,
    db(),
  );
  ids = {
    known: await store(call, { firstName: "Blerta", lastName: "Known-Xq" }),
    nominated: await store(call, {
      firstName: "Dorina",
      lastName: "Nominated-Xq",
      nominated: "yes",
      nominatingOrganisation: "Qendra tjeter Vlore",
    }),
    plain: await store(call, {
      firstName: "Elira",
      lastName: "Plain-Xq",
      activity: "Elira punoi me Qendra Tjetër Vlorë në Durrës.",
    }),
  };
  a = await reviewer("Reviewer A");
  b = await reviewer("Reviewer B");
  c = await reviewer("Reviewer C");
  const organisation = await insertOrganisation(
    { name: `Qendra Tjetër Vlorë ${crypto.randomUUID().slice(0, 4)}`, type: "ngo" },
    db(),
  );
  // The organisation's name carries a suffix (names are unique in the store); the applicant
  // wrote it without, and without diacritics: still their organisation.
  await addMember(organisation, a.id, db());
});

describe("assigning reviewers and recusal", () => {
  it("assigns only reviewer accounts and lists the reviewer's calls", async () => {
    const result = await assignReviewers(
      secretariat,
      call.id,
      [a.id, b.id, c.id, secretariat.id],
      new Date(),
      db(),
    );
    expect(result).toEqual({ ok: true, value: { added: 3, removed: 0 } });
    expect((await listCallReviewers(call.id, db())).map((r) => r.userId).sort()).toEqual(
      [a.id, b.id, c.id].sort(),
    );
  });

  it("shows a reviewer no application before they go through the names list", async () => {
    expect(await reviewViewFor(a, call, ids.plain, TODAY, db())).toEqual({
      ok: false,
      reason: "recusal_first",
    });
  });

  it("lists names alone, with tokens that are not the application ids", async () => {
    const applications = await listCallApplications(call.id, db());
    const names = await namesForRecusal(call.id, a.id, applications, db());
    expect(names.map((n) => n.name).sort()).toEqual([
      "Blerta Known-Xq",
      "Dorina Nominated-Xq",
      "Elira Plain-Xq",
    ]);
    for (const name of names) expect(Object.values(ids).join(" ")).not.toContain(name.token);
  });

  it("decrypts only the fields a list asks for", async () => {
    const full = await listCallApplications(call.id, db());
    const light = await listCallApplications(call.id, db(), undefined, {
      fields: ["dateOfBirth", "nominatingOrganisation"],
    });
    expect(light.map((x) => x.id)).toEqual(full.map((x) => x.id));
    for (const [i, application] of light.entries()) {
      expect(Object.keys(application.fields).sort()).toEqual([
        "dateOfBirth",
        "nominatingOrganisation",
      ]);
      expect(application.fields.dateOfBirth).toBe(full[i]!.fields.dateOfBirth);
    }
  });

  it("excludes a reviewer from an application they marked, one their organisation nominated, and one the secretariat recorded", async () => {
    const marked = await submitRecusal(
      a,
      call.id,
      [nameToken(a.id, ids.known), "forged"],
      new Date(),
      db(),
    );
    expect(marked).toEqual({ ok: true, value: { marked: 1 } });
    await submitRecusal(b, call.id, [], new Date(), db());
    await submitRecusal(c, call.id, [], new Date(), db());
    expect(
      await recordConflictCommand(
        secretariat,
        call.id,
        { reviewerId: b.id, applicationId: ids.plain },
        new Date(),
        db(),
      ),
    ).toEqual({ ok: true, value: null });
    // A reviewer not on the call cannot be given a conflict.
    expect(
      (
        await recordConflictCommand(
          secretariat,
          call.id,
          { reviewerId: secretariat.id, applicationId: ids.plain },
          new Date(),
          db(),
        )
      ).ok,
    ).toBe(false);
    // Blind mode: nothing is open before the secretariat's redaction.
    expect((await listForReviewer(c, call, TODAY, db())).applications).toEqual([]);
    for (const id of Object.values(ids)) {
      const original = (await listCallApplications(call.id, db())).find((x) => x.id === id)!;
      const texts = redactTexts(
        {
          activity: String(original.fields.activity),
          suitability: String(original.fields.suitability),
          motivation: "",
          additional: "",
        },
        { names: "Elira", places: "Durrës, Berat", organisations: "Qendra Tjeter Vlore" },
        MARKERS,
      );
      expect((await redactApplication(secretariat, call.id, id, texts, new Date(), db())).ok).toBe(
        true,
      );
    }
    const listOf = async (user: StaffUser) =>
      (await listForReviewer(user, call, TODAY, db())).applications.map((x) => x.id).sort();
    expect(await listOf(a)).toEqual([ids.plain]);
    expect(await listOf(b)).toEqual([ids.known, ids.nominated].sort());
    expect(await listOf(c)).toEqual(Object.values(ids).sort());
    for (const [user, id] of [
      [a, ids.known],
      [a, ids.nominated],
      [b, ids.plain],
    ] as const) {
      expect(await reviewViewFor(user, call, id, TODAY, db())).toEqual({
        ok: false,
        reason: "not_found",
      });
    }
    // The names list no longer offers a name already marked.
    const names = await namesForRecusal(
      call.id,
      a.id,
      await listCallApplications(call.id, db()),
      db(),
    );
    expect(names.map((n) => n.name)).not.toContain("Blerta Known-Xq");
  });
});

describe("blind review and scoring", () => {
  it("shows the age band and the redacted answers, never the name or contact", async () => {
    const opened = await reviewViewFor(a, call, ids.plain, TODAY, db());
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.view.identity).toBeNull();
    expect(opened.view.ageBand).toBe("35-44");
    expect(opened.view.texts.activity).toBe("[name] punoi me [organisation] në [place].");
    expect(JSON.stringify(opened.view)).not.toMatch(/Plain-Xq|1990|Berat|@t\.example/);
    expect((await getRedaction(ids.plain, db()))!.activity).toContain("[organisation]");
  });

  it("audits every opening: who, which, when", async () => {
    await auditApplicationOpened(a, ids.plain, { callId: call.id, purpose: "review" }, db());
    const rows = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "board_application_opened")
      .where("subject", "=", ids.plain)
      .execute();
    expect(rows.map((r) => r.actor_user_id)).toContain(a.id);
    expect(rows.every((r) => r.occurred_at)).toBe(true);
  });

  it("keeps each reviewer's scores to themselves and refuses an application they may not open", async () => {
    const scores = { experience: 3, expertise: 3, participation: 3, notes: "Note by C, unique-Qz" };
    expect((await scoreApplication(c, call, ids.known, scores, TODAY, new Date(), db())).ok).toBe(
      true,
    );
    expect(
      (
        await scoreApplication(
          b,
          call,
          ids.known,
          { experience: 0, expertise: 1, participation: 3, notes: "" },
          TODAY,
          new Date(),
          db(),
        )
      ).ok,
    ).toBe(true);
    expect((await scoreApplication(a, call, ids.known, scores, TODAY, new Date(), db())).ok).toBe(
      false,
    );
    const own = await listScores(call.id, { reviewerId: b.id }, db());
    expect(own.map((s) => s.reviewerId)).toEqual([b.id]);
    // Notes are encrypted at rest.
    const raw = await db().selectFrom("board_review_scores").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain("unique-Qz");
    if (testEngine === "sqlite")
      expect(fs.readFileSync(getConfig().identityStorePath).includes("unique-Qz")).toBe(false);
  });

  it("shows the secretariat scores side by side with their spread, a conflicted reviewer left out", async () => {
    await scoreApplication(
      c,
      call,
      ids.nominated,
      { experience: 1, expertise: 1, participation: 1, notes: "" },
      TODAY,
      new Date(),
      db(),
    );
    await scoreApplication(
      b,
      call,
      ids.nominated,
      { experience: 3, expertise: 3, participation: 3, notes: "" },
      TODAY,
      new Date(),
      db(),
    );
    // A conflict found after scoring: C's scores of that application stop counting.
    await recordConflictCommand(
      secretariat,
      call.id,
      { reviewerId: c.id, applicationId: ids.nominated },
      new Date(),
      db(),
    );
    const board = await scoreBoard(call.id, db());
    const known = board.rows.find((r) => r.id === ids.known)!;
    expect(known.disagreement).toBe(5);
    expect(known.spread!.experience.spread).toBe(3);
    const nominated = board.rows.find((r) => r.id === ids.nominated)!;
    expect(nominated.scores.filter(Boolean)).toHaveLength(1);
    expect(nominated.disagreement).toBeNull();
    expect(board.mostDisagreed.map((r) => r.id)).toEqual([ids.known]);
  });

  it("keeps counting the scores of a reviewer removed from the call or whose account ended, marked as former", async () => {
    // B and C both scored "known" (0/1/3 and 3/3/3). B leaves the call; C's account ends.
    await assignReviewers(secretariat, call.id, [a.id, c.id], new Date(), db());
    await setStatus(c.id, "disabled", db());
    try {
      const board = await scoreBoard(call.id, db());
      expect(board.reviewers.map((r) => [r.displayName, r.former])).toEqual([
        ["Reviewer A", false],
        ["Reviewer B", true],
        ["Reviewer C", true],
      ]);
      const known = board.rows.find((r) => r.id === ids.known)!;
      expect(known.scores.map((s) => s?.total ?? null)).toEqual([null, 4, 9]);
      expect(known.disagreement).toBe(5);
      expect(known.meanTotal).toBe(6.5);
      // A conflict still sets a former reviewer's score aside.
      const nominated = board.rows.find((r) => r.id === ids.nominated)!;
      expect(nominated.conflicted).toEqual([true, false, true]);
      expect(nominated.scores.map((s) => s?.total ?? null)).toEqual([null, 9, null]);
      expect(board.mostDisagreed.map((r) => r.id)).toEqual([ids.known]);
    } finally {
      await setStatus(c.id, "active", db());
      await db()
        .insertInto("board_call_reviewers")
        .values({
          call_id: call.id,
          user_id: b.id,
          assigned_at: new Date().toISOString(),
          assigned_by: null,
          recusal_done_at: new Date().toISOString(),
        })
        .execute();
    }
  });

  it("keeps the NRM vote to the fixed shortlist, sent 10 working days ahead or with a reason", async () => {
    const list = { meetingOn: "2026-12-14", sentOn: "2026-11-27", lateReason: "" };
    expect(await recordListSent(secretariat, call.id, list, db())).toEqual({
      ok: false,
      errors: { sentOn: "review:errors.shortlist_not_fixed" },
    });
    expect((await fixShortlistCommand(secretariat, call.id, new Date(), db())).ok).toBe(false);
    await changeShortlist(
      secretariat,
      call.id,
      [ids.plain, "not-an-application"],
      new Date(),
      db(),
    );
    // The audit row cannot be written: the shortlist is not fixed either (one transaction).
    const restore = await failAuditOf("board_shortlist_fixed", db());
    try {
      await expect(fixShortlistCommand(secretariat, call.id, new Date(), db())).rejects.toThrow();
    } finally {
      await restore();
    }
    expect((await getCallSelection(call.id, db())).shortlistFixedAt).toBeNull();
    expect((await fixShortlistCommand(secretariat, call.id, new Date(), db())).ok).toBe(true);
    // Once fixed: scores no longer change, and blind review has ended.
    expect(
      (
        await scoreApplication(
          c,
          call,
          ids.plain,
          { experience: 1, expertise: 1, participation: 1, notes: "" },
          TODAY,
          new Date(),
          db(),
        )
      ).ok,
    ).toBe(false);
    const opened = await reviewViewFor(a, call, ids.plain, TODAY, db());
    expect(opened.ok && opened.view.identity?.name).toBe("Elira Plain-Xq");
    const vote = {
      applicationId: ids.plain,
      votesFor: 5,
      votesAgainst: 2,
      decision: "selected" as const,
    };
    expect((await recordVote(secretariat, call.id, vote, db())).ok).toBe(false);
    // A day the admin closed the office counts out too (decision 038): with Thursday 3
    // December closed, 26 November is after the last day as well.
    await insertClosedDay({ day: "2026-12-03", label: "Closed", createdBy: null }, db());
    try {
      expect(
        await recordListSent(secretariat, call.id, { ...list, sentOn: "2026-11-26" }, db()),
      ).toEqual({ ok: false, errors: { lateReason: "review:errors.late_reason_required" } });
    } finally {
      await deleteClosedDay("2026-12-03", db());
    }
    // 27 November is after the last day (26 November: 30 November and 8 December are holidays).
    expect(await recordListSent(secretariat, call.id, list, db())).toEqual({
      ok: false,
      errors: { lateReason: "review:errors.late_reason_required" },
    });
    expect((await getCallSelection(call.id, db())).listSentOn).toBeNull();
    expect(
      await recordListSent(
        secretariat,
        call.id,
        { ...list, lateReason: "The directorate moved the meeting." },
        db(),
      ),
    ).toEqual({ ok: true, value: { late: true } });
    expect(
      (await recordVote(secretariat, call.id, { ...vote, applicationId: ids.nominated }, db())).ok,
    ).toBe(false);
    const restoreVote = await failAuditOf("board_selection_vote_recorded", db());
    try {
      await expect(recordVote(secretariat, call.id, vote, db())).rejects.toThrow();
    } finally {
      await restoreVote();
    }
    const undecided = await db()
      .selectFrom("board_applications")
      .select("status")
      .where("id", "=", ids.plain)
      .executeTakeFirstOrThrow();
    expect(undecided.status).toBe("submitted");
    expect(
      await db()
        .selectFrom("board_selection_votes")
        .select("application_id")
        .where("application_id", "=", ids.plain)
        .executeTakeFirst(),
    ).toBeUndefined();
    expect((await recordVote(secretariat, call.id, vote, db())).ok).toBe(true);
    const row = await db()
      .selectFrom("board_applications")
      .select(["status", "decided_at"])
      .where("id", "=", ids.plain)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("selected");
    expect(row.decided_at).not.toBeNull();
  });

  it("tells the selected applicant neutrally and invites them as a board member, once", async () => {
    const email = (await listCallApplications(call.id, db())).find((x) => x.id === ids.plain)!
      .fields.email as string;
    expect(await sendOutcomes(secretariat, call, db())).toEqual({
      emailed: 1,
      invited: 1,
      personal: 0,
      failed: 0,
    });
    const mail = await db()
      .selectFrom("outbox")
      .select(["subject"])
      .where("recipient", "=", email)
      .execute();
    // The outcome message and the invitation: neither subject says anything about the board.
    expect(mail).toHaveLength(2);
    for (const m of mail)
      expect(m.subject).not.toMatch(/bord|board|trafik|traffick|surviv|mbijet/i);
    // Found by its address: a member's account keeps it sealed (decision 046).
    const user = (await getUserCredentialsByEmail(email, db()))!;
    expect(user.status).toBe("invited");
    expect(await sendOutcomes(secretariat, call, db())).toEqual({
      emailed: 0,
      invited: 0,
      personal: 0,
      failed: 0,
    });
    expect(await listPersonalContacts(call.id, db())).toEqual([]);
  });

  it("refuses to change a decision the applicant has already been told", async () => {
    const changed = await recordVote(
      secretariat,
      call.id,
      { applicationId: ids.plain, votesFor: 1, votesAgainst: 4, decision: "not_selected" },
      db(),
    );
    expect(changed).toEqual({
      ok: false,
      errors: { decision: "review:errors.outcome_already_sent" },
    });
    const row = await db()
      .selectFrom("board_applications")
      .select("status")
      .where("id", "=", ids.plain)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("selected");
  });

  it("audits a view of the applicants to tell in person, and only when there is someone", async () => {
    const before = await countAudit("board_selection_contacts_viewed");
    expect(await listPersonalContactsAudited(secretariat, call.id, db())).toEqual([]);
    expect(await countAudit("board_selection_contacts_viewed")).toBe(before);
  });

  it("erases scores, notes, recusals and redactions with the application", async () => {
    await eraseApplication(ids.known, {}, db());
    for (const table of [
      "board_review_scores",
      "board_recusals",
      "board_application_redactions",
    ] as const) {
      const rows = await db()
        .selectFrom(table)
        .select("application_id")
        .where("application_id", "=", ids.known)
        .execute();
      expect(rows, table).toEqual([]);
    }
  });
});

describe("names that arrive after the reviewer went through the list", () => {
  let late: BoardCall;
  let reviewerD: StaffUser;
  let first: string;

  beforeAll(async () => {
    const board = await createBoard(
      {
        name: "Late names board",
        areas: ["legal_policy"],
        areasOther: "",
        residenceRule: "citizen",
      },
      secretariat.id,
      db(),
    );
    late = await insertCall(
      { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: false },
      secretariat.id,
      db(),
    );
    first = await store(late, { firstName: "Arta", lastName: "Early-Xq" });
    reviewerD = await reviewer("Reviewer D");
    await assignReviewers(secretariat, late.id, [reviewerD.id], new Date(), db());
    await submitRecusal(reviewerD, late.id, [], new Date(), db());
  });

  it("keeps an application sent afterwards closed until its name has been through the list", async () => {
    expect((await reviewViewFor(reviewerD, late, first, TODAY, db())).ok).toBe(true);
    const second = await store(late, { firstName: "Besa", lastName: "Later-Xq" });
    expect(await reviewViewFor(reviewerD, late, second, TODAY, db())).toEqual({
      ok: false,
      reason: "recusal_first",
    });
    const listed = await listForReviewer(reviewerD, late, TODAY, db());
    expect(listed.applications.map((x) => x.id)).toEqual([first]);
    expect(listed.newNames).toBe(1);
    // Only the new name is listed; marking it closes that application for good.
    const names = await namesForRecusal(
      late.id,
      reviewerD.id,
      await listCallApplications(late.id, db()),
      db(),
      await recusalDoneAt(reviewerD),
    );
    expect(names.map((n) => n.name)).toEqual(["Besa Later-Xq"]);
    expect(
      await submitRecusal(reviewerD, late.id, [nameToken(reviewerD.id, second)], new Date(), db()),
    ).toEqual({ ok: true, value: { marked: 1 } });
    expect((await reviewViewFor(reviewerD, late, second, TODAY, db())).ok).toBe(false);
    expect((await listForReviewer(reviewerD, late, TODAY, db())).newNames).toBe(0);
  });

  it("does not let a reviewer who has read applications mark a name already gone through", async () => {
    // Marking it would make that application vanish from their list, telling them whose
    // answers they had read; the secretariat records such a conflict instead.
    expect(
      await submitRecusal(reviewerD, late.id, [nameToken(reviewerD.id, first)], new Date(), db()),
    ).toEqual({ ok: true, value: { marked: 0 } });
    expect((await reviewViewFor(reviewerD, late, first, TODAY, db())).ok).toBe(true);
  });
});

async function recusalDoneAt(user: StaffUser): Promise<string | null> {
  const row = await db()
    .selectFrom("board_call_reviewers")
    .select("recusal_done_at")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  return row?.recusal_done_at ?? null;
}

async function countAudit(action: string): Promise<number> {
  const rows = await db()
    .selectFrom("audit_events")
    .select("id")
    .where("action", "=", action)
    .execute();
  return rows.length;
}
