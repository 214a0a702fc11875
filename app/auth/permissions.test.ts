import { describe, expect, it } from "vitest";

import { can, PERMISSIONS, ROLES } from "./permissions";

// The expected matrix, written out by hand so a change to the table must be made twice.
const EXPECTED: Record<string, string[]> = {
  "home:view": ["admin", "coordinator", "secretariat", "reviewer", "board_member", "guest"],
  "account:manage": ["admin", "coordinator", "secretariat", "reviewer", "board_member", "guest"],
  "users:manage": ["admin"],
  "audit:read": ["admin"],
  "outbox:read": ["admin"],
  "campaigns:manage": ["admin", "coordinator"],
  "assessments:manage": ["admin", "coordinator"],
  "organisations:create": ["admin"],
  "board:members:manage": ["secretariat"],
  "board:membership": ["secretariat", "board_member"],
  "board:vote": ["board_member"],
  "declaration:sign": ["admin", "secretariat", "board_member", "guest"],
  "meetings:view": ["secretariat", "board_member", "guest"],
  "meetings:schedule": ["secretariat"],
  "minutes:draft": ["secretariat"],
  "closed_days:manage": ["admin"],
  "declaration:publish": ["admin"],
  "boards:manage": ["admin", "secretariat"],
  "board_applicants:export": ["admin"],
  "board_members:export": ["admin"],
  "board_review:manage": ["secretariat"],
  "board_review:score": ["reviewer"],
};

describe("role matrix", () => {
  it("covers exactly the permissions the portal defines", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [permission, allowed] of Object.entries(EXPECTED)) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${expected ? "allows" : "denies"} ${role} → ${permission}`, () => {
        expect(can([role], permission)).toBe(expected);
      });
    }
  }

  it("denies unknown permissions, unknown roles and people with no role", () => {
    expect(can(["admin"], "everything:do")).toBe(false);
    expect(can(["admin"], "toString")).toBe(false);
    expect(can(["superuser"], "home:view")).toBe(false);
    expect(can([], "home:view")).toBe(false);
  });

  it("lets a person with several roles do what any of them allows", () => {
    expect(can(["reviewer", "admin"], "users:manage")).toBe(true);
  });
});
