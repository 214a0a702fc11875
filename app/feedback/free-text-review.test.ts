import { beforeAll, describe, expect, it } from "vitest";

import { redactWithLists } from "./redaction";
import {
  listFreeText,
  reviewFreeText,
  storeSubmission,
  withdrawFreeText,
} from "./responses.server";
import { migrateResponseStore } from "../../db/response-store";

const markers = { name: "name", place: "place", date: "date" };

beforeAll(async () => {
  await migrateResponseStore();
});

describe("redacting with the coordinator's lists", () => {
  it("hides every listed name, place and date, the same way for preview and approval", () => {
    const lists = { names: "Arta, Besa", places: "Shkoder", dates: "12.03.2024" };
    const text = "Arta and Besa met in Shkodër on 12.03.2024.";
    expect(redactWithLists(text, lists, markers)).toBe(
      "[name] and [name] met in [place] on [date].",
    );
    expect(redactWithLists(text, { names: "", places: "", dates: "" }, markers)).toBe(text);
  });
});

describe("reviewing and withdrawing free text", () => {
  it("approves a pending text once; a withdrawn text leaves the approved list and waits again", async () => {
    const campaignId = "withdraw-campaign";
    await storeSubmission({
      campaignId,
      templateVersion: 1,
      language: "en",
      respondentMode: "self",
      period: "2026-11-29",
      choices: {},
      freeTexts: [{ questionId: "closing_anything_else", text: "Arta helped." }],
      answeredQuestionIds: ["closing_anything_else"],
    });
    const [item] = await listFreeText(campaignId, "pending");
    expect(item?.text).toBe("Arta helped.");

    expect(
      await reviewFreeText(campaignId, item!.id, { approve: true, redacted: "[name] helped." }),
    ).toBe(true);
    // Already reviewed: neither approved again nor excluded.
    expect(await reviewFreeText(campaignId, item!.id, { approve: false })).toBe(false);
    expect((await listFreeText(campaignId, "approved")).map((i) => i.redacted)).toEqual([
      "[name] helped.",
    ]);
    // Another campaign's id cannot withdraw it.
    expect(await withdrawFreeText("other-campaign", item!.id)).toBe(false);

    expect(await withdrawFreeText(campaignId, item!.id)).toBe(true);
    expect(await listFreeText(campaignId, "approved")).toEqual([]);
    const [again] = await listFreeText(campaignId, "pending");
    expect(again).toMatchObject({ id: item!.id, text: "Arta helped.", redacted: null });
    // Only an approved text can be withdrawn.
    expect(await withdrawFreeText(campaignId, item!.id)).toBe(false);
  });
});
