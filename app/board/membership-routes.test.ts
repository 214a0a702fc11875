import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";

import { makeBoardWithMembers, makeSecretariat } from "./membership-test-helpers";
import { getIdentityDb } from "../../db/identity-store";
import { csrfTokenForSession } from "../auth/csrf.server";
import { createSession, serializeSessionCookie } from "../auth/sessions.server";
import type { StaffUser } from "../auth/users.server";
import { getCurrentDeclaration, insertSignature } from "../meetings/declarations.server";
import { migrateAll } from "../platform/startup.server";
import * as electionsRoute from "../routes/($lang).staff.board.$boardId_.elections";
import * as ballotRoute from "../routes/($lang).staff.board.$boardId_.elections_.$electionId";
import * as membersRoute from "../routes/($lang).staff.board.$boardId_.members";
import * as membershipRoute from "../routes/($lang).staff.membership";

/** Bad input on the membership and election forms: a 400 with a message per field, no write. */
const db = () => getIdentityDb();

async function signedIn(user: StaffUser) {
  const session = await createSession(user.id);
  return {
    cookie: (await serializeSessionCookie(session.token)).split(";")[0]!,
    csrf: csrfTokenForSession(session.idHash),
  };
}

async function post(
  action: (args: ActionFunctionArgs) => Promise<unknown>,
  path: string,
  as: { cookie: string; csrf: string },
  entries: [string, string][],
  params: Record<string, string>,
) {
  const body = new URLSearchParams([["csrf", as.csrf], ...entries]);
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: as.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  const result = (await action({ request, params, context: { cspNonce: "" } })) as {
    init?: { status?: number };
    data?: { errors?: Record<string, string> };
  };
  return { status: result.init?.status ?? 200, errors: result.data?.errors ?? {} };
}

async function snapshot() {
  const tables = [
    "board_memberships",
    "board_elections",
    "board_election_voters",
    "board_ballots",
    "users",
  ] as const;
  const rows = await Promise.all(tables.map((t) => db().selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

let secretariat: { cookie: string; csrf: string };
let member: { cookie: string; csrf: string };
let boardId = "";
let membershipId = "";

beforeAll(async () => {
  await migrateAll();
  const staff = await makeSecretariat(db());
  const { board, members } = await makeBoardWithMembers(staff, 3, db());
  boardId = board.id;
  membershipId = members[0]!.membershipId;
  secretariat = await signedIn(staff);
  // The member has accepted the invitation (set a password): their account is active.
  await db()
    .updateTable("users")
    .set({ status: "active" })
    .where("id", "=", members[0]!.user.id)
    .execute();
  // …and signed the confidentiality declaration in force, which the ballot page needs.
  await insertSignature(
    members[0]!.user.id,
    (await getCurrentDeclaration(db())).version,
    "en",
    "Member 0",
    db(),
  );
  member = await signedIn(members[0]!.user);
});

describe("bad input on the board forms", () => {
  it("adding a member: one message per field, values kept, nothing written", async () => {
    const before = await snapshot();
    const path = `/staff/board/${boardId}/members`;
    const result = await post(
      membersRoute.action,
      path,
      secretariat,
      [
        ["intent", "add"],
        ["fullName", ""],
        ["email", "x@"],
        ["phone", "call me"],
      ],
      { boardId },
    );
    expect(result).toEqual({
      status: 400,
      errors: {
        fullName: "members:errors.full_name_required",
        email: "members:errors.email_invalid",
        phone: "members:errors.phone_invalid",
      },
    });
    expect(await snapshot()).toBe(before);
  });

  it("ending a member that breaks Art. 5 without a reason, or with an unknown id: 400, nothing written", async () => {
    const before = await snapshot();
    const path = `/staff/board/${boardId}/members`;
    expect(
      await post(
        membersRoute.action,
        path,
        secretariat,
        [
          ["intent", "end"],
          ["membershipId", membershipId],
          ["reason", ""],
        ],
        { boardId },
      ),
    ).toEqual({
      status: 400,
      errors: { reason: "members:errors.reason_required" },
    });
    expect(
      (
        await post(
          membersRoute.action,
          path,
          secretariat,
          [
            ["intent", "activate"],
            ["membershipId", "not-an-id"],
          ],
          { boardId },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(
          membersRoute.action,
          path,
          secretariat,
          [
            ["intent", "end"],
            ["membershipId", membershipId],
            ["reason", "x".repeat(1001)],
          ],
          { boardId },
        )
      ).status,
    ).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("the secretariat's forms answer 403 until the current declaration is signed", async () => {
    // A secretariat account that has not signed the version in force.
    const staff = await makeSecretariat(db());
    await db().deleteFrom("declaration_signatures").where("user_id", "=", staff.id).execute();
    const unsigned = await signedIn(staff);
    const before = await snapshot();
    await expect(
      post(
        membersRoute.action,
        `/staff/board/${boardId}/members`,
        unsigned,
        [
          ["intent", "add"],
          ["fullName", "New Person"],
          ["email", `new-${crypto.randomUUID()}@t.example`],
          ["phone", ""],
        ],
        { boardId },
      ),
    ).rejects.toMatchObject({ init: { status: 403 }, data: { kind: "declaration_required" } });
    expect(await snapshot()).toBe(before);
  });

  it("a member cannot use the secretariat's forms (403)", async () => {
    await expect(
      post(
        membersRoute.action,
        `/staff/board/${boardId}/members`,
        member,
        [
          ["intent", "end"],
          ["membershipId", membershipId],
        ],
        { boardId },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("elections: no candidate, an unknown position or round, a bad ballot: 400, nothing written", async () => {
    const before = await snapshot();
    const path = `/staff/board/${boardId}/elections`;
    expect(
      await post(
        electionsRoute.action,
        path,
        secretariat,
        [
          ["intent", "open"],
          ["position", "chair"],
        ],
        { boardId },
      ),
    ).toMatchObject({
      status: 400,
      errors: { candidates: "members:errors.candidates_required" },
    });
    expect(
      (
        await post(
          electionsRoute.action,
          path,
          secretariat,
          [
            ["intent", "open"],
            ["position", "king"],
            ["candidates", membershipId],
          ],
          { boardId },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(
          electionsRoute.action,
          path,
          secretariat,
          [
            ["intent", "close"],
            ["electionId", "nope"],
          ],
          { boardId },
        )
      ).status,
    ).toBe(400);
    expect(await snapshot()).toBe(before);
    // A round is open; a ballot for someone who is not standing is refused and changes nothing.
    expect(
      (
        await post(
          electionsRoute.action,
          path,
          secretariat,
          [
            ["intent", "open"],
            ["position", "chair"],
            ["candidates", membershipId],
          ],
          { boardId },
        )
      ).status,
    ).toBe(200);
    const { id: electionId } = await db()
      .selectFrom("board_elections")
      .select("id")
      .where("board_id", "=", boardId)
      .executeTakeFirstOrThrow();
    const opened = await snapshot();
    const ballotPath = `/staff/board/${boardId}/elections/${electionId}`;
    expect(
      await post(ballotRoute.action, ballotPath, member, [["choice", "someone-else"]], {
        boardId,
        electionId,
      }),
    ).toEqual({
      status: 400,
      errors: { choice: "members:errors.choice_required" },
    });
    expect(
      await post(ballotRoute.action, ballotPath, member, [], { boardId, electionId }),
    ).toMatchObject({ status: 400 });
    expect(await snapshot()).toBe(opened);
  });

  it("the ballot page and its vote answer 403 until the member signs the current declaration", async () => {
    const { id: electionId } = await db()
      .selectFrom("board_elections")
      .select("id")
      .where("board_id", "=", boardId)
      .executeTakeFirstOrThrow();
    const { user_id: memberId } = await db()
      .selectFrom("board_memberships")
      .select("user_id")
      .where("id", "=", membershipId)
      .executeTakeFirstOrThrow();
    const signatures = await db()
      .selectFrom("declaration_signatures")
      .selectAll()
      .where("user_id", "=", memberId!)
      .execute();
    await db().deleteFrom("declaration_signatures").where("user_id", "=", memberId!).execute();
    try {
      const before = await snapshot();
      const ballotPath = `/staff/board/${boardId}/elections/${electionId}`;
      const refused = { init: { status: 403 }, data: { kind: "declaration_required" } };
      await expect(
        ballotRoute.loader({
          request: new Request(`http://localhost${ballotPath}`, {
            headers: { Cookie: member.cookie },
          }),
          params: { boardId, electionId },
          context: { cspNonce: "" },
        }),
      ).rejects.toMatchObject(refused);
      // A valid choice: the member is a voter and the round is open, but nothing is cast.
      await expect(
        post(ballotRoute.action, ballotPath, member, [["choice", membershipId]], {
          boardId,
          electionId,
        }),
      ).rejects.toMatchObject(refused);
      expect(await snapshot()).toBe(before);
    } finally {
      if (signatures.length > 0)
        await db().insertInto("declaration_signatures").values(signatures).execute();
    }
  });

  it("withdrawing without the confirmation: 400, still a member", async () => {
    const before = await snapshot();
    expect(
      await post(
        membershipRoute.action,
        "/staff/membership",
        member,
        [
          ["intent", "withdraw"],
          ["membershipId", membershipId],
          ["reason", "x"],
        ],
        {},
      ),
    ).toMatchObject({
      status: 400,
      errors: { confirm: "members:errors.withdraw_confirm_required" },
    });
    expect(await snapshot()).toBe(before);
  });
});
