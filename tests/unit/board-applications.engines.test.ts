import fs from "node:fs";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { testEngine } from "./test-engine";
import { insertUser } from "../../app/auth/users.server";
import type { Application } from "../../app/board/application.schemas";
import {
  ACCESS_LIMIT,
  ACCESS_WINDOW_MS,
  RESET_LIMIT,
  decryptApplicationFields,
  eraseApplication,
  eraseExpiredApplications,
  exportApplicant,
  getApplication,
  openWithReference,
  recordDecision,
  requestPassphraseReset,
  resetPassphrase,
  storeApplication,
  updateContactDetails,
} from "../../app/board/applications.server";
import { createBoard } from "../../app/board/boards.server";
import { insertCall, type BoardCall } from "../../app/board/calls.server";
import { unlabelledFields } from "../../app/board/export-labels-test-helpers";
import { restoredAfter } from "../../app/board/membership-test-helpers";
import { getPersonKey } from "../../app/board/person-keys.server";
import { runBoardRetention } from "../../app/board/retention-job.server";
import { saveRedaction, saveScore } from "../../app/board/review.server";
import { handleStatusPost } from "../../app/board/status.server";
import { getConfig } from "../../app/platform/config.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";

function application(overrides: Partial<Application> = {}): Application {
  return {
    firstName: "Mirela",
    lastName: "Kodheli",
    dateOfBirth: "2001-04-09",
    placeOfBirth: "Gjirokastër",
    nationality: "Shqiptare",
    residence: "citizen",
    email: "mirela.k@example.org",
    phone: "+355 69 111 2222",
    channels: ["email", "sms"],
    contactTimes: "Pas orës 18",
    voicemailSafe: "no",
    sharedPhoneSafe: "no",
    activity: "Vullnetare në strehëzën e Vlorës",
    suitability: "Njoh nga afër rrugën e riintegrimit",
    motivation: "",
    additional: "Flas italisht",
    nominated: "yes",
    nominatingOrganisation: "Shoqata Tjetër Vizion",
    gender: "woman",
    region: "vlore",
    expertise: ["victim_support"],
    acknowledged: ["yes"],
    stayInformed: true,
    signature: "Mirela Kodheli",
    signatureConfirmed: ["yes"],
    signedOn: "2026-11-29",
    ...overrides,
  };
}

let call: BoardCall;
beforeAll(async () => {
  await migrateIdentityStore();
  const board = await createBoard(
    { name: "Test board", areas: ["legal_policy"], areasOther: "", residenceRule: "citizen" },
    null,
  );
  call = await insertCall(
    { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: true },
    null,
  );
});

async function outboxCount() {
  const rows = await getIdentityDb().selectFrom("outbox").select("id").execute();
  return rows.length;
}

describe("a board application at rest", () => {
  it("round-trips every field, and the raw store holds none of the submitted text", async () => {
    const sent = await storeApplication({ call, application: application(), lang: "sq" });
    expect(sent.duplicate).toBe(false);
    expect(sent.reference).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    const opened = await openWithReference({ ...sent, clientKey: "c1" });
    expect(opened.ok).toBe(true);
    const stored = await getApplication(opened.ok ? opened.id : "");
    expect(stored?.fields).toMatchObject({
      firstName: "Mirela",
      dateOfBirth: "2001-04-09",
      nominatingOrganisation: "Shoqata Tjetër Vizion",
      expertise: ["victim_support"],
    });
    if (testEngine === "sqlite") {
      const raw = fs.readFileSync(getConfig().identityStorePath);
      const wal = getConfig().identityStorePath + "-wal";
      const all = Buffer.concat([raw, fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
      for (const text of [
        "Mirela",
        "Kodheli",
        "Gjirokast",
        "mirela.k@example.org",
        "111 2222",
        "Vullnetare",
        "riintegrimit",
        "italisht",
        "Tjetër Vizion",
        "2001-04-09",
        sent.passphrase,
      ])
        expect(all.includes(Buffer.from(text, "utf8")), text).toBe(false);
    }
  });

  it("detects a value moved to another application or altered", async () => {
    const a = await storeApplication({
      call,
      application: application({ email: "a@example.org" }),
      lang: "sq",
    });
    const b = await storeApplication({
      call,
      application: application({ email: "b@example.org" }),
      lang: "sq",
    });
    const db = getIdentityDb();
    const rowA = await db
      .selectFrom("board_applications")
      .selectAll()
      .where("reference_code", "=", a.reference)
      .executeTakeFirstOrThrow();
    const rowB = await db
      .selectFrom("board_applications")
      .selectAll()
      .where("reference_code", "=", b.reference)
      .executeTakeFirstOrThrow();
    const keyA = (await getPersonKey(rowA.id))!;
    const keyB = (await getPersonKey(rowB.id))!;
    // Each applicant has a key of their own.
    expect(keyA.equals(keyB)).toBe(false);
    expect(() => decryptApplicationFields(keyB, rowA.id, rowA.fields_encrypted)).toThrow();
    // Swapping two fields within a record, or moving the record's values to another id, fails.
    const fields = JSON.parse(rowA.fields_encrypted) as Record<string, string>;
    const swapped = { ...fields, firstName: fields.lastName!, lastName: fields.firstName! };
    expect(() => decryptApplicationFields(keyA, rowA.id, JSON.stringify(swapped))).toThrow();
    expect(() => decryptApplicationFields(keyA, rowB.id, rowA.fields_encrypted)).toThrow();
  });
});

describe("one application per email and call", () => {
  it("answers a second application like a first one, stores nothing and mails an offer", async () => {
    const email = "twice@example.org";
    await storeApplication({ call, application: application({ email }), lang: "en" });
    const before = await getIdentityDb().selectFrom("board_applications").select("id").execute();
    const mails = await outboxCount();
    const second = await storeApplication({
      call,
      application: application({ email: " TWICE@example.org " }),
      lang: "en",
    });
    expect(second.reference).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(second.passphrase).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const after = await getIdentityDb().selectFrom("board_applications").select("id").execute();
    expect(after).toHaveLength(before.length);
    expect(await outboxCount()).toBe(mails + 1);
    const mail = await getIdentityDb()
      .selectFrom("outbox")
      .selectAll()
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe("Meeting information");
    // The reference shown for the second one opens nothing.
    expect((await openWithReference({ ...second, clientKey: "c-dup" })).ok).toBe(false);
  });
});

describe("the reference code and passphrase", () => {
  it("give one answer for a wrong reference and a wrong passphrase, then lock after the limit", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "lock@example.org" }),
      lang: "sq",
    });
    const wrongPass = await openWithReference({
      reference: sent.reference,
      passphrase: "x",
      clientKey: "k1",
    });
    const wrongRef = await openWithReference({
      reference: "AAA-AAA-AAA",
      passphrase: sent.passphrase,
      clientKey: "k2",
    });
    expect(wrongPass).toEqual({ ok: false, reason: "wrong" });
    expect(wrongRef).toEqual(wrongPass);
    for (let i = 1; i < ACCESS_LIMIT; i += 1)
      await openWithReference({ reference: sent.reference, passphrase: "x", clientKey: `k-${i}` });
    // Locked for this reference, even with the right passphrase from another client.
    expect(
      await openWithReference({
        reference: sent.reference.toLowerCase(),
        passphrase: sent.passphrase,
        clientKey: "new",
      }),
    ).toEqual({ ok: false, reason: "locked" });
    // An hour later it opens again.
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect((await openWithReference({ ...sent, clientKey: "new" }, later)).ok).toBe(true);
  });

  it("locks one client trying many references", async () => {
    for (let i = 0; i < ACCESS_LIMIT; i += 1)
      await openWithReference({
        reference: `BBB-BBB-BB${i}`,
        passphrase: "x",
        clientKey: "guesser",
      });
    const sent = await storeApplication({
      call,
      application: application({ email: "client@example.org" }),
      lang: "sq",
    });
    expect(await openWithReference({ ...sent, clientKey: "guesser" })).toEqual({
      ok: false,
      reason: "locked",
    });
    expect((await openWithReference({ ...sent, clientKey: "someone-else" })).ok).toBe(true);
  });

  it("can be reset by a link mailed to the email given, once", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "reset@example.org" }),
      lang: "en",
    });
    const mails = await outboxCount();
    await requestPassphraseReset({ reference: "ZZZ-ZZZ-ZZZ", lang: "en" });
    expect(await outboxCount()).toBe(mails);
    await requestPassphraseReset({ reference: sent.reference, lang: "en" });
    expect(await outboxCount()).toBe(mails + 1);
    const message = await getIdentityDb()
      .selectFrom("outbox")
      .selectAll()
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(message.recipient).toBe("reset@example.org");
    expect(message.subject).toBe("Meeting information");
    const { getOutboxMessage } = await import("../../app/platform/email.server");
    const body = (await getOutboxMessage(message.id))!.body;
    // The link names nothing of the board: the mail may open on a shared phone.
    expect(body).not.toMatch(/bord|board/i);
    const token = /\/rivendos\/([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? "";
    const fresh = await resetPassphrase(token);
    expect(fresh?.reference).toBe(sent.reference);
    expect(await resetPassphrase(token)).toBeNull();
    expect((await openWithReference({ ...sent, clientKey: "r" })).ok).toBe(false);
    expect((await openWithReference({ ...fresh!, clientKey: "r" })).ok).toBe(true);
  });
});

describe("asking for a reset link", () => {
  it("sends no more than RESET_LIMIT links an hour per reference, known or not, and says nothing of which", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "many-resets@example.org" }),
      lang: "en",
    });
    const now = new Date("2026-12-01T10:00:00Z");
    const mails = await outboxCount();
    for (let i = 0; i < RESET_LIMIT; i++)
      expect(
        await requestPassphraseReset(
          { reference: sent.reference, lang: "en", clientKey: `c${i}` },
          now,
        ),
      ).toBe("sent");
    expect(await outboxCount()).toBe(mails + RESET_LIMIT);
    // Typed another way, from yet another client: the same reference, still locked.
    expect(
      await requestPassphraseReset(
        { reference: sent.reference.toLowerCase().replace(/-/g, " "), lang: "en", clientKey: "c9" },
        now,
      ),
    ).toBe("locked");
    expect(await outboxCount()).toBe(mails + RESET_LIMIT);
    // An unknown reference is counted and locked the same way.
    for (let i = 0; i < RESET_LIMIT; i++)
      await requestPassphraseReset(
        { reference: "ZZZ-ZZZ-ZZ2", lang: "en", clientKey: `u${i}` },
        now,
      );
    expect(
      await requestPassphraseReset({ reference: "ZZZ-ZZZ-ZZ2", lang: "en", clientKey: "u9" }, now),
    ).toBe("locked");
    // After the hour, one can be asked for again.
    expect(
      await requestPassphraseReset(
        { reference: sent.reference, lang: "en", clientKey: "later" },
        new Date(now.getTime() + ACCESS_WINDOW_MS),
      ),
    ).toBe("sent");
  });

  it("tells the applicant on the status page to try again in an hour once the limit is reached", async () => {
    const ask = () => {
      const formData = new FormData();
      formData.set("intent", "reset");
      formData.set("reference", "QQQ-RRR-SS2");
      return handleStatusPost({ formData, lang: "sq", clientKey: "status-page-client" });
    };
    for (let i = 0; i < RESET_LIMIT; i++)
      expect(await ask()).toEqual({ kind: "reset_sent", status: 200 });
    expect(await ask()).toEqual({
      kind: "sign_in",
      error: "board:status.errors.locked",
      reference: "QQQ-RRR-SS2",
      status: 429,
    });
  });

  it("locks one client asking for links to many references", async () => {
    const now = new Date("2026-12-01T11:00:00Z");
    for (let i = 0; i < RESET_LIMIT; i++)
      expect(
        await requestPassphraseReset(
          { reference: `AAA-BBB-CC${i + 2}`, lang: "en", clientKey: "one-client" },
          now,
        ),
      ).toBe("sent");
    expect(
      await requestPassphraseReset(
        { reference: "AAA-BBB-CC9", lang: "en", clientKey: "one-client" },
        now,
      ),
    ).toBe("locked");
    expect(
      await requestPassphraseReset(
        { reference: "AAA-BBB-CC9", lang: "en", clientKey: "another" },
        now,
      ),
    ).toBe("sent");
  });
});

describe("erasure, export and retention", () => {
  it("corrects contact details, and a withdrawal erases the application and its key at once", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "withdraw@example.org" }),
      lang: "sq",
    });
    const opened = await openWithReference({ ...sent, clientKey: "w" });
    const id = opened.ok ? opened.id : "";
    await updateContactDetails(id, {
      email: "new@example.org",
      phone: "",
      channels: ["email"],
      contactTimes: "",
      voicemailSafe: "no",
      sharedPhoneSafe: "no",
    });
    expect((await getApplication(id))?.fields.email).toBe("new@example.org");
    expect(await eraseApplication(id)).toBe(true);
    expect(await getApplication(id)).toBeNull();
    expect(await getPersonKey(id)).toBeNull();
  });

  it("exports everything held about an applicant", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "export@example.org" }),
      lang: "sq",
    });
    const opened = await openWithReference({ ...sent, clientKey: "e" });
    const exported = await exportApplicant(opened.ok ? opened.id : "");
    expect(exported).toMatchObject({
      application: { reference: sent.reference, email: "export@example.org", firstName: "Mirela" },
      call: { boardName: "Test board" },
    });
  });

  it("exports the reviewers' scores and notes, recusals, redacted texts, shortlist entry and NRM vote about that applicant only", async () => {
    const db = getIdentityDb();
    const idOf = async (email: string) => {
      const sent = await storeApplication({
        call,
        application: application({ email }),
        lang: "sq",
      });
      const opened = await openWithReference({ ...sent, clientKey: `x-${email}` });
      return opened.ok ? opened.id : "";
    };
    const mine = await idOf("reviewed@example.org");
    const other = await idOf("someone-else@example.org");
    const reviewer = await insertUser(
      {
        email: `rev-${crypto.randomUUID()}@t.example`,
        displayName: "R",
        passwordHash: "x",
        roles: ["reviewer"],
      },
      db,
    );
    const second = await insertUser(
      {
        email: `rev-${crypto.randomUUID()}@t.example`,
        displayName: "S",
        passwordHash: "x",
        roles: ["reviewer"],
      },
      db,
    );
    const at = new Date("2026-12-02T09:00:00Z");
    const score = { experience: 2, expertise: 3, participation: 1 };
    await saveScore(
      { ...score, applicationId: mine, reviewerId: reviewer, notes: "Strong local knowledge" },
      at,
      db,
    );
    await saveScore(
      { ...score, applicationId: other, reviewerId: reviewer, notes: "OTHER-APPLICANT-NOTE" },
      at,
      db,
    );
    await saveRedaction(
      mine,
      {
        activity: "Volunteer in [town]",
        suitability: "Knows [name]",
        motivation: "",
        additional: "",
      },
      reviewer,
      at,
      db,
    );
    await db
      .insertInto("board_recusals")
      .values([
        {
          application_id: mine,
          reviewer_id: second,
          source: "self",
          recorded_at: at.toISOString(),
          recorded_by: second,
        },
        {
          application_id: other,
          reviewer_id: reviewer,
          source: "secretariat",
          recorded_at: at.toISOString(),
          recorded_by: null,
        },
      ])
      .execute();
    await db
      .insertInto("board_shortlist")
      .values({
        application_id: mine,
        call_id: call.id,
        added_at: at.toISOString(),
        added_by: reviewer,
      })
      .execute();
    await db
      .insertInto("board_selection_votes")
      .values({
        application_id: mine,
        votes_for: 5,
        votes_against: 2,
        recorded_at: at.toISOString(),
        recorded_by: reviewer,
        outcome_sent_at: null,
        outcome_channel: null,
      })
      .execute();

    const exported = await exportApplicant(mine);
    // The admin's page names every part and field of it, in both languages.
    expect(unlabelledFields(exported!, (part) => `board:admin.applicant.sections.${part}`)).toEqual(
      [],
    );
    expect(exported).toMatchObject({
      reviews: [
        {
          reviewerId: reviewer,
          ...score,
          notes: "Strong local knowledge",
          submittedAt: at.toISOString(),
        },
      ],
      recusals: [
        { reviewerId: second, source: "self", recordedAt: at.toISOString(), recordedBy: second },
      ],
      redaction: {
        texts: { activity: "Volunteer in [town]", suitability: "Knows [name]" },
        redactedAt: at.toISOString(),
        redactedBy: reviewer,
      },
      shortlist: { addedAt: at.toISOString(), addedBy: reviewer },
      selectionVote: { votesFor: 5, votesAgainst: 2, recordedBy: reviewer },
    });
    const text = JSON.stringify(exported);
    expect(text).not.toContain("OTHER-APPLICANT-NOTE");
    expect(text).not.toContain("someone-else@example.org");
    expect((await exportApplicant(other))?.shortlist).toBeNull();
  });

  it("erases applications not selected after the retention time, keeping only the stay-informed email", async () => {
    const now = new Date("2027-08-01T00:00:00Z");
    const ids: string[] = [];
    for (const [email, stayInformed] of [
      ["old-news@example.org", true],
      ["old-quiet@example.org", false],
      ["recent@example.org", false],
      ["chosen@example.org", false],
    ] as const) {
      const sent = await storeApplication({
        call,
        application: application({ email, stayInformed }),
        lang: "sq",
      });
      const opened = await openWithReference({ ...sent, clientKey: `ret-${email}` });
      ids.push(opened.ok ? opened.id : "");
    }
    await recordDecision(ids[0]!, "not_selected", new Date("2027-01-01T00:00:00Z"));
    await recordDecision(ids[1]!, "not_selected", new Date("2027-01-01T00:00:00Z"));
    await recordDecision(ids[2]!, "not_selected", new Date("2027-07-01T00:00:00Z"));
    await recordDecision(ids[3]!, "selected", new Date("2027-01-01T00:00:00Z"));
    const kept = await getIdentityDb().selectFrom("board_stay_informed").select("id").execute();
    expect(await eraseExpiredApplications(now, 6)).toEqual({ erased: 2, keptForNews: 1 });
    expect(await getApplication(ids[0]!)).toBeNull();
    expect(await getApplication(ids[1]!)).toBeNull();
    expect(await getApplication(ids[2]!)).not.toBeNull();
    expect(await getApplication(ids[3]!)).not.toBeNull();
    const after = await getIdentityDb().selectFrom("board_stay_informed").select("id").execute();
    expect(after).toHaveLength(kept.length + 1);
  });

  it("runs as a daily job that logs counts only, never an address or a name", async () => {
    const sent = await storeApplication({
      call,
      application: application({ email: "job@example.org", stayInformed: true }),
      lang: "sq",
    });
    const opened = await openWithReference({ ...sent, clientKey: "job" });
    await recordDecision(
      opened.ok ? opened.id : "",
      "not_selected",
      new Date("2020-01-01T00:00:00Z"),
    );
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const counts = await runBoardRetention(new Date("2021-01-01T00:00:00Z"));
      expect(counts.erased).toBeGreaterThanOrEqual(1);
      const lines = log.mock.calls.map((call) => String(call[0])).join("\n");
      expect(lines).toContain('"applicationsErased"');
      expect(lines).not.toContain("job@example.org");
      expect(lines).not.toContain("Mirela");
      expect(lines).not.toContain(sent.reference);
    } finally {
      log.mockRestore();
    }
  });

  it.skipIf(testEngine === "postgres")(
    "leaves an erased applicant undecryptable in a backup taken before the erasure",
    async () => {
      const sent = await storeApplication({
        call,
        application: application({ email: "backup@example.org" }),
        lang: "sq",
      });
      const opened = await openWithReference({ ...sent, clientKey: "b" });
      const id = opened.ok ? opened.id : "";
      const restored = await restoredAfter(async () => {
        await eraseApplication(id);
      });
      try {
        // The restored store has the row again, but its key is gone for good.
        const row = await restored
          .selectFrom("board_applications")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(row.fields_encrypted.length).toBeGreaterThan(0);
        expect(await getPersonKey(id)).toBeNull();
        expect(await getApplication(id, restored)).toBeNull();
      } finally {
        await restored.destroy();
      }
    },
  );
});
