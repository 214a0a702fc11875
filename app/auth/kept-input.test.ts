import { beforeAll, describe, expect, it } from "vitest";

import { safeRedirectTarget } from "./guard.server";
import {
  claimKeptInput,
  deleteExpiredKeptInputs,
  keepInput,
  keptInputPath,
  KEPT_INPUT_LIFETIME_MS,
  takeKeptInput,
} from "./kept-input.server";
import { hashToken } from "./tokens.server";
import { insertUser } from "./users.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { cleanUpIdentityStore } from "../platform/identity-lifecycle.server";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const draft = () =>
  form([
    ["csrf", "old-session-token"],
    ["intent", "save"],
    ["score:item_a", "2"],
    ["note:item_a", "Two survivors work as peer counsellors."],
    ["roles", "coordinator"],
    ["roles", "reviewer"],
    ["password", "never-kept"],
  ]);

describe("kept input across a sign-in", () => {
  let alice = "";
  let bob = "";
  beforeAll(async () => {
    await migrateIdentityStore();
    const db = getIdentityDb();
    alice = await insertUser(
      { email: "alice@example.org", displayName: "A", passwordHash: "x", roles: ["coordinator"] },
      db,
    );
    bob = await insertUser(
      { email: "bob@example.org", displayName: "B", passwordHash: "x", roles: ["coordinator"] },
      db,
    );
  });

  it("keeps the values encrypted, without the CSRF token or a password, and gives them back once", async () => {
    const token = await keepInput({
      formData: draft(),
      path: "/staff/assessments/1",
      userId: null,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await getIdentityDb()
      .selectFrom("kept_inputs")
      .selectAll()
      .where("token_hash", "=", hashToken(token!))
      .executeTakeFirstOrThrow();
    expect(row.values_encrypted).not.toContain("peer counsellors");
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await claimKeptInput(token!, alice)).toEqual({ path: "/staff/assessments/1" });
    const values = await takeKeptInput(token!, { userId: alice, path: "/staff/assessments/1" });
    expect(values).toEqual({
      intent: "save",
      "score:item_a": "2",
      "note:item_a": "Two survivors work as peer counsellors.",
      roles: ["coordinator", "reviewer"],
    });
    expect(await takeKeptInput(token!, { userId: alice, path: "/staff/assessments/1" })).toBeNull();
  });

  it("never gives one person's input to another", async () => {
    const owned = await keepInput({ formData: draft(), path: "/staff/x", userId: alice });
    expect(await claimKeptInput(owned!, bob)).toBeNull();
    // Refused claims delete the input: even its owner cannot get it now.
    expect(await claimKeptInput(owned!, alice)).toBeNull();

    const unowned = await keepInput({ formData: draft(), path: "/staff/x", userId: null });
    await claimKeptInput(unowned!, alice);
    expect(await claimKeptInput(unowned!, bob)).toBeNull();
  });

  it("gives nothing on another page or to a person who did not claim it", async () => {
    const token = await keepInput({ formData: draft(), path: "/staff/x", userId: alice });
    await claimKeptInput(token!, alice);
    expect(await takeKeptInput(token!, { userId: bob, path: "/staff/x" })).toBeNull();
    expect(await takeKeptInput(token!, { userId: alice, path: "/staff/y" })).toBeNull();
    expect(await takeKeptInput(token!, { userId: alice, path: "/staff/x" })).not.toBeNull();
  });

  it("expires after 30 minutes and the clean-up deletes it", async () => {
    const start = new Date("2026-11-29T10:00:00.000Z");
    const token = await keepInput({ formData: draft(), path: "/staff/x", userId: alice }, start);
    const later = new Date(start.getTime() + KEPT_INPUT_LIFETIME_MS);
    expect(await claimKeptInput(token!, alice, later)).toBeNull();
    const other = await keepInput({ formData: draft(), path: "/staff/x", userId: alice }, start);
    expect(await deleteExpiredKeptInputs(new Date(later.getTime() - 1))).toBe(0);
    const counts = await cleanUpIdentityStore(later);
    expect(counts.keptInputs).toBeGreaterThanOrEqual(1);
    expect(await claimKeptInput(other!, alice, start)).toBeNull();
  });

  it("keeps nothing when only the CSRF token and the intent were posted", async () => {
    const token = await keepInput({
      formData: form([
        ["csrf", "x"],
        ["intent", "disable"],
      ]),
      path: "/staff/x",
      userId: null,
    });
    expect(token).toBeNull();
  });

  it("returns to the path of the action without Remix's own parameters", () => {
    expect(keptInputPath(new URL("http://x/en/staff/feedback/new?index&_data=routes%2Fx"))).toBe(
      "/en/staff/feedback/new",
    );
    expect(keptInputPath(new URL("http://x/staff/admin/audit?action=sign_in&restore=abc"))).toBe(
      "/staff/admin/audit?action=sign_in",
    );
  });

  it("does not return to a page that says the kept input was saved", () => {
    // Drafts come back to "?saved=1" after a save, and the next Save posts there: the input
    // kept when the session then ended must not come back under "The minutes are saved."
    expect(keptInputPath(new URL("http://x/en/staff/meetings/m1/minutes?saved=1"))).toBe(
      "/en/staff/meetings/m1/minutes",
    );
    expect(keptInputPath(new URL("http://x/staff/board/b/calls/c/review?saved=conflict"))).toBe(
      "/staff/board/b/calls/c/review",
    );
  });
});

describe("safeRedirectTarget", () => {
  it.each(["/staff", "/staff/assessments/1", "/en/staff/admin/audit?action=sign_in", "/staff?x=1"])(
    "accepts the staff path %s",
    (target) => {
      expect(safeRedirectTarget(target, "/home")).toBe(target);
    },
  );

  it.each([
    "https://evil.example/staff",
    "//evil.example/staff",
    "/\\evil.example",
    "/staff\\..\\evil",
    "/staff/../..//evil.example",
    "/staff/\t/evil",
    "/staff/\n/evil",
    "/en/staffevil",
    "/staffing",
    "javascript:alert(1)",
    "/staff/sign-in",
    "/en/staff/sign-out",
    "/",
    "/f/abc",
    "",
    42,
    null,
  ])("refuses %s", (target) => {
    expect(safeRedirectTarget(target, "/home")).toBe("/home");
  });
});
