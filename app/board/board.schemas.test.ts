import { describe, expect, it } from "vitest";

import { BoardSchema, CallSchema } from "./board.schemas";
import { callState } from "./calls.server";

describe("the board form", () => {
  it("takes a name, Annex 3.1 areas, the residence rule and a mandate in months", () => {
    const parsed = BoardSchema.safeParse({
      name: " Bordi ",
      areas: ["legal_policy", "victim_support"],
      areasOther: "",
      residenceRule: "citizen",
      mandateMonths: "24",
    });
    expect(parsed.success && parsed.data).toEqual({
      name: "Bordi",
      nameEn: "",
      areas: ["legal_policy", "victim_support"],
      areasOther: "",
      residenceRule: "citizen",
      mandateMonths: 24,
    });
  });

  it("takes an English name, trimmed, up to 200 characters like the Albanian one", () => {
    const board = {
      name: "Bordi",
      areas: "legal_policy",
      residenceRule: "citizen",
      mandateMonths: "24",
    };
    expect(BoardSchema.safeParse({ ...board, nameEn: " The board " }).data?.nameEn).toBe(
      "The board",
    );
    expect(BoardSchema.safeParse({ ...board, nameEn: "N".repeat(200) }).success).toBe(true);
    const long = BoardSchema.safeParse({ ...board, nameEn: "N".repeat(201) });
    expect(long.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["nameEn"], "board:errors.name_en_too_long"],
    ]);
  });

  it("needs an area or the functions in free text, and refuses unknown areas", () => {
    const none = BoardSchema.safeParse({
      name: "B",
      residenceRule: "citizen",
      mandateMonths: "24",
    });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe("board:errors.areas_required");
    const other = BoardSchema.safeParse({
      name: "B",
      areas: "unknown",
      residenceRule: "citizen",
      mandateMonths: "24",
    });
    expect(other.error?.issues[0]?.message).toBe("board:errors.area_invalid");
    const text = BoardSchema.safeParse({
      name: "B",
      areasOther: "Research",
      residenceRule: "citizen",
      mandateMonths: "24",
    });
    expect(text.success).toBe(true);
  });
});

describe("the call form", () => {
  it("has blind review only when the box is ticked, and refuses a close before the open", () => {
    const on = CallSchema.safeParse({
      opensOn: "2026-12-01",
      closesOn: "2026-12-31",
      blindMode: "on",
    });
    expect(on.success && on.data.blindMode).toBe(true);
    const off = CallSchema.safeParse({ opensOn: "2026-12-01", closesOn: "2026-12-01" });
    expect(off.success && off.data.blindMode).toBe(false);
    const backwards = CallSchema.safeParse({ opensOn: "2026-12-02", closesOn: "2026-12-01" });
    expect(backwards.error?.issues[0]?.path).toEqual(["closesOn"]);
    const impossible = CallSchema.safeParse({ opensOn: "2026-02-30", closesOn: "2026-03-01" });
    expect(impossible.error?.issues[0]?.message).toBe("board:errors.date_invalid");
  });

  it("is open from its first to its last day, both included", () => {
    const call = { opensOn: "2026-12-01", closesOn: "2026-12-31" };
    expect(callState(call, "2026-11-30")).toBe("upcoming");
    expect(callState(call, "2026-12-01")).toBe("open");
    expect(callState(call, "2026-12-31")).toBe("open");
    expect(callState(call, "2027-01-01")).toBe("closed");
  });
});
