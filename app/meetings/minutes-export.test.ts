import { describe, expect, it } from "vitest";

import { minutesMarkdown } from "./minutes-export.server";

describe("the Markdown export for the report", () => {
  it("leaves confidential items out and shows attendance as a status only", () => {
    const text = minutesMarkdown(
      {
        heading: "Procesverbali",
        status: "Miratuar",
        content: {
          attendance: [
            { userId: "a", name: "Arta", status: "present" },
            { userId: "b", name: "Blerim", status: "excused" },
          ],
          items: [
            {
              agendaItemId: "1",
              title: "Hapja",
              discussion: "U hap mbledhja.",
              decisions: "",
              confidential: false,
            },
            {
              agendaItemId: "2",
              title: "Rasti i veçantë",
              discussion: "Emri i personit",
              decisions: "Vendim",
              confidential: true,
            },
          ],
        },
      },
      "sq",
    );
    expect(text).toContain("Konfidenciale / Confidential");
    expect(text).toContain("- Blerim: i justifikuar");
    expect(text).toContain("## 1. Hapja");
    expect(text).toContain("U hap mbledhja.");
    expect(text).not.toContain("Rasti i veçantë");
    expect(text).not.toContain("Emri i personit");
  });
});
