import { diffArrays, diffWordsWithSpace } from "diff";

import type { MinutesContent } from "./minutes-rules";

/** One run of a word-level diff: kept, inserted in the later text, or deleted from it. */
export type DiffPart = { kind: "same" | "ins" | "del"; text: string };

const TIME_LIMIT_MS = 40;

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string) {
  if (text === "") return;
  const last = parts.at(-1);
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * A word-level diff of two texts, as `git diff --word-diff` does it: paragraphs (lines) are
 * matched first (`diffArrays`), then the words of each changed stretch are compared with the
 * `diff` library's `diffWordsWithSpace`. Edits in minutes are local, so this keeps two
 * 20,000-character revisions well under 50 ms (bench/minutes.ts). A stretch whose word diff
 * would take longer than 40 ms is shown as deleted then inserted whole (still correct, less
 * fine). Adjacent runs of the same kind are joined; joining the `same` and `del` runs gives
 * `before`, the `same` and `ins` runs give `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let removed = "";
  const flush = (added: string) => {
    if (removed === "" || added === "") {
      push(parts, "del", removed);
      push(parts, "ins", added);
    } else {
      const words = diffWordsWithSpace(removed, added, { timeout: TIME_LIMIT_MS });
      if (!words) {
        push(parts, "del", removed);
        push(parts, "ins", added);
      } else
        for (const change of words)
          push(parts, change.added ? "ins" : change.removed ? "del" : "same", change.value);
    }
    removed = "";
  };
  for (const change of diffArrays(lines(before), lines(after))) {
    const text = change.value.join("");
    if (change.removed) removed += text;
    else if (change.added) flush(text);
    else {
      flush("");
      push(parts, "same", text);
    }
  }
  flush("");
  return parts;
}

/** A compared section of minutes: an agenda item's field, with its diff. */
export type DiffSection = {
  agendaItemId: string;
  title: string;
  field: "discussion" | "decisions" | "confidential";
  parts: DiffPart[];
  changed: boolean;
};

/**
 * Two revisions compared per agenda item and field (discussion, decisions, and the
 * confidential mark as "yes"/"no" words given by `flag`). Items are matched by agenda item id;
 * an item missing on one side compares with empty text.
 */
export function compareMinutes(
  before: MinutesContent,
  after: MinutesContent,
  flag: (confidential: boolean) => string,
): DiffSection[] {
  const old = new Map(before.items.map((item) => [item.agendaItemId, item]));
  const ids = [
    ...after.items.map((item) => item.agendaItemId),
    ...before.items
      .map((item) => item.agendaItemId)
      .filter((id) => !after.items.some((i) => i.agendaItemId === id)),
  ];
  const now = new Map(after.items.map((item) => [item.agendaItemId, item]));
  const sections: DiffSection[] = [];
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    const title = b?.title ?? a?.title ?? "";
    for (const field of ["discussion", "decisions"] as const) {
      const parts = wordDiff(a?.[field] ?? "", b?.[field] ?? "");
      sections.push({
        agendaItemId: id,
        title,
        field,
        parts,
        changed: parts.some((p) => p.kind !== "same"),
      });
    }
    if ((a?.confidential ?? false) !== (b?.confidential ?? false)) {
      const parts = wordDiff(flag(a?.confidential ?? false), flag(b?.confidential ?? false));
      sections.push({ agendaItemId: id, title, field: "confidential", parts, changed: true });
    }
  }
  return sections;
}
