import { randomBytes } from "node:crypto";

import { getIdentityDb } from "../../db/identity-store";
import { seedDemoAssessment } from "../assessment/demo-assessment.server";
import { listOrganisationsFor } from "../assessment/organisations.server";
import { hashPassword } from "../auth/password.server";
import type { Role } from "../auth/permissions";
import { countUsers, getUserById, insertUser } from "../auth/users.server";
import { seedDemoBoard } from "../board/demo-board.server";
import { seedDemoFeedback } from "../feedback/demo-feedback.server";

const DEMO_ACCOUNTS: { role: Role; email: string; displayName: string }[] = [
  { role: "admin", email: "admin@demo.example", displayName: "Demo Admin" },
  { role: "coordinator", email: "coordinator@demo.example", displayName: "Demo Coordinator" },
  { role: "secretariat", email: "secretariat@demo.example", displayName: "Demo Secretariat" },
  { role: "reviewer", email: "reviewer@demo.example", displayName: "Demo Reviewer" },
  { role: "board_member", email: "board@demo.example", displayName: "Demo Board Member" },
];

/**
 * Fills an empty identity store with one demo account per role and prints the sign-ins once.
 * Passwords are random unless DEMO_PASSWORD is set (the test suite sets it).
 */
export async function seedDemoIfEmpty(publicUrl: string): Promise<boolean> {
  const db = getIdentityDb();
  if ((await countUsers(db)) > 0) return false;
  const fixedPassword = process.env.DEMO_PASSWORD;
  const lines: string[] = [];
  const ids: Partial<Record<Role, string>> = {};
  await db.transaction().execute(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const password = fixedPassword ?? randomBytes(12).toString("base64url");
      ids[account.role] = await insertUser(
        {
          email: account.email,
          displayName: account.displayName,
          passwordHash: await hashPassword(password),
          roles: [account.role],
        },
        trx,
      );
      lines.push(`  ${account.role.padEnd(13)} ${account.email.padEnd(28)} ${password}`);
    }
  });
  const coordinator = await getUserById(ids.coordinator!, db);
  await seedDemoAssessment(coordinator!, (await getUserById(ids.admin!, db))!, new Date());
  // The demo campaigns belong to the demo organisation the coordinator works for.
  const [organisation] = await listOrganisationsFor(coordinator!, db);
  const feedback = await seedDemoFeedback(coordinator!, organisation!.id, new Date());
  const board = await seedDemoBoard(ids.secretariat ?? null);
  console.log(
    [
      "",
      "Demo accounts created (shown only this once; see README to reset a password):",
      `  ${"role".padEnd(13)} ${"email".padEnd(28)} password`,
      ...lines,
      `Sign in at ${publicUrl}/staff/sign-in`,
      "",
      "Demo feedback campaigns of Demo NGO Tirana (also linked from the home page):",
      `  open link:   ${publicUrl}/f/${feedback.openSlug}`,
      `  with codes:  ${publicUrl}/f/${feedback.codeSlug}`,
      `  single-use codes: ${feedback.codes.join("  ")}`,
      "Demo self-assessment: Demo NGO Tirana, two assessments (Self-assessment in the staff menu).",
      `Demo advisory board, open call for members: ${publicUrl}/bord/${board.callId}`,
      "",
    ].join("\n"),
  );
  return true;
}
