import { Form } from "@remix-run/react";
import { useRef, type FocusEvent, type FormEvent, type ReactNode } from "react";

import { CsrfField, ErrorSummaryBox, type SummaryItem } from "./form-fields";

/**
 * The draft form (shapes and rules in ./draft.ts). `intro` is shown between the messages and the form (back link, heading, guidance).
 * Give each item a wrapper with an `id` and `data-draft-anchor` so saving can return to it.
 */
export function DraftForm({
  id,
  csrfToken,
  version,
  posted,
  problems,
  missingTitle,
  conflictText,
  savedText,
  saveLabel,
  completeLabel,
  completeHint,
  intro,
  children,
}: {
  id: string;
  csrfToken: string;
  version: number;
  /** The form shows what was posted (the fields are re-mounted when this changes). */
  posted: boolean;
  problems: SummaryItem[];
  /** Title of the error summary when items are missing. */
  missingTitle?: string;
  /** Shown when someone else saved meanwhile. */
  conflictText?: string;
  /** Shown in the bar after a save. */
  savedText?: string;
  saveLabel: string;
  completeLabel: string;
  completeHint?: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const anchor = useRef<HTMLInputElement>(null);
  // The place is kept here, outside the form: the form is re-created (its key) when the page's
  // data changes, and a new hidden field would start empty.
  const place = useRef("");
  // The place is noted on focus and on every change: someone who clicked into a field before the
  // page had finished loading (no focus event reaches React then) is still brought back to it.
  const remember = (event: FocusEvent<HTMLFormElement> | FormEvent<HTMLFormElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>("[data-draft-anchor]");
    if (item?.id) place.current = item.id;
    if (anchor.current && place.current) anchor.current.value = place.current;
  };
  return (
    <>
      <ErrorSummaryBox items={problems} title={missingTitle} />
      {conflictText ? (
        <div className="app-warning" role="alert">
          <p className="app-body">{conflictText}</p>
        </div>
      ) : null}
      {intro}
      <Form
        method="post"
        noValidate
        id={id}
        key={`${version}-${posted ? "posted" : "loaded"}`}
        className="app-draft-form"
        onFocus={remember}
        onInput={remember}
        onSubmit={() => {
          // Sent as it is now, whatever re-created or reset the field since the last keystroke.
          if (anchor.current && place.current) anchor.current.value = place.current;
        }}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="anchor" defaultValue="" ref={anchor} data-page-state="" />
        {children}
        {completeHint ? <p className="app-hint">{completeHint}</p> : null}
        <div className="app-draft-bar">
          <div className="app-draft-bar__buttons">
            <button
              type="submit"
              name="intent"
              value="save"
              className="app-button app-button--secondary"
            >
              {saveLabel}
            </button>
            <button type="submit" name="intent" value="complete" className="app-button">
              {completeLabel}
            </button>
          </div>
          <p className="app-draft-bar__status" role="status">
            {savedText ?? ""}
          </p>
        </div>
      </Form>
    </>
  );
}

/** A Save button at the end of a section that brings the person back to that section. */
export function DraftSaveHere({ anchor, label }: { anchor: string; label: string }) {
  return (
    <p className="app-draft-save-here">
      <button type="submit" name="intent" value={`save@${anchor}`} className="app-link-button">
        {label}
      </button>
    </p>
  );
}

/** What someone else saved for this field meanwhile, shown beside it during a conflict. */
export function TheirValue({ text }: { text: string | null }) {
  return text === null ? null : <p className="app-hint app-their-value">{text}</p>;
}
