import { describe, expect, it } from "vitest";

import { formHasErrors, titleMeta } from "./meta";

describe("the page title of a form with errors", () => {
  const meta = (data: unknown, pathname = "/en/staff/sign-in") =>
    titleMeta("auth:signIn.title")({ data, location: { pathname } } as never) as {
      title: string;
    }[];

  it("starts with Error: / Gabim: only when the form came back with errors", () => {
    expect(meta(undefined)[0]!.title).toBe("Staff sign-in – Your Voice");
    expect(meta({ errors: {} })[0]!.title).toBe("Staff sign-in – Your Voice");
    expect(meta({ errors: { email: "x" } })[0]!.title).toBe("Error: Staff sign-in – Your Voice");
    expect(meta({ errors: { email: "x" } }, "/staff/sign-in")[0]!.title).toMatch(/^Gabim: /);
  });

  it("recognises every shape the portal's forms answer with", () => {
    expect(formHasErrors({ missing: ["item"] })).toBe(true);
    expect(formHasErrors({ missing: [] })).toBe(false);
    expect(formHasErrors({ kind: "code", error: "feedback:code.invalid" })).toBe(true);
    expect(formHasErrors({ kind: "code", error: null })).toBe(false);
    expect(formHasErrors({ view: { errors: { q1: "too_long" } } })).toBe(true);
    expect(formHasErrors({ view: { errors: {} } })).toBe(false);
    expect(formHasErrors(null)).toBe(false);
    expect(formHasErrors("text")).toBe(false);
  });
});
