import fs from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { getCampaignBySlug, insertCampaign, type Campaign } from "./campaigns.server";
import { issueFormNonce, releaseFormNonce } from "./form-guards.server";
import { handleQuestionnairePost } from "./questionnaire.server";
import {
  createAccessCodes,
  getPublishedResults,
  settleHeldSubmissions,
  storeSubmission,
  type Submission,
} from "./responses.server";
import { responsesIn } from "./results";
import { sendQuestionnaire } from "./send-endpoint.server";
import { insertOrganisation } from "../assessment/organisations.server";
import { getConfig } from "../platform/config.server";
import { annex61Template } from "./templates/annex-6-1";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { getResponseDb, migrateResponseStore } from "../../db/response-store";
import { testEngine } from "../../tests/unit/test-engine";

// The whole public submission path against real stores in a throwaway DATA_DIR.
let openCampaign: Campaign;
let codeCampaign: Campaign;

let organisationId = "";
const textsOf = (title: string) => ({
  sq: { title, purposeOther: null, collectingOrganisation: "Qendra Test" },
  en: { title, purposeOther: null, collectingOrganisation: "Test Centre" },
});
const base = {
  templateId: annex61Template.id,
  purpose: "service_evaluation" as const,
  collectorProvidedSupport: "no" as const,
  sections: ["first_contact", "compensation"],
  opensOn: "2026-01-01",
  closesOn: "2030-12-31",
  languages: ["sq" as const, "en" as const],
  respondentMode: "self" as const,
  dateGranularity: "day" as const,
  minGroupSize: 5,
};

function reviewForm(fields: Record<string, string>, nonce = issueFormNonce()): FormData {
  const form = new FormData();
  form.set("page", "review");
  form.set("nav", "submit");
  form.set("nonce", nonce);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

async function responseCount(): Promise<number> {
  await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
  const row = await getResponseDb()
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  await migrateIdentityStore();
  await migrateResponseStore();
  organisationId = await insertOrganisation({ name: "Test NGO", type: "ngo" });
  openCampaign = await insertCampaign(
    { ...base, organisationId, texts: textsOf("Open"), accessMode: "open" },
    null,
  );
  codeCampaign = await insertCampaign(
    {
      ...base,
      organisationId,
      texts: textsOf("Codes"),
      accessMode: "codes",
      dateGranularity: "week",
    },
    null,
  );
});

describe("submitting a questionnaire", () => {
  it("keeps only the month for a campaign that asks for the month, and counts it as usual", async () => {
    const monthly = await insertCampaign(
      {
        ...base,
        organisationId,
        texts: textsOf("Monthly"),
        accessMode: "open",
        dateGranularity: "month",
      },
      null,
    );
    const outcome = await handleQuestionnairePost({
      campaign: monthly,
      lang: "en",
      formData: reviewForm(
        { "a:first_contact_rights_explained": "no" },
        issueFormNonce(Date.parse("2026-11-30T23:00:00Z")),
      ),
      // 00:20 on 1 December in Tirana (still 30 November in UTC).
      now: new Date("2026-11-30T23:20:00Z"),
    });
    expect(outcome).toEqual({ kind: "redirect", to: "thanks" });
    await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
    const rows = await getResponseDb()
      .selectFrom("responses")
      .select("submitted_period")
      .where("campaign_id", "=", monthly.id)
      .execute();
    expect(rows).toEqual([{ submitted_period: "2026-12" }]);
    const published = await getPublishedResults(monthly.id, 1);
    expect(responsesIn(published.tallies)).toBe(1);
  });

  it("stores one response with coarse date, counts and encrypted free text", async () => {
    const outcome = await handleQuestionnairePost({
      campaign: openCampaign,
      lang: "sq",
      formData: reviewForm({
        "a:first_contact_rights_explained": "yes",
        "c:first_contact_rights_explained": "Po, me durim.",
        "a:closing_anything_else": "Faleminderit.",
      }),
      now: new Date("2026-11-23T17:45:12Z"),
    });
    expect(outcome).toEqual({ kind: "redirect", to: "thanks" });
    await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
    const [row] = await getResponseDb()
      .selectFrom("responses")
      .selectAll()
      .where("campaign_id", "=", openCampaign.id)
      .execute();
    expect(row).toMatchObject({
      language: "sq",
      respondent_mode: "self",
      submitted_period: "2026-11-23",
      template_version: 1,
    });
    expect(JSON.parse(row!.answers)).toEqual({ first_contact_rights_explained: ["yes"] });
    const texts = await getResponseDb().selectFrom("free_text_answers").selectAll().execute();
    expect(texts).toHaveLength(2);
    expect(JSON.stringify(texts)).not.toContain("durim");
    const tallies = await getResponseDb()
      .selectFrom("answer_tallies")
      .selectAll()
      .where("campaign_id", "=", openCampaign.id)
      .execute();
    expect(
      tallies.find((t) => t.question_id === "first_contact_rights_explained" && t.choice === "yes")
        ?.count,
    ).toBe(1);
  });

  it("stores a double submission of the same form once", async () => {
    const before = await responseCount();
    const nonce = issueFormNonce();
    const form = () => reviewForm({ "a:first_contact_police": "no" }, nonce);
    const [first, second] = await Promise.all([
      handleQuestionnairePost({ campaign: openCampaign, lang: "en", formData: form() }),
      handleQuestionnairePost({ campaign: openCampaign, lang: "en", formData: form() }),
    ]);
    expect(first).toEqual({ kind: "redirect", to: "thanks" });
    expect(second).toEqual({ kind: "redirect", to: "thanks" });
    expect(
      await handleQuestionnairePost({ campaign: openCampaign, lang: "en", formData: form() }),
    ).toEqual({ kind: "redirect", to: "thanks" });
    expect(await responseCount()).toBe(before + 1);
  });

  it("stores a form sent again to another instance (which never saw it) once", async () => {
    const before = await responseCount();
    const nonce = issueFormNonce();
    const form = () => reviewForm({ "a:first_contact_police": "yes" }, nonce);
    expect(
      await handleQuestionnairePost({ campaign: openCampaign, lang: "en", formData: form() }),
    ).toEqual({ kind: "redirect", to: "thanks" });
    // Another instance (or this one after a restart) has nothing of this form in memory.
    releaseFormNonce(nonce);
    expect(
      await handleQuestionnairePost({ campaign: openCampaign, lang: "en", formData: form() }),
    ).toEqual({ kind: "redirect", to: "thanks" });
    expect(await responseCount()).toBe(before + 1);
    const spent = await getResponseDb().selectFrom("spent_form_nonces").selectAll().execute();
    expect(JSON.stringify(spent)).not.toContain(nonce.split(".")[0]!);
    for (const row of spent) expect(row.expires_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("spends a group commit's nonces together: a form already stored, or twice in it, once", async () => {
    const submission = (formNonce?: string): Submission => ({
      campaignId: openCampaign.id,
      templateVersion: 1,
      language: "en",
      respondentMode: "self",
      period: "2026-11-23",
      choices: { first_contact_police: ["yes"] },
      freeTexts: [],
      answeredQuestionIds: ["first_contact_police"],
      formNonce,
    });
    const stored = issueFormNonce();
    expect(await storeSubmission(submission(stored))).toBe("stored");
    const before = await responseCount();
    const twice = issueFormNonce();
    // The first starts a transaction; the others wait for it and go in the next one together.
    const results = await Promise.all([
      storeSubmission(submission(issueFormNonce())),
      storeSubmission(submission(stored)),
      storeSubmission(submission(twice)),
      storeSubmission(submission(issueFormNonce())),
      storeSubmission(submission(twice)),
      storeSubmission(submission()),
    ]);
    expect(results).toEqual(Array(6).fill("stored"));
    // Thanked all, stored four: the form stored before and the second copy of `twice` add nothing.
    expect(await responseCount()).toBe(before + 4);
  });

  it("refuses unknown questions, wrong choices and over-long text with 400, storing nothing", async () => {
    const before = await responseCount();
    const invalid: Record<string, string>[] = [
      { "a:not_a_question": "yes" },
      { "a:first_contact_police": "maybe" },
      { "a:first_contact_police": ["yes", "no"].join() },
      { "a:closing_anything_else": "x".repeat(2001) },
      { "c:closing_anything_else": "comment on a free-text question" },
    ];
    for (const fields of invalid) {
      const outcome = await handleQuestionnairePost({
        campaign: openCampaign,
        lang: "sq",
        formData: reviewForm(fields),
      });
      expect(outcome.kind, JSON.stringify(fields)).toBe("questionnaire");
      expect((outcome as { status: number }).status).toBe(400);
    }
    expect(await responseCount()).toBe(before);
  });

  it("accepts a code once; a used code and an unknown code get the same answer", async () => {
    const [code] = await createAccessCodes(codeCampaign.id, 1);
    const form = () => {
      const f = reviewForm({ "a:compensation_informed": "not_sure" });
      f.set("code", code!);
      return f;
    };
    expect(
      await handleQuestionnairePost({
        campaign: codeCampaign,
        lang: "sq",
        formData: form(),
        now: new Date("2026-11-23T09:00:00Z"),
      }),
    ).toEqual({
      kind: "redirect",
      to: "thanks",
    });
    const used = await handleQuestionnairePost({
      campaign: codeCampaign,
      lang: "sq",
      formData: form(),
    });
    const unknownForm = form();
    unknownForm.set("code", "ABCD-EFGH");
    const unknown = await handleQuestionnairePost({
      campaign: codeCampaign,
      lang: "sq",
      formData: unknownForm,
    });
    expect(used).toMatchObject({
      kind: "code",
      status: 400,
      error: "feedback:errors.code_invalid",
    });
    expect(unknown).toMatchObject({
      kind: "code",
      status: 400,
      error: "feedback:errors.code_invalid",
    });
    await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
    const [row] = await getResponseDb()
      .selectFrom("responses")
      .selectAll()
      .where("campaign_id", "=", codeCampaign.id)
      .execute();
    expect(row?.submitted_period).toBe("2026-W48");
    const codes = await getResponseDb().selectFrom("access_codes").selectAll().execute();
    expect(codes).toHaveLength(1);
    expect(Object.keys(codes[0]!).sort()).toEqual(["campaign_id", "code_hash", "used"]);
    expect(JSON.stringify(codes)).not.toContain(code!.replace("-", ""));
  });

  it("thanks a robot that fills the hidden field, and keeps nothing", async () => {
    const before = await responseCount();
    const outcome = await handleQuestionnairePost({
      campaign: openCampaign,
      lang: "sq",
      formData: reviewForm({ website: "http://spam.example" }),
    });
    expect(outcome).toEqual({ kind: "redirect", to: "thanks" });
    expect(await responseCount()).toBe(before);
  });

  it("only takes answers in the languages the campaign offers", async () => {
    const albanianOnly = await insertCampaign(
      { ...base, organisationId, texts: textsOf("Only sq"), accessMode: "open", languages: ["sq"] },
      null,
    );
    expect(
      await handleQuestionnairePost({
        campaign: albanianOnly,
        lang: "en",
        formData: reviewForm({}),
      }),
    ).toEqual({ kind: "not_open", status: 200, answersNotSent: true });
    const { startQuestionnaire } = await import("./questionnaire.server");
    expect(startQuestionnaire(albanianOnly, "en")).toEqual({ kind: "other_language", to: "sq" });
  });

  it("does not accept answers for a closed campaign, and says those answers were not kept", async () => {
    const closed = await insertCampaign(
      {
        ...base,
        organisationId,
        texts: textsOf("Closed"),
        accessMode: "open",
        opensOn: "2020-01-01",
        closesOn: "2020-12-31",
      },
      null,
    );
    expect(
      await handleQuestionnairePost({ campaign: closed, lang: "sq", formData: reviewForm({}) }),
    ).toEqual({ kind: "not_open", status: 200, answersNotSent: true });
  });
});

describe("anonymity by construction", () => {
  // SQLite files; on PostgreSQL the order guarantees are tested in submission-order.test.ts.
  const onSqlite = it.skipIf(testEngine !== "sqlite");
  onSqlite("leaves the identity store byte-for-byte unchanged by public submissions", async () => {
    await getIdentityDb().selectFrom("feedback_campaigns").selectAll().execute();
    // Make sure everything written so far is in the main file, then compare it and its WAL.
    const { identityStorePath } = getConfig();
    const { sql } = await import("kysely");
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(getIdentityDb());
    const read = (suffix: string) =>
      fs.existsSync(identityStorePath + suffix)
        ? fs.readFileSync(identityStorePath + suffix)
        : Buffer.alloc(0);
    const before = [read(""), read("-wal")];
    for (let i = 0; i < 5; i += 1) {
      await handleQuestionnairePost({
        // As the route does: the campaign is read from the identity store on every request.
        campaign: await getCampaignBySlug(openCampaign.slug),
        lang: i % 2 ? "sq" : "en",
        formData: reviewForm({ "a:first_contact_police": "yes" }),
        clientKey: `client-${i}`,
      });
    }
    expect(read("").equals(before[0]!)).toBe(true);
    expect(read("-wal").equals(before[1]!)).toBe(true);
  });

  onSqlite(
    "keeps no write-ahead log for responses, so nothing records which writes went together",
    async () => {
      const { sql } = await import("kysely");
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(
        getResponseDb(),
      );
      expect(mode.rows[0]?.journal_mode).toBe("delete");
      const secure = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(
        getResponseDb(),
      );
      expect(secure.rows[0]?.secure_delete).toBe(1);
      expect(fs.existsSync(`${getConfig().responseStorePath}-wal`)).toBe(false);
    },
  );

  it("has no column that could hold an address, a device, a time, a session, a code or a person", async () => {
    const tallyColumns = [
      "campaign_id",
      "choice",
      "count",
      "language",
      "question_id",
      "respondent_mode",
    ];
    const allowed: Record<string, string[]> = {
      responses: [
        "answers",
        "campaign_id",
        "id",
        "language",
        "respondent_mode",
        "submitted_period",
        "template_version",
      ],
      answer_tallies: tallyColumns,
      published_results: ["campaign_id", "publication_encrypted"],
      free_text_answers: [
        "campaign_id",
        "id",
        "language",
        "question_id",
        "redacted_encrypted",
        "status",
        "text_encrypted",
      ],
      access_codes: ["campaign_id", "code_hash", "used"],
      held_submissions: ["campaign_id", "id", "payload_encrypted"],
      spent_form_nonces: ["expires_on", "nonce_hash"],
    };
    await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
    const tables = (await getResponseDb().introspection.getTables()).filter(
      (t) => !t.name.startsWith("schema_migrations"),
    );
    expect(tables.map((t) => t.name).sort()).toEqual(Object.keys(allowed).sort());
    for (const table of tables) {
      expect(table.columns.map((c) => c.name).sort(), table.name).toEqual(allowed[table.name]);
      expect(
        table.columns.some((c) => c.isAutoIncrementing),
        table.name,
      ).toBe(false);
    }
    const { sql } = await import("kysely");
    if (testEngine !== "sqlite") return;
    const ddl = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name not like 'schema_migrations%'`.execute(
      getResponseDb(),
    );
    for (const { sql: create } of ddl.rows) expect(create.toLowerCase()).toContain("without rowid");
    const periods = await getResponseDb()
      .selectFrom("responses")
      .select("submitted_period")
      .execute();
    for (const { submitted_period } of periods)
      expect(submitted_period).toMatch(/^\d{4}-(\d{2}-\d{2}|W\d{2}|\d{2})$/);
  });
});

describe("the Send button's handler", () => {
  const body = (fields: Record<string, string>, nonce = issueFormNonce()) =>
    new URLSearchParams({ page: "review", nav: "submit", nonce, ...fields }).toString();

  it("stores the answers and sends the person to the thank-you page, once per form", async () => {
    const before = await responseCount();
    const form = body({ "a:first_contact_police": "yes", "a:closing_anything_else": "Mirë." });
    const send = () =>
      sendQuestionnaire({ lang: "en", slug: openCampaign.slug, body: form, clientKey: "k" });
    expect(await Promise.all([send(), send()])).toEqual([
      { status: 302, location: `/en/f/${openCampaign.slug}/thanks` },
      { status: 302, location: `/en/f/${openCampaign.slug}/thanks` },
    ]);
    expect(await responseCount()).toBe(before + 1);
  });

  it("passes everything it cannot store back to the questionnaire page (307), storing nothing", async () => {
    const before = await responseCount();
    const page = { status: 307, location: `/f/${openCampaign.slug}` };
    const cases: { slug?: string; body: string | null }[] = [
      { body: body({ "a:first_contact_police": "maybe" }) },
      { body: body({ "a:not_a_question": "yes" }) },
      { body: body({ "a:first_contact_police": "yes" }, "forged.1.nonce") },
      { body: body({ "a:first_contact_police": "yes" }).replace("nav=submit", "nav=next") },
      { body: null },
    ];
    for (const { body: form } of cases) {
      expect(await sendQuestionnaire({ lang: "sq", slug: openCampaign.slug, body: form })).toEqual(
        page,
      );
    }
    expect(await sendQuestionnaire({ lang: "sq", slug: "nosuchcampaign", body: body({}) })).toEqual(
      { status: 307, location: "/f/nosuchcampaign" },
    );
    expect(await responseCount()).toBe(before);
  });

  it("passes a spent code back to the page, which shows the code message", async () => {
    const [code] = await createAccessCodes(codeCampaign.id, 1);
    const first = body({ code: code!, "a:compensation_informed": "yes" });
    expect(await sendQuestionnaire({ lang: "sq", slug: codeCampaign.slug, body: first })).toEqual({
      status: 302,
      location: `/f/${codeCampaign.slug}/thanks`,
    });
    const again = body({ code: code!, "a:compensation_informed": "no" });
    expect(await sendQuestionnaire({ lang: "sq", slug: codeCampaign.slug, body: again })).toEqual({
      status: 307,
      location: `/f/${codeCampaign.slug}`,
    });
    const shown = await handleQuestionnairePost({
      campaign: codeCampaign,
      lang: "sq",
      formData: new URLSearchParams(again),
    });
    expect(shown).toMatchObject({
      kind: "code",
      status: 400,
      error: "feedback:errors.code_invalid",
    });
  });
});

describe("published results", () => {
  it("move on only when k more responses have arrived, and are kept encrypted", async () => {
    const campaign = await insertCampaign(
      { ...base, organisationId, texts: textsOf("Published"), accessMode: "open", minGroupSize: 3 },
      null,
    );
    const send = (choice: string) =>
      handleQuestionnairePost({
        campaign,
        lang: "sq",
        formData: reviewForm({ "a:first_contact_police": choice }),
      });
    const view = async () => {
      const published = await getPublishedResults(campaign.id, 3);
      const yes = published.tallies
        .filter((t) => t.question_id === "first_contact_police" && t.choice === "yes")
        .reduce((sum, t) => sum + t.count, 0);
      return { yes, published: responsesIn(published.tallies), received: published.received };
    };

    await send("yes");
    await send("no");
    expect(await view()).toEqual({ yes: 0, published: 0, received: 2 });
    await send("yes");
    expect(await view()).toEqual({ yes: 2, published: 3, received: 3 });
    // One more person answers "yes": a view now must not show the change.
    await send("yes");
    expect(await view()).toEqual({ yes: 2, published: 3, received: 4 });
    await send("no");
    await send("no");
    expect(await view()).toEqual({ yes: 3, published: 6, received: 6 });

    await settleHeldSubmissions(); // PostgreSQL: move what waits (docs/decisions/018)
    const stored = await getResponseDb()
      .selectFrom("published_results")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    expect(stored.publication_encrypted).not.toContain("first_contact_police");
  });
});
