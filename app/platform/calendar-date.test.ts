import { describe, expect, it } from "vitest";

import { isCalendarDate } from "./calendar-date";
import { NewAssessmentSchema } from "../assessment/assessment.schemas";
import { CampaignSchema } from "../feedback/campaign.schemas";
import { annex61Template } from "../feedback/templates/annex-6-1";

describe("isCalendarDate", () => {
  it("takes days that exist, written yyyy-mm-dd, and nothing else", () => {
    for (const day of ["2026-02-28", "2024-02-29", "2026-12-31", "2026-01-01"])
      expect(isCalendarDate(day), day).toBe(true);
    for (const day of ["2026-02-31", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10"])
      expect(isCalendarDate(day), day).toBe(false);
    for (const text of ["2026-1-1", "01.02.2026", "20260101", "2026-01-01T00:00", "", " "])
      expect(isCalendarDate(text), text).toBe(false);
  });
});

describe("the date fields that used Date.parse (it rolls 31 February over into March)", () => {
  it("refuse 31 February in a campaign's dates and an assessment's date", () => {
    const campaign = CampaignSchema.safeParse({
      templateId: annex61Template.id,
      purpose: "service_evaluation",
      collectorProvidedSupport: "no",
      sections: ["first_contact"],
      opensOn: "2026-02-31",
      closesOn: "2026-02-31",
      accessMode: "codes",
      respondentMode: "self",
      dateGranularity: "week",
      minGroupSize: "5",
      organisationId: "org-1",
      languages: ["sq"],
      title_sq: "T",
      collectingOrganisation_sq: "O",
    });
    expect(campaign.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["opensOn", "feedback:errors.date_invalid"],
      ["closesOn", "feedback:errors.date_invalid"],
    ]);
    const assessment = NewAssessmentSchema.safeParse({
      assessedOn: "2026-02-31",
      participants: "Arta",
    });
    expect(assessment.error?.issues.map((issue) => issue.message)).toContain(
      "assessment:errors.date_invalid",
    );
  });
});
