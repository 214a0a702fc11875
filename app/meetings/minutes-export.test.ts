import { describe, expect, it } from "vitest";

import { minutesMarkdown } from "./minutes-export.server";

describe("the Markdown export for the report", () => {
  it("leaves confidential items out with their tasks, keeps agenda numbers, shows attendance as a status only and each item's tasks as typed", () => {
    const text = minutesMarkdown(
      {
        heading: "Procesverbali",
        status: "Miratuar",
        content: {
          attendance: [
            { userId: "a", status: "present" },
            { userId: "b", status: "excused" },
            { userId: "c", status: "absent" },
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
            {
              agendaItemId: "3",
              title: "Raporti",
              discussion: "",
              decisions: "",
              confidential: false,
            },
          ],
        },
        // Names as shown now: "c" was erased on request (decision 040); "b" typed a star.
        attendance: [
          { userId: "a", name: "Arta", status: "present" },
          { userId: "b", name: "Blerim *B*", status: "excused" },
          { userId: "c", name: "", status: "absent" },
        ],
        actionItems: [
          {
            agendaItemId: "1",
            task: "Të ftohet *OJF-ja* [Tirana]",
            ownerName: "Arta",
            declined: false,
            dueDay: "14.12.2026",
            status: "open",
          },
          {
            agendaItemId: "2",
            task: "Detyra e fshehtë",
            ownerName: "Blerim",
            declined: false,
            dueDay: "15.12.2026",
            status: "open",
          },
          {
            agendaItemId: "3",
            task: "Raporti vjetor",
            ownerName: null,
            declined: true,
            dueDay: "20.12.2026",
            status: "done",
          },
        ],
      },
      "sq",
    );
    expect(text).toContain("Konfidenciale / Confidential");
    expect(text).toContain("- Blerim \\*B\\*: mungesë e justifikuar");
    expect(text).toContain("- Anëtar i fshirë: ");
    expect(text).toContain("## 1. Hapja");
    expect(text).toContain("U hap mbledhja.");
    expect(text).not.toContain("Rasti i veçantë");
    expect(text).not.toContain("Emri i personit");
    expect(text).not.toContain("Detyra e fshehtë");
    // The third agenda item keeps its number though the second is left out.
    expect(text).toContain("## 3. Raporti");
    expect(text).toContain(
      "### Detyrat\n\n- Të ftohet \\*OJF\\-ja\\* \\[Tirana\\]: Arta, afati 14.12.2026, E hapur",
    );
    expect(text).toContain(
      "- Raporti vjetor: E refuzuar: duhet një përgjegjës i ri, afati 20.12.2026, E kryer",
    );
  });
});
