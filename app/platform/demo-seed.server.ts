import { randomBytes } from "node:crypto";

import { getIdentityDb } from "../../db/identity-store";
import { seedDemoAssessment } from "../assessment/demo-assessment.server";
import { listOrganisationsFor } from "../assessment/organisations.server";
import { hashPassword } from "../auth/password.server";
import type { Role } from "../auth/permissions";
import { generateTotpSecret, isUsableTotpSecret, setTotpSecret } from "../auth/totp.server";
import { twoFactorRequired } from "../auth/two-factor";
import {
  countUsers,
  getUserById,
  getUserCredentialsByEmail,
  insertUser,
  setPasswordHash,
} from "../auth/users.server";
import { seedDemoCall } from "../board/demo-board.server";
import {
  DEMO_BOARD_NAME,
  DEMO_BOARD_NAME_EN,
  DEMO_CHAIR_EMAIL,
  seedDemoBoardMembership,
} from "../board/membership-demo.server";
import { seedDemoReview } from "../board/review-demo.server";
import { seedDemoFeedback } from "../feedback/demo-feedback.server";
import { seedDemoActionItems } from "../meetings/action-items-demo.server";
import { seedDemoSignatures } from "../meetings/declarations.server";
import { seedDemoMeetings } from "../meetings/demo-meetings.server";
import { seedDemoMinutes } from "../meetings/minutes-demo.server";

const DEMO_ACCOUNTS: { role: Role; email: string; displayName: string }[] = [
  { role: "admin", email: "admin@demo.example", displayName: "Demo Admin" },
  { role: "coordinator", email: "coordinator@demo.example", displayName: "Demo Coordinator" },
  { role: "secretariat", email: "secretariat@demo.example", displayName: "Demo Secretariat" },
  { role: "reviewer", email: "reviewer@demo.example", displayName: "Demo Reviewer" },
  { role: "board_member", email: "board@demo.example", displayName: "Demo Board Member" },
];

/**
 * The two-step sign-in secret for each demo account that needs one: random, unless
 * DEMO_TOTP_SECRET is set (the browser tests set it, so they can compute codes; only this seed
 * reads it, and only for the demo accounts). A value that is not base 32 of at least 128 bits
 * stops the start rather than making a weak secret.
 */
function demoTotpSecret(): () => string {
  const fixed = process.env.DEMO_TOTP_SECRET;
  if (fixed !== undefined && !isUsableTotpSecret(fixed)) {
    throw new Error("DEMO_TOTP_SECRET must be base 32 (A-Z, 2-7), at least 26 characters");
  }
  return () => fixed ?? generateTotpSecret();
}

/**
 * Fills an empty identity store with one demo account per role and prints the sign-ins once,
 * with the two-step sign-in key of the roles that require it.
 * Passwords are random unless DEMO_PASSWORD is set (the test suite sets it).
 */
export async function seedDemoIfEmpty(publicUrl: string): Promise<boolean> {
  const db = getIdentityDb();
  if ((await countUsers(db)) > 0) return false;
  const fixedPassword = process.env.DEMO_PASSWORD;
  const totpSecret = demoTotpSecret();
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
      // Roles that require two-step sign-in get a secret at once, printed below, so the demo
      // stays walkable: put it in an authenticator app (decision 020).
      const secret = twoFactorRequired([account.role]) ? totpSecret() : null;
      if (secret) await setTotpSecret(ids[account.role]!, secret, new Date(), trx);
      lines.push(
        `  ${account.role.padEnd(13)} ${account.email.padEnd(28)} ${password.padEnd(18)} ${secret ?? "-"}`,
      );
    }
  });
  const coordinator = await getUserById(ids.coordinator!, db);
  await seedDemoAssessment(coordinator!, (await getUserById(ids.admin!, db))!, new Date());
  // The demo campaigns belong to the demo organisation the coordinator works for.
  const [organisation] = await listOrganisationsFor(coordinator!, db);
  const feedback = await seedDemoFeedback(coordinator!, organisation!.id, new Date());
  // One demo board shows every path: members and a chair election, a past
  // meeting with approved minutes, a coming meeting, and an open call under review.
  const demoBoard = await seedDemoBoardMembership(
    (await getUserById(ids.secretariat!, db))!,
    (await getUserById(ids.board_member!, db))!,
  );
  // The demo board's elected chair is an invited member: a password lets a newcomer (and the
  // browser tests) walk the chair's steps, approving minutes above all.
  const chairPassword = fixedPassword ?? randomBytes(12).toString("base64url");
  const chair = await getUserCredentialsByEmail(DEMO_CHAIR_EMAIL, db);
  if (chair) {
    await setPasswordHash(chair.id, await hashPassword(chairPassword), db);
    lines.push(
      `  ${"board chair".padEnd(13)} ${DEMO_CHAIR_EMAIL.padEnd(28)} ${chairPassword.padEnd(18)} -`,
    );
  }
  await seedDemoMeetings((await getUserById(ids.secretariat!, db))!);
  await seedDemoMinutes((await getUserById(ids.secretariat!, db))!);
  await seedDemoActionItems((await getUserById(ids.secretariat!, db))!);
  // Everyone has signed the confidentiality declaration but the demo board member, who meets it
  // at their first visit to a board page.
  await seedDemoSignatures("board@demo.example", db);
  const board = await seedDemoCall(demoBoard.boardId, ids.secretariat ?? null);
  await seedDemoReview(board.callId, ids.reviewer, ids.secretariat ?? null);
  console.log(
    [
      "",
      "Demo accounts created (shown only this once; see README to reset a password):",
      `  ${"role".padEnd(13)} ${"email".padEnd(28)} ${"password".padEnd(18)} two-step sign-in key`,
      ...lines,
      `Sign in at ${publicUrl}/staff/sign-in`,
      "Admin, secretariat and reviewer also need a code: add their key to an authenticator app",
      "(Aegis, FreeOTP, Google or Microsoft Authenticator: enter a setup key, time-based).",
      "",
      "Demo feedback campaigns of Demo NGO Tirana (also linked from the home page):",
      `  open link:   ${publicUrl}/f/${feedback.openSlug}`,
      `  with codes:  ${publicUrl}/f/${feedback.codeSlug}`,
      `  single-use codes: ${feedback.codes.join("  ")}`,
      "Demo self-assessment: Demo NGO Tirana, two assessments (Self-assessment in the staff menu).",
      `Demo advisory board, ${DEMO_BOARD_NAME} (in English: ${DEMO_BOARD_NAME_EN}): members, meetings and an open call for members: ${publicUrl}/bord/${board.callId}`,
      "",
    ].join("\n"),
  );
  return true;
}
