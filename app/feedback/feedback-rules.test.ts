import { getISOWeek, getISOWeekYear } from "date-fns";
import { describe, expect, it, vi } from "vitest";

import {
  hashAccessCode,
  isWellFormedAccessCode,
  normalizeAccessCode,
  generateAccessCode,
} from "./access-codes.server";
import { campaignDetailsSchema, campaignStatus, CampaignSchema } from "./campaign.schemas";
import { campaignQuestions, journeyPages, nextPageId, parseAnswers } from "./journey";
import {
  buildResults,
  cellStatus,
  cellText,
  countShownQuestions,
  nextPublication,
  questionShown,
  responseBreakdown,
  responsesIn,
  suppressCells,
  type Tally,
} from "./results";
import { coarsenSubmissionDate } from "./submission-period";
import { getFixedT } from "../i18n/i18n";
import { addDays, dateIn } from "../platform/calendar.server";
import { annex61Template } from "./templates/annex-6-1";

describe("access codes", () => {
  it("are 8 unambiguous characters, read the same however typed, and hashed with a key", () => {
    const code = generateAccessCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(code).not.toMatch(/[01OIL5S]/);
    expect(isWellFormedAccessCode(code.toLowerCase().replace("-", " "))).toBe(true);
    expect(normalizeAccessCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(hashAccessCode("abcd efgh", "k1")).toBe(hashAccessCode("ABCD-EFGH", "k1"));
    expect(hashAccessCode("ABCD-EFGH", "k1")).not.toBe(hashAccessCode("ABCD-EFGH", "k2"));
    expect(new Set(Array.from({ length: 1000 }, generateAccessCode)).size).toBe(1000);
  });
});

describe("submission date coarsening", () => {
  const tirana = "Europe/Tirane";

  it("keeps only the day in the organisation's time zone, or the ISO week", () => {
    expect(coarsenSubmissionDate(new Date("2026-11-23T12:00:00Z"), "day", tirana)).toBe(
      "2026-11-23",
    );
    expect(coarsenSubmissionDate(new Date("2026-11-23T10:00:01Z"), "week", tirana)).toBe(
      "2026-W48",
    );
    // ISO weeks belong to the year of their Thursday.
    expect(coarsenSubmissionDate(new Date("2027-01-01T10:00:00Z"), "week", tirana)).toBe(
      "2026-W53",
    );
    expect(coarsenSubmissionDate(new Date("2024-12-30T10:00:00Z"), "week", tirana)).toBe(
      "2025-W01",
    );
  });

  it("gives each day its own ISO week when days are asked for again, in any order", () => {
    const expected = (day: Date) => {
      const noon = new Date(`${day.toISOString().slice(0, 10)}T12:00:00Z`);
      return `${getISOWeekYear(noon)}-W${String(getISOWeek(noon)).padStart(2, "0")}`;
    };
    // 100 days (more than the weeks kept), each asked for twice, then the first ones again.
    const days = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 11, 1 + i, 10)));
    for (const day of [...days, ...days.slice(0, 10), ...days.reverse()]) {
      expect(coarsenSubmissionDate(day, "week", tirana)).toBe(expected(day));
      expect(coarsenSubmissionDate(day, "week", tirana)).toBe(expected(day));
    }
  });

  it("formats the day once a minute however many responses are stored in it", () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      for (let second = 0; second < 60; second += 5) {
        const at = new Date(Date.UTC(2032, 4, 6, 9, 41, second));
        expect(coarsenSubmissionDate(at, "month", tirana)).toBe("2032-05");
      }
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("puts a response sent just after midnight in Tirana on that day, in winter and summer", () => {
    // 00:30 in Tirana is 23:30 UTC the evening before (CET, UTC+1) ...
    expect(coarsenSubmissionDate(new Date("2026-11-23T23:30:00Z"), "day", tirana)).toBe(
      "2026-11-24",
    );
    // ... and 22:30 UTC in summer (CEST, UTC+2).
    expect(coarsenSubmissionDate(new Date("2026-07-14T22:30:00Z"), "day", tirana)).toBe(
      "2026-07-15",
    );
    // Sunday 23:30 UTC is already Monday in Tirana: the next ISO week.
    expect(coarsenSubmissionDate(new Date("2026-11-29T23:30:00Z"), "week", tirana)).toBe(
      "2026-W49",
    );
    expect(coarsenSubmissionDate(new Date("2026-11-29T23:30:00Z"), "week", "UTC")).toBe("2026-W48");
  });
});

describe("calendar dates", () => {
  it("reads today in the given zone and counts days across months and years", () => {
    expect(dateIn("Europe/Tirane", new Date("2026-12-31T23:15:00Z"))).toBe("2027-01-01");
    expect(dateIn("UTC", new Date("2026-12-31T23:15:00Z"))).toBe("2026-12-31");
    expect(addDays("2026-11-23", 30)).toBe("2026-12-23");
    expect(addDays("2026-12-20", 14)).toBe("2027-01-03");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});

describe("the journey", () => {
  const sections = ["first_contact", "referral"];
  const pages = journeyPages(annex61Template, sections);

  it("has the introduction, the chosen sections in order, the closing question and the review", () => {
    expect(pages.map((p) => p.id)).toEqual([
      "intro",
      "section:first_contact",
      "section:referral",
      "closing",
      "review",
    ]);
    expect(pages[2]).toMatchObject({ number: 2, total: 2 });
  });

  it("moves forward, back, to the review and to a page to change", () => {
    expect(nextPageId(pages, "intro", { kind: "next" })).toBe("section:first_contact");
    expect(nextPageId(pages, "section:first_contact", { kind: "back" })).toBe("intro");
    expect(nextPageId(pages, "section:referral", { kind: "review" })).toBe("review");
    expect(nextPageId(pages, "review", { kind: "edit", pageId: "section:referral" })).toBe(
      "section:referral",
    );
    expect(nextPageId(pages, "review", { kind: "edit", pageId: "section:compensation" })).toBe(
      "intro",
    );
  });

  it("parses answers, keeps invalid ones for the page, and refuses questions of other sections", () => {
    const form = new FormData();
    form.append("a:first_contact_police", "yes");
    form.append("c:first_contact_police", "  They came with me.\r\n ");
    form.append("a:accommodation_team_roles", "psychologist");
    form.append("a:referral_information_given", "");
    form.append("a:first_contact_rights_explained", "perhaps");
    const { answers, errors } = parseAnswers(annex61Template, sections, form);
    expect(answers.first_contact_police).toEqual({
      choices: ["yes"],
      comment: "They came with me.",
      text: "",
    });
    expect(answers.referral_information_given).toBeUndefined();
    expect(errors).toEqual({
      form: "feedback:errors.unknown_question",
      first_contact_rights_explained: "feedback:errors.answer_invalid",
    });
  });

  it("lists a campaign's questions once per choice of sections, in order, and never mixes them", () => {
    const all = annex61Template.sections.map((section) => section.id);
    const some = campaignQuestions(annex61Template, sections);
    expect(campaignQuestions(annex61Template, [...sections])).toBe(some);
    expect(Object.isFrozen(some)).toBe(true);
    expect(some.map((q) => q.id)).toEqual([
      ...annex61Template.sections
        .filter((section) => sections.includes(section.id))
        .flatMap((section) => section.questions.map((q) => q.id)),
      annex61Template.closing.id,
    ]);
    const every = campaignQuestions(annex61Template, all);
    expect(every).not.toBe(some);
    expect(every.length).toBeGreaterThan(some.length);
    // A question of a section the campaign leaves out is still refused after the other list.
    const outside = every.find((q) => !some.includes(q))!;
    const form = new FormData();
    form.append(`a:${outside.id}`, "x");
    expect(parseAnswers(annex61Template, sections, form).errors.form).toBe(
      "feedback:errors.unknown_question",
    );
  });

  it("counts text in characters, so 2,000 Albanian letters fit", () => {
    const form = new FormData();
    form.append("a:closing_anything_else", "ë".repeat(2000));
    expect(parseAnswers(annex61Template, sections, form).errors).toEqual({});
    form.set("a:closing_anything_else", "ë".repeat(2001));
    expect(parseAnswers(annex61Template, sections, form).errors).toEqual({
      closing_anything_else: "feedback:errors.answer_too_long",
    });
  });
});

describe("small-number suppression", () => {
  const tally = (
    question_id: string,
    choice: string,
    count: number,
    extra: Partial<Tally> = {},
  ): Tally => ({
    question_id,
    choice,
    count,
    language: "sq",
    respondent_mode: "self",
    ...extra,
  });

  it("shows nothing until there are k responses", () => {
    const results = buildResults(
      annex61Template,
      ["referral"],
      [tally("__responses", "__answered", 4)],
      5,
    );
    expect(results).toEqual({ ready: false, responses: null, k: 5 });
  });

  it("hides any count below k, and one more so the hidden one cannot be worked out", () => {
    expect(suppressCells([10, 3, 7], 5, 20)).toEqual([
      { suppressed: false, count: 10, percent: 50 },
      { suppressed: true, reason: "fewer_than_k" },
      { suppressed: true, reason: "secondary" },
    ]);
    expect(suppressCells([10, 3, 2], 5, 15).map((c) => c.suppressed)).toEqual([false, true, true]);
    expect(suppressCells([6, 6], 5, 12).map((c) => c.suppressed)).toEqual([false, false]);
  });

  it("counts skipped and prefer-not-to-say apart, with percentages of all responses", () => {
    const results = buildResults(
      annex61Template,
      ["referral"],
      [
        tally("__responses", "__answered", 20),
        tally("referral_consent_signed", "__answered", 14),
        tally("referral_consent_signed", "yes", 8),
        tally("referral_consent_signed", "prefer_not", 6),
      ],
      5,
    );
    expect(results.ready).toBe(true);
    if (!results.ready) return;
    const consent = results.questions.find((q) => q.question.id === "referral_consent_signed")!;
    expect(consent.answered).toEqual({ suppressed: false, count: 14, percent: 70 });
    expect(consent.skipped).toEqual({ suppressed: false, count: 6, percent: 30 });
    expect(consent.options.find((o) => o.choice === "prefer_not")?.cell).toEqual({
      suppressed: false,
      count: 6,
      percent: 30,
    });
    expect(consent.options.find((o) => o.choice === "no")?.cell).toEqual({
      suppressed: true,
      reason: "fewer_than_k",
    });
  });

  it('labels a count hidden only to protect another as "hidden", never "fewer than k"', () => {
    // 10 answered, nobody skipped: "skipped" (0) is below k, so "answered" (10) is hidden too.
    const results = buildResults(
      annex61Template,
      ["referral"],
      [
        tally("__responses", "__answered", 10),
        tally("referral_consent_signed", "__answered", 10),
        tally("referral_consent_signed", "yes", 10),
      ],
      5,
    );
    if (!results.ready) throw new Error("expected results");
    const consent = results.questions.find((q) => q.question.id === "referral_consent_signed")!;
    const label = (lang: "sq" | "en") => {
      const t = getFixedT(lang);
      return [consent.answered, consent.skipped].map((cell) => cellText(cell, 5, t));
    };
    expect(label("en")).toEqual(["hidden", "fewer than 5"]);
    expect(label("sq")).toEqual(["fshehur", "më pak se 5"]);
    expect(cellStatus(consent.answered, 5, getFixedT("en"))).toBe("hidden");
    expect(cellText(consent.options[0]!.cell, 5, getFixedT("en"))).toBe("10 (100%)");
    expect(cellStatus(consent.options[0]!.cell, 5, getFixedT("en"))).toBe("");
  });

  it("counts the questions that can be shown; one whose every answer is hidden is folded", () => {
    const results = buildResults(
      annex61Template,
      ["referral"],
      [
        tally("__responses", "__answered", 11),
        // Yes 4, No 2: every choice below k, so nothing of this question can be shown.
        tally("referral_consent_signed", "__answered", 6),
        tally("referral_consent_signed", "yes", 4),
        tally("referral_consent_signed", "no", 2),
        tally("referral_accompanied", "__answered", 6),
        tally("referral_accompanied", "yes", 6),
        // A free-text question 6 answered, 5 skipped: its counts are shown.
        tally("referral_information_given", "__answered", 6),
      ],
      5,
    );
    if (!results.ready) throw new Error("expected results");
    const byId = (id: string) => results.questions.find((q) => q.question.id === id)!;
    expect(questionShown(byId("referral_consent_signed"))).toBe(false);
    expect(questionShown(byId("referral_accompanied"))).toBe(true);
    expect(questionShown(byId("referral_information_given"))).toBe(true);
    // Nobody answered "already informed": folded too.
    expect(questionShown(byId("referral_already_informed"))).toBe(false);
    expect(results.questions).toHaveLength(5); // with the closing question, nobody answered
    expect(countShownQuestions(results.questions)).toBe(2);
  });

  it("hides a breakdown when any group is below k", () => {
    const byLanguage = [
      tally("__responses", "__answered", 12),
      tally("__responses", "__answered", 4, { language: "en" }),
    ];
    expect(responseBreakdown(byLanguage, "language", 5)).toBeNull();
    byLanguage[1]!.count = 5;
    expect(responseBreakdown(byLanguage, "language", 5)?.groups).toEqual([
      { value: "en", count: 5 },
      { value: "sq", count: 12 },
    ]);
  });
});

describe("campaign settings", () => {
  const valid = {
    organisationId: "org-1",
    title_sq: "T",
    templateId: "service_user_feedback",
    purpose: "other",
    purposeOther_sq: "",
    collectingOrganisation_sq: "O",
    collectorProvidedSupport: "no",
    sections: ["first_contact"],
    opensOn: "2026-12-01",
    closesOn: "2026-11-30",
    languages: ["sq"],
    accessMode: "codes",
    respondentMode: "both",
    dateGranularity: "week",
    minGroupSize: "2",
  };

  it("refuses k below 3, a closing date before the opening, and 'other' without a description", () => {
    const result = CampaignSchema.safeParse(valid);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["minGroupSize", "closesOn", "purposeOther_sq"]));
  });

  it("defaults nothing silently: a valid campaign parses as typed", () => {
    const parsed = CampaignSchema.parse({
      ...valid,
      purposeOther_sq: "Board review",
      closesOn: "2026-12-31",
      minGroupSize: "5",
    });
    expect(parsed.minGroupSize).toBe(5);
    expect(campaignStatus(parsed, "2026-11-30")).toBe("scheduled");
    expect(campaignStatus(parsed, "2026-12-31")).toBe("open");
    expect(campaignStatus(parsed, "2027-01-01")).toBe("closed");
  });
});

describe("template versions", () => {
  it("finds a campaign's own version and refuses versions that do not exist", async () => {
    const { getTemplate, TEMPLATES } = await import("./templates");
    expect(getTemplate("service_user_feedback", 1)).toBe(annex61Template);
    expect(getTemplate("service_user_feedback", 99)).toBeUndefined();
    expect(getTemplate("service_user_feedback")).toBe(TEMPLATES.service_user_feedback);
    expect(getTemplate("toString")).toBeUndefined();
  });
});

describe("publishing results in steps of k", () => {
  const responses = (language: string, mode: string, count: number): Tally => ({
    question_id: "__responses",
    choice: "__answered",
    language,
    respondent_mode: mode,
    count,
  });
  const k = 5;
  const count = (tallies: readonly Tally[], language?: string, mode?: string) =>
    tallies
      .filter(
        (t) =>
          t.question_id === "__responses" &&
          (language === undefined || t.language === language) &&
          (mode === undefined || t.respondent_mode === mode),
      )
      .reduce((sum, t) => sum + t.count, 0);

  it("shows nothing before k, then moves only after k more responses", () => {
    const first = nextPublication([responses("sq", "self", 4)], null, k);
    expect(responsesIn(first)).toBe(0);
    const second = nextPublication([responses("sq", "self", 5)], first, k);
    expect(responsesIn(second)).toBe(5);
    const third = nextPublication([responses("sq", "self", 9)], second, k);
    expect(responsesIn(third)).toBe(5);
    expect(responsesIn(nextPublication([responses("sq", "self", 10)], third, k))).toBe(10);
  });

  it("waits while a group the results are split by gained fewer than k", () => {
    const start = nextPublication(
      [responses("sq", "self", 30), responses("sq", "interview", 20)],
      null,
      k,
    );
    // Four self-completed answers and five interviews: "self" gained fewer than k, so nothing
    // moves (the one-column difference would be four people, the next step could make it one).
    const live = [responses("sq", "self", 34), responses("sq", "interview", 25)];
    expect(nextPublication(live, start, k)).toBe(start);
    // One more self-completed answer: every mode gained none or at least k.
    const next = nextPublication(
      [responses("sq", "self", 35), responses("sq", "interview", 25)],
      start,
      k,
    );
    expect(responsesIn(next)).toBe(60);
  });

  it("moves freely while the results are not split (a group still below k)", () => {
    const start = nextPublication(
      [responses("sq", "self", 20), responses("sq", "interview", 4)],
      null,
      k,
    );
    expect(responsesIn(start)).toBe(24);
    const next = nextPublication(
      [responses("sq", "self", 24), responses("sq", "interview", 5)],
      start,
      k,
    );
    expect(responsesIn(next)).toBe(29);
  });

  it("never lets two views differ by fewer than k people, overall or in any group shown", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const live = new Map<string, Tally>();
    const views: (readonly Tally[])[] = [];
    let shown: readonly Tally[] | null = null;
    for (let arrival = 0; arrival < 400; arrival += 1) {
      const language = random() < 0.8 ? "sq" : "en";
      const mode = random() < 0.7 ? "self" : "interview";
      const key = `${language}|${mode}`;
      const tally = live.get(key) ?? responses(language, mode, 0);
      live.set(key, { ...tally, count: tally.count + 1 });
      shown = nextPublication([...live.values()], shown, k);
      if (views.at(-1) !== shown) views.push(shown);
    }
    expect(views.length).toBeGreaterThan(10);
    const groups = [
      ["sq", undefined],
      ["en", undefined],
      [undefined, "self"],
      [undefined, "interview"],
    ] as const;
    const split = (view: readonly Tally[], dimension: "language" | "mode") => {
      const counts =
        dimension === "language"
          ? [count(view, "sq"), count(view, "en")]
          : [count(view, undefined, "self"), count(view, undefined, "interview")];
      return counts.every((c) => c >= k);
    };
    for (let i = 0; i < views.length; i += 1) {
      for (let j = i + 1; j < views.length; j += 1) {
        const [a, b] = [views[i]!, views[j]!];
        expect(count(b) - count(a)).toBeGreaterThanOrEqual(k);
        for (const [language, mode] of groups) {
          const dimension = language ? "language" : "mode";
          if (!split(a, dimension) || !split(b, dimension)) continue;
          const gained = count(b, language, mode) - count(a, language, mode);
          expect(gained === 0 || gained >= k, `${language ?? mode} ${i}->${j}`).toBe(true);
        }
      }
    }
  });
});

describe("changing a campaign", () => {
  const details = {
    organisationId: "org-1",
    title_sq: "Shelter feedback",
    purpose: "service_evaluation",
    purposeOther_sq: "",
    collectingOrganisation_sq: "Independent Centre",
    collectorProvidedSupport: "no",
    opensOn: "2026-11-01",
    closesOn: "2026-12-31",
  };
  const CampaignDetailsSchema = campaignDetailsSchema(["sq"]);

  it("accepts new wording and dates, and nothing that would change what was asked", () => {
    const parsed = CampaignDetailsSchema.parse({
      ...details,
      minGroupSize: "1",
      sections: ["first_contact"],
      accessMode: "codes",
    });
    expect(Object.keys(parsed).sort()).toEqual([
      "closesOn",
      "collectorProvidedSupport",
      "opensOn",
      "organisationId",
      "purpose",
      "texts",
    ]);
  });

  it("refuses dates out of order and an 'other' purpose without words", () => {
    const result = CampaignDetailsSchema.safeParse({
      ...details,
      purpose: "other",
      closesOn: "2026-10-01",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).sort()).toEqual([
      "feedback:errors.closes_before_opens",
      "feedback:errors.purpose_other_required_sq",
    ]);
  });
});
