import { beforeAll, describe, expect, it } from "vitest";

import { countingDb } from "./counting-db";
import { testEngine } from "./test-engine";
import {
  countAccessCodes,
  countCampaignActivity,
  countFreeText,
  countResponses,
  createAccessCodes,
  listFreeText,
  reviewFreeText,
  storeSubmission,
} from "../../app/feedback/responses.server";
import { getResponseDb, migrateResponseStore } from "../../db/response-store";

beforeAll(async () => {
  await migrateResponseStore();
});

const submission = (campaignId: string, text: string, accessCode?: string) => ({
  campaignId,
  templateVersion: 1,
  language: "en",
  respondentMode: "self" as const,
  period: "2026-11-30",
  choices: {},
  freeTexts: [{ questionId: "closing_anything_else", text }],
  answeredQuestionIds: ["closing_anything_else"],
  ...(accessCode ? { accessCode } : {}),
});

// On PostgreSQL, settling held submissions first asks whether any are held (one query more).
const SETTLE = testEngine === "postgres" ? 1 : 0;

describe("a campaign page's counts", () => {
  it("are the three counts of before, read in one query", async () => {
    const campaignId = `counts-${Date.now()}`;
    const empty = countingDb(getResponseDb());
    expect(await countCampaignActivity(campaignId, empty.db)).toEqual({
      responses: 0,
      codes: { total: 0, used: 0 },
      freeText: { pending: 0, approved: 0, rejected: 0 },
    });
    expect(empty.queries()).toBe(1 + SETTLE);

    const codes = await createAccessCodes(campaignId, 5);
    for (const [i, text] of ["one", "two", "three", "four"].entries()) {
      expect(await storeSubmission(submission(campaignId, text, codes[i]))).toBe("stored");
    }
    await storeSubmission(submission(`${campaignId}-other`, "elsewhere"));
    const [first, second] = await listFreeText(campaignId, "pending");
    await reviewFreeText(campaignId, first!.id, { approve: true, redacted: "one" });
    await reviewFreeText(campaignId, second!.id, { approve: false });

    const counted = countingDb(getResponseDb());
    const counts = await countCampaignActivity(campaignId, counted.db);
    expect(counts).toEqual({
      responses: 4,
      codes: { total: 5, used: 4 },
      freeText: { pending: 2, approved: 1, rejected: 1 },
    });
    expect(counted.queries()).toBe(1 + SETTLE);
    expect(counts).toEqual({
      responses: await countResponses(campaignId),
      codes: await countAccessCodes(campaignId),
      freeText: await countFreeText(campaignId),
    });
  });
});
