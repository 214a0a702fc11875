import { beforeAll, describe, expect, it } from "vitest";

import { FIRST_DECLARATION } from "./declaration-text";
import {
  publishDeclaration,
  requireSignedDeclaration,
  signDeclaration,
} from "./declaration.commands.server";
import {
  declarationHash,
  getCurrentDeclaration,
  hasSignedCurrentDeclaration,
  listDeclarationVersions,
  listSignatures,
} from "./declarations.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { insertUser, type StaffUser } from "../auth/users.server";

async function person(email: string, roles: StaffUser["roles"]): Promise<StaffUser> {
  const id = await insertUser(
    { email, displayName: email, passwordHash: null, roles },
    getIdentityDb(),
  );
  return { id, email, displayName: email, status: "active", roles };
}

async function gate(user: StaffUser): Promise<number | "open"> {
  try {
    await requireSignedDeclaration(user);
    return "open";
  } catch (error) {
    const refusal = error as { init?: { status?: number }; data?: { kind?: string } };
    expect(refusal.data?.kind).toBe("declaration_required");
    return refusal.init?.status ?? 0;
  }
}

describe("the confidentiality declaration (Art. 13-14)", () => {
  let member: StaffUser;
  let admin: StaffUser;
  beforeAll(async () => {
    await migrateIdentityStore();
    member = await person("member@example.org", ["board_member"]);
    admin = await person("admin@example.org", ["admin"]);
  });

  it("starts at version 1 in both languages, citing the current data-protection law", async () => {
    const current = await getCurrentDeclaration();
    expect(current.version).toBe(1);
    expect(current.text).toEqual(FIRST_DECLARATION);
    expect(current.text.sq).toContain("124/2024");
    expect(current.text.en).toContain("124/2024");
  });

  it("closes the board's pages until signed, and records the exact text read", async () => {
    expect(await gate(member)).toBe(403);
    expect(await signDeclaration(member, { version: 1, fullName: "Arta Hoxha" }, "sq")).toEqual({
      ok: true,
    });
    expect(await gate(member)).toBe("open");
    const [signature] = await listSignatures(member.id);
    expect(signature).toMatchObject({
      version: 1,
      language: "sq",
      signedName: "Arta Hoxha",
      textHash: declarationHash(FIRST_DECLARATION.sq),
    });
    // The typed name is personal data: never stored in clear.
    const raw = await getIdentityDb().selectFrom("declaration_signatures").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain("Arta Hoxha");
  });

  it("asks everyone to sign again when a new version is published", async () => {
    const version = await publishDeclaration(admin, { textSq: "Teksti i ri", textEn: "New text" });
    expect(version).toBe(2);
    expect(await hasSignedCurrentDeclaration(member.id)).toBe(false);
    expect(await gate(member)).toBe(403);

    // A page opened before the new version cannot sign the old one.
    expect(await signDeclaration(member, { version: 1, fullName: "Arta Hoxha" }, "en")).toEqual({
      ok: false,
    });
    expect(await signDeclaration(member, { version: 2, fullName: "Arta Hoxha" }, "en")).toEqual({
      ok: true,
    });
    expect(await gate(member)).toBe("open");
    const signatures = await listSignatures(member.id);
    expect(signatures.map((s) => [s.version, s.language, s.textHash])).toEqual([
      [2, "en", declarationHash("New text")],
      [1, "sq", declarationHash(FIRST_DECLARATION.sq)],
    ]);
    const versions = await listDeclarationVersions();
    expect(versions.map((v) => [v.version, v.signatures])).toEqual([
      [2, 1],
      [1, 1],
    ]);
  });

  it("audits publishing and signing by version only, never the typed name", async () => {
    const events = await getIdentityDb()
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "in", ["declaration_published", "declaration_signed"])
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual([
      "declaration_published",
      "declaration_signed",
      "declaration_signed",
    ]);
    expect(JSON.stringify(events)).not.toContain("Arta");
  });
});
