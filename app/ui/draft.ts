import type { SummaryItem } from "./form-fields";
import type { FieldErrors } from "./parse-form";

/**
 * A long form kept as a draft by several people (self-assessment, good practice; later minutes,
 * reviews, applications): save at any point, complete when nothing is missing, and never lose
 * anyone's work when two people save the same draft.
 *
 * The action answers with one `DraftAnswer` shape; `DraftForm` shows it: the error summary
 * (field errors and missing items), the conflict warning, the saved message, and the Save and
 * Complete buttons in a bar that stays in view. Saving returns to where the person was
 * (`draftReturnAnchor`): the item that last had the focus (with JavaScript), or the section
 * whose own Save button was pressed (`DraftSaveHere`, also without JavaScript).
 */
export type DraftAnswer<Values, Current = Values> = {
  /** What the person sent, to show again. */
  values: Values;
  /** Field id → message key. */
  errors: FieldErrors;
  /** Ids of the items still to answer before the draft can be completed. */
  missing: string[];
  /** What someone else saved meanwhile, and the version to save over it. */
  conflict: { current: Current; version: number } | null;
};

/** The answer to a form that did not parse (400). */
export function invalidDraft<V>(values: V, errors: FieldErrors): DraftAnswer<V, never> {
  return { values, errors, missing: [], conflict: null };
}

/** The answer to Complete with items still unanswered (400). */
export function incompleteDraft<V>(values: V, missing: string[]): DraftAnswer<V, never> {
  return { values, errors: {}, missing, conflict: null };
}

/** The answer when someone else saved the draft meanwhile (409): both shown, neither lost. */
export function conflictingDraft<V, C>(
  values: V,
  current: { current: C; version: number } | null,
): DraftAnswer<V, C> {
  return { values, errors: {}, missing: [], conflict: current };
}

/** What a draft form's button asks for: `save`, `complete`, or a save that returns to a section. */
export type DraftIntent = { intent: "save" | "complete"; anchor: string | null };

const ANCHOR = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Reads the pressed button (`intent`: `save`, `complete`, or `save@<anchor>` from
 * `DraftSaveHere`) and the `anchor` field the form keeps up to date with JavaScript. An anchor
 * that is not a plain id is ignored; anything else than `complete` saves.
 */
export function readDraftIntent(formData: FormData): DraftIntent {
  const raw = String(formData.get("intent") ?? "");
  const [intent, fromButton] = raw.split("@", 2) as [string, string | undefined];
  const anchor = fromButton ?? String(formData.get("anchor") ?? "");
  return {
    intent: intent === "complete" ? "complete" : "save",
    anchor: ANCHOR.test(anchor) ? anchor : null,
  };
}

/** Where a saved draft returns to: `<path>?saved=1#<anchor>` (the fragment only if known). */
export function draftReturnAnchor(path: string, anchor: string | null): string {
  return `${path}?saved=1${anchor ? `#${anchor}` : ""}`;
}

/**
 * The error summary's lines for a draft answer: each field error linking to its field (a
 * problem with the whole form links to the form), then each missing item linking to its field.
 * `text` translates a message key; `missingItem` names a missing item and its field id.
 */
export function draftProblems(
  answer: Pick<DraftAnswer<unknown>, "errors" | "missing"> | undefined,
  {
    formId,
    text,
    missingItem,
  }: {
    formId: string;
    text: (messageKey: string) => string;
    missingItem: (itemId: string) => { fieldId: string; text: string };
  },
): SummaryItem[] {
  return [
    ...Object.entries(answer?.errors ?? {}).map(([field, message]) => ({
      href: `#${field === "form" ? formId : field}`,
      text: text(message),
    })),
    ...(answer?.missing ?? []).map((itemId) => {
      const item = missingItem(itemId);
      return { href: `#${item.fieldId}`, text: item.text };
    }),
  ];
}
