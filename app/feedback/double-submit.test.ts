import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Campaign } from "./campaigns.server";
import { issueFormNonce } from "./form-guards.server";
import { handleQuestionnairePost } from "./questionnaire.server";
import { storeSubmission, type StoreResult } from "./responses.server";
import { annex61Template } from "./templates/annex-6-1";

// The store is replaced so that it can be made slow or failing on purpose.
vi.mock("./responses.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  storeSubmission: vi.fn(),
}));
const store = vi.mocked(storeSubmission);

const campaign: Campaign = {
  id: "c1",
  slug: "doubles",
  templateId: annex61Template.id,
  templateVersion: 1,
  organisationId: "org-1",
  title: "Doubles",
  purpose: "service_evaluation",
  purposeOther: null,
  collectingOrganisation: "Test",
  texts: {
    sq: { title: "Doubles", purposeOther: null, collectingOrganisation: "Test" },
    en: { title: "Doubles", purposeOther: null, collectingOrganisation: "Test" },
  },
  collectorProvidedSupport: false,
  sections: ["first_contact"],
  opensOn: "2000-01-01",
  closesOn: "2999-12-31",
  languages: ["sq", "en"],
  accessMode: "open",
  respondentMode: "self",
  dateGranularity: "day",
  minGroupSize: 5,
  createdAt: "2026-01-01T00:00:00Z",
};

const send = (nonce: string, clientKey = "client") => {
  const formData = new URLSearchParams({
    page: "review",
    nav: "submit",
    nonce,
    "a:first_contact_police": "yes",
  });
  return handleQuestionnairePost({ campaign, lang: "sq", formData, clientKey });
};

function deferred() {
  let settle!: { resolve: (value: StoreResult) => void; reject: (error: Error) => void };
  const promise = new Promise<StoreResult>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

beforeEach(() => store.mockReset());
afterEach(() => {
  delete process.env.FEEDBACK_SUBMISSIONS_PER_HOUR;
});

describe("sending the same form twice", () => {
  it("stores once and thanks both when the first store succeeds", async () => {
    const first = deferred();
    store.mockReturnValueOnce(first.promise);
    const nonce = issueFormNonce();
    const a = send(nonce);
    const b = send(nonce);
    first.resolve("stored");
    expect(await a).toEqual({ kind: "redirect", to: "thanks" });
    expect(await b).toEqual({ kind: "redirect", to: "thanks" });
    expect(store).toHaveBeenCalledTimes(1);
  });

  it("does not thank the second click for answers the first failed to store", async () => {
    const first = deferred();
    store.mockReturnValueOnce(first.promise).mockResolvedValueOnce("stored");
    const nonce = issueFormNonce();
    const a = send(nonce, "client-2");
    const b = send(nonce, "client-2");
    first.reject(new Error("disk full"));
    await expect(a).rejects.toThrow("disk full");
    // The second waited for the first, found the form not sent, and stored the answers itself.
    expect(await b).toEqual({ kind: "redirect", to: "thanks" });
    expect(store).toHaveBeenCalledTimes(2);
  });

  it("gives back the rate-limit count of a submission that could not be stored", async () => {
    process.env.FEEDBACK_SUBMISSIONS_PER_HOUR = "1";
    store.mockRejectedValueOnce(new Error("disk full")).mockResolvedValueOnce("stored");
    await expect(send(issueFormNonce(), "client-3")).rejects.toThrow("disk full");
    expect(await send(issueFormNonce(), "client-3")).toEqual({ kind: "redirect", to: "thanks" });
    expect(await send(issueFormNonce(), "client-3")).toMatchObject({ status: 429 });
  });
});
