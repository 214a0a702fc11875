import { beforeAll, describe, expect, it } from "vitest";

import {
  emptyAnswers,
  missingAnswers,
  NewPracticeSchema,
  parsePracticeForm,
  type PracticeAnswers,
} from "./good-practice-form";
import {
  createGoodPractice,
  getGoodPractice,
  listGoodPractices,
  practiceFor,
  saveGoodPractice,
} from "./good-practices.server";
import { addMember, insertOrganisation } from "./organisations.server";
import { allReplicabilityQuestions, REPLICABILITY_ANSWER_MAX } from "./replicability";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { getUserById, insertUser, type StaffUser } from "../auth/users.server";

let admin: StaffUser;
let coordinator: StaffUser;
let tirana: string;
let shkoder: string;

const QUESTIONS = allReplicabilityQuestions().map((q) => q.questionId);

function allAnswered(): PracticeAnswers {
  const answers = emptyAnswers();
  for (const id of QUESTIONS) answers[id] = `Answer to ${id}`;
  return answers;
}

function form(fields: Record<string, string | string[]>): FormData {
  const formData = new FormData();
  formData.set("csrf", "token");
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) formData.append(key, v);
  return formData;
}

async function auditActions(): Promise<string[]> {
  const rows = await getIdentityDb()
    .selectFrom("audit_events")
    .select("action")
    .orderBy("occurred_at")
    .execute();
  return rows.map((row) => row.action);
}

async function user(email: string, roles: StaffUser["roles"]): Promise<StaffUser> {
  const id = await insertUser(
    { email, displayName: email, passwordHash: null, roles },
    getIdentityDb(),
  );
  return (await getUserById(id))!;
}

beforeAll(async () => {
  await migrateIdentityStore();
  admin = await user("admin@example.org", ["admin"]);
  coordinator = await user("coordinator@example.org", ["coordinator"]);
  tirana = await insertOrganisation({ name: "NGO Tirana", type: "ngo" });
  shkoder = await insertOrganisation({ name: "NGO Shkodër", type: "ngo" });
  await addMember(tirana, coordinator.id);
});

describe("creating and saving a good practice", () => {
  it("creates a draft with no answers yet, and audits it", async () => {
    const id = await createGoodPractice(coordinator, tirana, {
      title: "Peer mentors",
      description: "Survivors mentor newly identified people.",
    });
    const practice = await getGoodPractice(id);
    expect(practice).toMatchObject({
      organisationId: tirana,
      title: "Peer mentors",
      status: "draft",
      version: 1,
      completedAt: null,
    });
    expect(Object.keys(practice!.answers)).toEqual(QUESTIONS);
    expect(Object.values(practice!.answers).every((a) => a === "")).toBe(true);
    expect(await auditActions()).toContain("good_practice_created");
  });

  it("saves a draft with some answers and the version moves on", async () => {
    const id = await createGoodPractice(coordinator, tirana, { title: "A", description: "B" });
    const answers = { ...emptyAnswers(), problem: "Isolation after shelter", reach: "Tirana" };
    const outcome = await saveGoodPractice(coordinator, id, 1, {
      title: "A, renamed",
      description: "B",
      answers,
      complete: false,
    });
    expect(outcome).toEqual({ ok: true, completed: false, version: 2 });
    const practice = await getGoodPractice(id);
    expect(practice).toMatchObject({ title: "A, renamed", status: "draft", version: 2 });
    expect(practice!.answers.problem).toBe("Isolation after shelter");
    expect(practice!.answers.reach).toBe("Tirana");
    expect(practice!.answers.risks).toBe("");
  });

  it("refuses to complete with unanswered questions, lists them in order, writes nothing", async () => {
    const id = await createGoodPractice(coordinator, tirana, { title: "C", description: "D" });
    const answers = allAnswered();
    answers.target_groups = "";
    answers.risks = "   ";
    const outcome = await saveGoodPractice(coordinator, id, 1, {
      title: "C",
      description: "D",
      answers,
      complete: true,
    });
    expect(outcome).toEqual({ ok: false, kind: "missing", missing: ["target_groups", "risks"] });
    expect(await getGoodPractice(id)).toMatchObject({ status: "draft", version: 1 });
    expect(missingAnswers(emptyAnswers())).toEqual(QUESTIONS);
  });

  it("completes when all 10 are answered, audits it, and refuses any later save", async () => {
    const id = await createGoodPractice(coordinator, tirana, { title: "E", description: "F" });
    const input = { title: "E", description: "F", answers: allAnswered() };
    expect(await saveGoodPractice(coordinator, id, 1, { ...input, complete: true })).toEqual({
      ok: true,
      completed: true,
      version: 2,
    });
    const practice = await getGoodPractice(id);
    expect(practice!.status).toBe("completed");
    expect(practice!.completedAt).not.toBeNull();
    expect(await auditActions()).toContain("good_practice_completed");
    expect(await saveGoodPractice(coordinator, id, 2, { ...input, complete: false })).toEqual({
      ok: false,
      kind: "completed",
    });
  });

  it("tells the second of two savers that the draft changed, and keeps the first one's text", async () => {
    const id = await createGoodPractice(coordinator, tirana, { title: "G", description: "H" });
    const first = { ...emptyAnswers(), problem: "First saver" };
    const second = { ...emptyAnswers(), problem: "Second saver" };
    const base = { title: "G", description: "H", complete: false };
    expect((await saveGoodPractice(coordinator, id, 1, { ...base, answers: first })).ok).toBe(true);
    expect(await saveGoodPractice(admin, id, 1, { ...base, answers: second })).toEqual({
      ok: false,
      kind: "conflict",
    });
    expect((await getGoodPractice(id))!.answers.problem).toBe("First saver");
  });
});

describe("the practice form", () => {
  it("reads the details, the answers, the version and the intent", () => {
    const parsed = parsePracticeForm(
      form({
        title: "  Peer mentors ",
        description: "Mentoring",
        "answer:problem": "Line one\r\nline two ",
        "answer:reach": "",
        version: "3",
        intent: "complete",
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.content.title).toBe("Peer mentors");
    expect(parsed.content.answers.problem).toBe("Line one\nline two");
    expect(parsed.content.answers.risks).toBe("");
    expect(parsed.version).toBe(3);
    expect(parsed.intent).toBe("complete");
  });

  it("refuses an answer over 2,000 characters with a message, keeping every value", () => {
    const long = "ë".repeat(REPLICABILITY_ANSWER_MAX + 1);
    const parsed = parsePracticeForm(
      form({
        title: "T",
        description: "D",
        "answer:problem": "kept",
        "answer:risks": long,
        version: "1",
        intent: "save",
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ "answer-risks": "practices:errors.answer_too_long" });
    expect(parsed.values.answers.risks).toBe(long);
    expect(parsed.values.answers.problem).toBe("kept");
    expect(parsed.values.title).toBe("T");
  });

  it("counts characters, not UTF-16 units, and line breaks once", () => {
    const exactly = "😀".repeat(REPLICABILITY_ANSWER_MAX - 1) + "\r\n";
    const parsed = parsePracticeForm(
      form({ title: "T", description: "D", "answer:problem": `a${exactly}`, version: "1" }),
    );
    expect(parsed.ok).toBe(true);
  });

  it("needs a title and a description, and refuses unknown questions and a bad version", () => {
    const parsed = parsePracticeForm(
      form({ title: " ", description: "", "answer:nonsense": "x", version: "zero" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      title: "practices:errors.title_required",
      description: "practices:errors.description_required",
      form: "practices:errors.form_invalid",
    });
  });

  it("validates the new-practice form", () => {
    expect(NewPracticeSchema.safeParse({ title: "T", description: "D" }).success).toBe(true);
    const tooLong = NewPracticeSchema.safeParse({
      title: "T",
      description: "x".repeat(REPLICABILITY_ANSWER_MAX + 1),
    });
    expect(tooLong.error?.issues[0]?.message).toBe("practices:errors.description_too_long");
  });
});

describe("organisation scoping", () => {
  it("lists only an organisation's own practices", async () => {
    const other = await createGoodPractice(admin, shkoder, {
      title: "Elsewhere",
      description: "x",
    });
    const titles = (await listGoodPractices(tirana)).map((p) => p.title);
    expect(titles).not.toContain("Elsewhere");
    expect(titles.length).toBeGreaterThan(0);
    const shkoderList = await listGoodPractices(shkoder);
    expect(shkoderList).toEqual([
      expect.objectContaining({ id: other, title: "Elsewhere", status: "draft", answered: 0 }),
    ]);
  });

  it("lets a coordinator open only the practices of their organisation; an admin opens all", async () => {
    const own = await createGoodPractice(coordinator, tirana, { title: "Own", description: "x" });
    const foreign = await createGoodPractice(admin, shkoder, { title: "Other", description: "x" });
    expect((await practiceFor(coordinator, own)).ok).toBe(true);
    expect(await practiceFor(coordinator, foreign)).toEqual({ ok: false, reason: "forbidden" });
    expect((await practiceFor(admin, foreign)).ok).toBe(true);
    expect(await practiceFor(admin, "00000000-0000-4000-8000-000000000000")).toEqual({
      ok: false,
      reason: "not_found",
    });
  });
});
