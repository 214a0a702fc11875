import { useEffect, useRef } from "react";

import type { FormValues } from "~/ui/parse-form";

/**
 * Puts input kept across a sign-in back on the page's form (decision 013). Client-safe and
 * generic: it needs nothing from the form's components, only the names of its fields.
 *
 * The form chosen is the one on the page (inside <main>) that has the most of the kept field
 * names and whose hidden fields (such as `intent` or `userId`) agree with the kept ones, so on
 * a page with several forms only the one that was posted is filled. Text fields, text areas
 * and selects get the kept value; checkboxes and radios are checked exactly when their value
 * was posted (a group with nothing posted was left empty). Events are dispatched as if typed,
 * so forms that react to a choice (showing a section) follow. Passwords and the CSRF token are
 * never kept, so they stay as rendered: the new session's token.
 *
 * Returns true when a form was filled.
 */
export function restoreFormValues(root: ParentNode, values: FormValues): boolean {
  const form = chooseForm(root, values);
  if (!form) return false;
  const seen = new Map<string, number>();
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement) &&
      !(element instanceof HTMLTextAreaElement) &&
      !(element instanceof HTMLSelectElement)
    )
      continue;
    const name = element.name;
    if (!name || element.disabled || !isRestorable(element)) continue;
    const kept = values[name];
    const list = kept === undefined ? [] : Array.isArray(kept) ? kept : [kept];
    if (
      element instanceof HTMLInputElement &&
      (element.type === "checkbox" || element.type === "radio")
    ) {
      const wanted = list.includes(element.value);
      if (element.checked !== wanted) {
        if (wanted || element.type === "checkbox") element.click();
        else element.checked = false;
      }
      continue;
    }
    if (kept === undefined) continue;
    const index = seen.get(name) ?? 0;
    seen.set(name, index + 1);
    if (element instanceof HTMLSelectElement && element.multiple) {
      for (const option of Array.from(element.options))
        option.selected = list.includes(option.value);
    } else {
      setNativeValue(element, list[index] ?? "");
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return true;
}

/** Runs restoreFormValues once per kept payload, after hydration. */
export function useRestoreKeptInput(values: FormValues | null | undefined) {
  const done = useRef<FormValues | null>(null);
  useEffect(() => {
    if (!values || done.current === values) return;
    done.current = values;
    const main = document.getElementById("main");
    if (main) restoreFormValues(main, values);
  }, [values]);
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isRestorable(element: Field): boolean {
  if (element instanceof HTMLInputElement) {
    return !["hidden", "password", "file", "submit", "button", "reset", "image"].includes(
      element.type,
    );
  }
  return true;
}

function chooseForm(root: ParentNode, values: FormValues): HTMLFormElement | null {
  let best: HTMLFormElement | null = null;
  let bestScore = 0;
  for (const form of Array.from(root.querySelectorAll("form"))) {
    if (form.method.toLowerCase() !== "post") continue;
    let score = 0;
    let agrees = true;
    const names = new Set<string>();
    const buttonValues = new Map<string, string[]>();
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLButtonElement && element.name) {
        buttonValues.set(element.name, [...(buttonValues.get(element.name) ?? []), element.value]);
        continue;
      }
      if (
        !(element instanceof HTMLInputElement) &&
        !(element instanceof HTMLTextAreaElement) &&
        !(element instanceof HTMLSelectElement)
      )
        continue;
      if (!element.name || names.has(element.name)) continue;
      names.add(element.name);
      const kept = values[element.name];
      if (element instanceof HTMLInputElement && element.type === "hidden") {
        // A hidden field (intent, userId…) that differs means another form was posted. One the
        // page itself fills as the person works (a draft's return place, `data-page-state`)
        // says nothing about which form it is.
        if (
          element.name !== "csrf" &&
          !element.hasAttribute("data-page-state") &&
          kept !== undefined &&
          // A field sent several times (a campaign's languages) was kept as a list.
          !(Array.isArray(kept) ? kept.map(String).includes(element.value) : kept === element.value)
        )
          agrees = false;
        continue;
      }
      if (kept !== undefined && isRestorable(element)) score += 1;
    }
    for (const [name, options] of buttonValues) {
      const kept = values[name];
      if (kept !== undefined && !names.has(name) && !options.includes(String(kept))) agrees = false;
    }
    if (agrees && score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  return best;
}

function setNativeValue(
  element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  value: string,
) {
  // React tracks the value it set; the prototype's setter makes a controlled input see a change.
  const prototype = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}
