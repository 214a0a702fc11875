/**
 * Text typed into a staff page before React has attached to it is kept.
 *
 * A staff page is usable as plain HTML before its script has loaded and hydrated it; on a slow
 * phone that can take seconds, and people start typing. React 18 keeps what was typed into an
 * `<input>` when it hydrates, but sets a `<textarea>` back to the text the server sent whenever
 * that text was not empty (react-dom's textarea postMountWrapper runs during hydration too;
 * facebook/react#12955, #26974). An answer, a note or the minutes edited before hydration
 * would silently go back to the saved text, and be saved so.
 *
 * `keepTextTypedBeforeHydration` (entry.client.tsx, before hydrating) notes every textarea's
 * current value that differs from the server's, then every value typed until
 * `restoreTextTypedBeforeHydration` (root.tsx, in an effect once the page is hydrated) puts the
 * noted values back and tells React through an input event, as a keystroke would.
 */
const typed = new Map<HTMLTextAreaElement, string>();
let watching: Document | null = null;

function noteTyping(event: Event): void {
  const field = event.target;
  if (field instanceof HTMLTextAreaElement) typed.set(field, field.value);
}

/** Starts noting what is typed into textareas (and what was typed already). Browser only. */
export function keepTextTypedBeforeHydration(doc: Document = document): void {
  for (const field of doc.querySelectorAll("textarea"))
    if (field.value !== field.defaultValue) typed.set(field, field.value);
  doc.addEventListener("input", noteTyping, true);
  watching = doc;
}

/**
 * Puts back every value noted since `keepTextTypedBeforeHydration` that hydration replaced,
 * and stops noting. Safe to call more than once (later calls do nothing).
 */
export function restoreTextTypedBeforeHydration(): void {
  if (!watching) return;
  watching.removeEventListener("input", noteTyping, true);
  watching = null;
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
  for (const [field, value] of typed) {
    if (!field.isConnected || field.value === value) continue;
    // The prototype's setter, so that React sees a change (its own tracker would hide it).
    setValue?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  typed.clear();
}
