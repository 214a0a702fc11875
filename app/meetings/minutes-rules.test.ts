import { describe, expect, it } from "vitest";

import { compareMinutes, wordDiff } from "./minutes-diff";
import {
  approvalRefusal,
  chairAbsentOrVacant,
  commentsOpen,
  reportContent,
  unansweredMembers,
  type MinutesContent,
} from "./minutes-rules";

const NOW = new Date("2026-12-10T10:00:00Z");
const base = {
  status: "circulated" as const,
  commentDeadline: "2026-12-15",
  today: "2026-12-10",
  membersUnanswered: 0,
  kind: "chair" as const,
  isChair: true,
  isSecretariat: false,
  isActingChair: false,
  chairAbsentOrVacant: false,
  now: NOW,
};

describe("the minutes state machine", () => {
  it("accepts comments only while circulated and up to the deadline day", () => {
    const doc = { status: "circulated" as const, commentDeadline: "2026-12-15" };
    expect(commentsOpen(doc, "2026-12-15")).toBe(true);
    expect(commentsOpen(doc, "2026-12-16")).toBe(false);
    expect(commentsOpen({ ...doc, status: "draft" }, "2026-12-10")).toBe(false);
    expect(commentsOpen({ ...doc, status: "approved" }, "2026-12-10")).toBe(false);
  });

  it("lets the chair approve before the deadline only when every member answered", () => {
    expect(approvalRefusal(base)).toBeNull();
    expect(approvalRefusal({ ...base, membersUnanswered: 1 })).toBe("members_unanswered");
    expect(approvalRefusal({ ...base, membersUnanswered: 1, today: "2026-12-16" })).toBeNull();
  });

  it("approves only circulated minutes: not a draft, not approved ones again", () => {
    expect(approvalRefusal({ ...base, status: "draft" })).toBe("not_circulated");
    expect(approvalRefusal({ ...base, status: "approved" })).toBe("not_circulated");
  });

  it("refuses someone who is not the chair", () => {
    expect(approvalRefusal({ ...base, isChair: false })).toBe("not_approver");
    expect(approvalRefusal({ ...base, isChair: false, isSecretariat: true })).toBe("not_approver");
  });

  it("lets the acting chair approve only when the chair was absent or the post is empty", () => {
    const acting = { ...base, kind: "acting_chair" as const, isChair: false, isActingChair: true };
    expect(approvalRefusal(acting)).toBe("chair_present");
    expect(approvalRefusal({ ...acting, chairAbsentOrVacant: true })).toBeNull();
    expect(approvalRefusal({ ...acting, chairAbsentOrVacant: true, isActingChair: false })).toBe(
      "not_approver",
    );
  });

  it("records approval at a later meeting of the same board that has begun", () => {
    const meeting = { ...base, kind: "meeting" as const, isChair: false, isSecretariat: true };
    const later = { startsAt: "2026-12-09T09:00:00Z", sameBoard: true, after: true };
    expect(approvalRefusal({ ...meeting, laterMeeting: later })).toBeNull();
    expect(approvalRefusal({ ...meeting, laterMeeting: null })).toBe("meeting_not_later");
    expect(approvalRefusal({ ...meeting, laterMeeting: { ...later, sameBoard: false } })).toBe(
      "meeting_not_later",
    );
    expect(approvalRefusal({ ...meeting, laterMeeting: { ...later, after: false } })).toBe(
      "meeting_not_later",
    );
    expect(
      approvalRefusal({
        ...meeting,
        laterMeeting: { ...later, startsAt: "2026-12-11T09:00:00Z" },
      }),
    ).toBe("meeting_not_later");
    expect(approvalRefusal({ ...meeting, isSecretariat: false, laterMeeting: later })).toBe(
      "not_approver",
    );
  });

  it("treats the chair as absent when excused, absent or not recorded, and the post empty without a chair", () => {
    const att = (status: MinutesContent["attendance"][number]["status"]) => [
      { userId: "c", status },
    ];
    expect(chairAbsentOrVacant([], att("present"))).toBe(true);
    expect(chairAbsentOrVacant(["c"], att("excused"))).toBe(true);
    expect(chairAbsentOrVacant(["c"], att("absent"))).toBe(true);
    expect(chairAbsentOrVacant(["c"], att(null))).toBe(true);
    expect(chairAbsentOrVacant(["c"], att("present"))).toBe(false);
    expect(chairAbsentOrVacant(["c"], att("late"))).toBe(false);
  });

  it("counts who has not answered", () => {
    expect(unansweredMembers(["a", "b", "c"], ["b", "b"])).toEqual(["a", "c"]);
  });

  it("leaves confidential items out of the report", () => {
    const content: MinutesContent = {
      attendance: [],
      items: [
        { agendaItemId: "1", title: "A", discussion: "", decisions: "", confidential: false },
        { agendaItemId: "2", title: "B", discussion: "", decisions: "", confidential: true },
      ],
    };
    expect(reportContent(content).items.map((i) => i.title)).toEqual(["A"]);
  });
});

describe("the word-level diff", () => {
  const join = (parts: ReturnType<typeof wordDiff>, keep: "ins" | "del") =>
    parts
      .filter((p) => p.kind === "same" || p.kind === keep)
      .map((p) => p.text)
      .join("");

  it("marks the changed words only", () => {
    const parts = wordDiff("Bordi miratoi planin e punës.", "Bordi diskutoi planin e punës.");
    expect(parts).toEqual([
      { kind: "same", text: "Bordi " },
      { kind: "del", text: "miratoi" },
      { kind: "ins", text: "diskutoi" },
      { kind: "same", text: " planin e punës." },
    ]);
  });

  it("rebuilds both texts exactly, across paragraphs", () => {
    const before = "Hapja.\n\nRaporti u paraqit.\nPika e tretë mbeti.\n";
    const after = "Hapja.\n\nRaporti u paraqit dhe u miratua.\nPika e katërt.\nE re\n";
    const parts = wordDiff(before, after);
    expect(join(parts, "del")).toBe(before);
    expect(join(parts, "ins")).toBe(after);
  });

  it("shows a whole new or removed text as one insertion or deletion", () => {
    expect(wordDiff("", "tekst i ri")).toEqual([{ kind: "ins", text: "tekst i ri" }]);
    expect(wordDiff("tekst", "")).toEqual([{ kind: "del", text: "tekst" }]);
    expect(wordDiff("njëjtë", "njëjtë")).toEqual([{ kind: "same", text: "njëjtë" }]);
  });

  it("compares revisions per agenda item and field, and the confidential mark", () => {
    const item = { agendaItemId: "i1", title: "Raporti", discussion: "a b", decisions: "" };
    const sections = compareMinutes(
      { attendance: [], items: [{ ...item, confidential: false }] },
      { attendance: [], items: [{ ...item, discussion: "a c", confidential: true }] },
      (c) => (c ? "yes" : "no"),
    );
    expect(sections.map((s) => [s.field, s.changed])).toEqual([
      ["discussion", true],
      ["decisions", false],
      ["confidential", true],
    ]);
  });
});
