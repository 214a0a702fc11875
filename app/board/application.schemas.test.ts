import { describe, expect, it } from "vitest";

import { STORED_FIELD_GROUPS, checkApplication, checkStep, stepsFor } from "./application.schemas";
import { storedFieldsOf } from "./applications.server";

const today = "2026-11-29";
const complete = {
  firstName: "Ana",
  lastName: "Hoxha",
  dobDay: "3",
  dobMonth: "5",
  dobYear: "1995",
  placeOfBirth: "Fier",
  nationality: "Shqiptare",
  residence: "citizen",
  email: "ana@example.org",
  phone: "",
  channels: ["email"],
  contactTimes: "",
  voicemailSafe: "no",
  sharedPhoneSafe: "no",
  activity: "Vullnetare",
  suitability: "Përvoja ime",
  motivation: "",
  additional: "",
  nominated: "no",
  nominatingOrganisation: "",
  gender: "prefer_not",
  region: "prefer_not",
  expertise: ["prefer_not"],
  acknowledged: ["yes"],
  signature: "Ana Hoxha",
  signatureConfirmed: ["yes"],
};

describe("the application journey", () => {
  it("asks for a guardian at 16 and 17 only, and requires the guardian's name, contact and confirmation", () => {
    const seventeen = { ...complete, dobYear: "2009", dobMonth: "1", dobDay: "1" };
    expect(stepsFor(seventeen, today)).toContain("guardian");
    expect(stepsFor(complete, today)).not.toContain("guardian");
    const missing = checkApplication(seventeen, today, "citizen_or_resident");
    expect(missing).toMatchObject({
      ok: false,
      step: "guardian",
      errors: {
        guardianName: "board:apply.errors.guardian_name_required",
        guardianContact: "board:apply.errors.guardian_contact_required",
        guardianConfirmed: "board:apply.errors.guardian_confirmation_required",
      },
    });
    const withGuardian = checkApplication(
      {
        ...seventeen,
        guardianName: "Besa Hoxha",
        guardianContact: "+355 68 000",
        guardianConfirmed: "yes",
      },
      today,
      "citizen_or_resident",
    );
    expect(withGuardian.ok && withGuardian.application.guardianName).toBe("Besa Hoxha");
  });

  it("stops under 16 with no errors to fix, and refuses a future or impossible date", () => {
    const fifteen = { ...complete, dobYear: "2011", dobMonth: "6", dobDay: "1" };
    expect(checkStep("about", fifteen, today, "citizen")).toEqual({ errors: {}, tooYoung: true });
    expect(checkStep("about", { ...complete, dobYear: "2027" }, today, "citizen").errors.dob).toBe(
      "board:apply.errors.dob_future",
    );
    expect(
      checkStep("about", { ...complete, dobDay: "30", dobMonth: "2" }, today, "citizen").errors.dob,
    ).toBe("board:apply.errors.dob_invalid");
  });

  it("names the limit of an oversized answer, and needs a phone number for calls or SMS", () => {
    const long = checkStep(
      "questions",
      { ...complete, suitability: "a".repeat(3001) },
      today,
      "citizen",
    );
    expect(long.errors.suitability).toBe("board:apply.errors.too_long_3000");
    const sms = checkStep("contact", { ...complete, channels: ["sms"] }, today, "citizen");
    expect(sms.errors.phone).toBe("board:apply.errors.phone_required_for_channel");
  });

  it("gives every missing field its own message", () => {
    const { errors } = checkStep("about", {}, today, "citizen_or_resident");
    expect(errors).toEqual({
      firstName: "board:apply.errors.first_name_required",
      lastName: "board:apply.errors.last_name_required",
      placeOfBirth: "board:apply.errors.place_of_birth_required",
      nationality: "board:apply.errors.nationality_required",
      residence: "board:apply.errors.residence_required",
      dob: "board:apply.errors.dob_required",
    });
  });

  it("refuses a resident where the board takes citizens only", () => {
    const { errors } = checkStep("about", { ...complete, residence: "resident" }, today, "citizen");
    expect(errors.residence).toBe("board:apply.errors.residence_citizens_only");
  });
});

describe("the privacy notice", () => {
  it("lists exactly the fields an application stores", () => {
    const checked = checkApplication(complete, today, "citizen");
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const stored = Object.keys(storedFieldsOf(checked.application)).sort();
    expect(Object.values(STORED_FIELD_GROUPS).flat().sort()).toEqual(stored);
  });
});
