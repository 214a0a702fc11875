import { createBoard } from "./boards.server";
import { activateMember, addMember, signParticipation } from "./membership.server";
import type { IdentityDb } from "../../db/identity-store";
import { generateTotpSecret, setTotpSecret } from "../auth/totp.server";
import { getUserById, insertUser, type StaffUser } from "../auth/users.server";
import { getCurrentDeclaration, insertSignature } from "../meetings/declarations.server";

/**
 * Test helper: a secretariat account with two-step sign-in set up (the role requires it,
 * decision 020) and the confidentiality declaration in force signed (board pages need it).
 */
export async function makeSecretariat(
  db: IdentityDb,
  email = `sec-${crypto.randomUUID()}@t.example`,
) {
  const id = await insertUser(
    { email, displayName: "Secretariat", passwordHash: "x", roles: ["secretariat"] },
    db,
  );
  await setTotpSecret(id, generateTotpSecret(), new Date(), db);
  await insertSignature(id, (await getCurrentDeclaration(db)).version, "sq", "Secretariat", db);
  return (await getUserById(id, db))!;
}

/** Test helper: a board with `n` active members (each signed the form), in the order given. */
export async function makeBoardWithMembers(
  secretariat: StaffUser,
  n: number,
  db: IdentityDb,
  name = "Test board",
) {
  const board = await createBoard(
    { name, areas: [], areasOther: "", residenceRule: "citizen_or_resident" },
    secretariat.id,
    db,
  );
  const members: { membershipId: string; user: StaffUser }[] = [];
  for (let i = 0; i < n; i++) {
    const email = `m${i}-${crypto.randomUUID()}@t.example`;
    const added = await addMember(
      secretariat,
      { boardId: board.id, fullName: `Member ${i}`, email, phone: "", lang: "en" },
      db,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    const user = (await getUserById(
      (
        await db
          .selectFrom("users")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id,
      db,
    ))!;
    await signParticipation(
      user,
      { membershipId: added.value.membershipId, signature: `Member ${i}` },
      db,
    );
    const activated = await activateMember(
      secretariat,
      { membershipId: added.value.membershipId, reason: "forming the board" },
      db,
    );
    if (!activated.ok) throw new Error(JSON.stringify(activated.errors));
    members.push({ membershipId: added.value.membershipId, user });
  }
  return { board, members };
}
