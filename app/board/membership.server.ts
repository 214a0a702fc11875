import { randomUUID } from "node:crypto";

import { boardNameIn, getBoard } from "./boards.server";
import { compositionChange, compositionStatus, type CompositionStatus } from "./composition";
import {
  createMemberKey,
  getMemberKey,
  openMemberField,
  sealMemberField,
  type MemberKey,
} from "./member-data-keys.server";
import { addMonths, TERM_REMINDER_DAYS, type MembershipStatus } from "./membership";
import { sendNeutralEmail } from "./membership-mail.server";
import { albanianOrder } from "../../db/collation";
import { getIdentityDb, type IdentityDatabase, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { accountFieldsOf } from "../auth/account-keys.server";
import { recordAudit } from "../auth/audit.server";
import { createInvitation } from "../auth/invitations.server";
import { deleteAllSessions } from "../auth/sessions.server";
import {
  getRoles,
  getUserCredentialsByEmail,
  insertUser,
  normalizeEmail,
  replaceRoles,
  setStatus,
  type StaffUser,
} from "../auth/users.server";
import type { Lang } from "../i18n/lang";
import { addDays, localToday } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { logInfo } from "../platform/logging.server";

/**
 * Board membership (instruments.md §4): a person is added by the secretariat (later, from a
 * selected application), invited to a `board_member` account, signs the voluntary participation
 * form (Art. 15), is activated for a term of the board's mandate (Art. 5: two years, renewable),
 * and may withdraw at any time. Names and contacts are encrypted at rest under the member's own
 * data key (app/board/member-data-keys.server.ts, decision 035), bound to the row and the column.
 */
export type Member = {
  id: string;
  boardId: string;
  userId: string | null;
  fullName: string;
  email: string;
  phone: string;
  status: MembershipStatus;
  participationSignedOn: string | null;
  termStartsOn: string | null;
  termEndsOn: string | null;
  renewals: number;
  endedOn: string | null;
  endKind: "withdrawn" | "ended" | null;
  /** Positions held today ("chair", "secretary"). */
  positions: string[];
  /** Erased on request (app/board/member-data.server.ts): the personal fields are gone. */
  erased: boolean;
};

type Ok<T> = { ok: true; value: T };
type Invalid = { ok: false; errors: Record<string, string> };
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
const invalid = (errors: Record<string, string>): Invalid => ({ ok: false, errors });
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });

type Row = IdentityDatabase["board_memberships"];

/** The membership as shown: its fields decrypted with the member's key. */
async function toMember(row: Row, positions: string[]): Promise<Member> {
  const key = await getMemberKey(row.id);
  return {
    id: row.id,
    boardId: row.board_id,
    userId: row.user_id,
    fullName: openMemberField(key, "full_name", row.full_name_encrypted),
    email: openMemberField(key, "email", row.email_encrypted),
    phone: row.phone_encrypted ? openMemberField(key, "phone", row.phone_encrypted) : "",
    status: row.status,
    participationSignedOn: row.participation_signed_on,
    termStartsOn: row.term_starts_on,
    termEndsOn: row.term_ends_on,
    renewals: Number(row.renewals),
    endedOn: row.ended_on,
    endKind: row.end_kind,
    positions,
    erased: row.full_name_encrypted === "",
  };
}

/** Positions held on `today` per membership id. */
async function currentPositions(
  boardId: string,
  today: string,
  db: IdentityDb,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("board_positions")
    .select(["membership_id", "position"])
    .where("board_id", "=", boardId)
    .where("starts_on", "<=", today)
    .where("ends_on", ">", today)
    .execute();
  const byMember = new Map<string, string[]>();
  for (const row of rows) {
    byMember.set(row.membership_id, [...(byMember.get(row.membership_id) ?? []), row.position]);
  }
  return byMember;
}

/**
 * Every membership of a board, decrypted, active ones first then by name (Albanian
 * collation), with the Art. 5 status of the active count.
 */
export async function listMembers(
  boardId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ members: Member[]; composition: CompositionStatus }> {
  const rows = await db
    .selectFrom("board_memberships")
    .selectAll()
    .where("board_id", "=", boardId)
    .execute();
  const positions = await currentPositions(boardId, today, db);
  const order: Record<MembershipStatus, number> = { active: 0, signed: 1, invited: 2, ended: 3 };
  const collator = new Intl.Collator("sq");
  const members = (
    await Promise.all(rows.map((row) => toMember(row, positions.get(row.id) ?? [])))
  ).sort((a, b) => order[a.status] - order[b.status] || collator.compare(a.fullName, b.fullName));
  return {
    members,
    composition: compositionStatus(members.filter((m) => m.status === "active").length),
  };
}

/** The Art. 5 status of a board (active members only), without decrypting anyone. */
export async function getComposition(
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<CompositionStatus> {
  return compositionStatus(await countActive(boardId, db));
}

async function countActive(boardId: string, db: IdentityDb): Promise<number> {
  const row = await db
    .selectFrom("board_memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("board_id", "=", boardId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One membership, decrypted, or null. */
export async function getMembership(
  id: string,
  db: IdentityDb = getIdentityDb(),
  today = localToday(),
): Promise<Member | null> {
  const row = await db
    .selectFrom("board_memberships")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const positions = await currentPositions(row.board_id, today, db);
  return await toMember(row, positions.get(row.id) ?? []);
}

/**
 * The memberships of one account that have not ended, with their board's name in `lang`, by
 * that name.
 */
export async function listMyMemberships(
  userId: string,
  lang: Lang = "sq",
  db: IdentityDb = getIdentityDb(),
  today = localToday(),
): Promise<(Member & { boardName: string })[]> {
  const rows = await db
    .selectFrom("board_memberships")
    .innerJoin("boards", "boards.id", "board_memberships.board_id")
    .selectAll("board_memberships")
    .select((eb) => boardNameIn(lang)(eb).as("board_name"))
    .where("board_memberships.user_id", "=", userId)
    .where("board_memberships.status", "!=", "ended")
    .orderBy(albanianOrder(db, boardNameIn(lang)))
    .orderBy("board_memberships.id")
    .execute();
  const result: (Member & { boardName: string })[] = [];
  for (const row of rows) {
    const positions = await currentPositions(row.board_id, today, db);
    result.push({
      ...(await toMember(row, positions.get(row.id) ?? [])),
      boardName: row.board_name,
    });
  }
  return result;
}

/** The active membership of `userId` in `boardId`, or null. */
export async function getActiveMembershipOf(
  userId: string,
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ id: string } | null> {
  const row = await db
    .selectFrom("board_memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("board_id", "=", boardId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return row ?? null;
}

/** True when `userId` is an active member holding the chair of `boardId` today. */
export async function isChairOf(
  userId: string,
  boardId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const membership = await getActiveMembershipOf(userId, boardId, db);
  if (!membership) return false;
  const positions = await currentPositions(boardId, today, db);
  return positions.get(membership.id)?.includes("chair") ?? false;
}

/**
 * Adds a person to a board: a `board_member` account is invited (72-hour link, neutral email)
 * unless the address already has an account, which gets the role. The membership waits for the
 * voluntary participation form. Refused if the person already has a membership of this board
 * that has not ended. `applicationId` links it to a selected application when there is one.
 */
export async function addMember(
  actor: StaffUser,
  input: {
    boardId: string;
    fullName: string;
    email: string;
    phone: string;
    applicationId?: string | null;
    lang: Lang;
  },
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<{ membershipId: string; delivery: "sent" | "outbox" | "failed" }> | Invalid> {
  const board = await getBoard(input.boardId, db);
  if (!board) return invalid({ form: "members:errors.unknown_board" });
  const email = normalizeEmail(input.email);
  const existing = await getUserCredentialsByEmail(email, db);
  if (existing) {
    const live = await db
      .selectFrom("board_memberships")
      .select("id")
      .where("board_id", "=", board.id)
      .where("user_id", "=", existing.id)
      .where("status", "!=", "ended")
      .executeTakeFirst();
    if (live) return invalid({ email: "members:errors.already_member" });
  }
  const id = randomUUID();
  const key = await createMemberKey(id);
  const outcome = await db.transaction().execute(async (trx) => {
    let userId: string;
    let token: string | null = null;
    if (!existing) {
      // The member's account keeps their address and name under its own key (decision 046).
      userId = await insertUser(
        {
          email,
          displayName: input.fullName,
          passwordHash: null,
          roles: ["board_member"],
          sealed: true,
        },
        trx,
      );
      token = await createInvitation(userId, actor.id, trx);
    } else {
      userId = existing.id;
      const roles = await getRoles(userId, trx);
      if (!roles.includes("board_member")) {
        await replaceRoles(userId, [...roles, "board_member"], trx);
      }
      if (existing.status === "invited") token = await createInvitation(userId, actor.id, trx);
      else if (existing.status === "disabled") await setStatus(userId, "active", trx);
    }
    await trx
      .insertInto("board_memberships")
      .values({
        id,
        board_id: board.id,
        user_id: userId,
        application_id: input.applicationId ?? null,
        full_name_encrypted: sealMemberField(key, "full_name", input.fullName),
        email_encrypted: sealMemberField(key, "email", email),
        phone_encrypted: input.phone ? sealMemberField(key, "phone", input.phone) : null,
        status: "invited",
        renewals: 0,
        created_at: new Date().toISOString(),
        created_by: actor.id,
      })
      .execute();
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "board_member_added",
        subject: board.name,
        details: { membershipId: id },
      },
      trx,
    );
    return { token };
  });
  const link = outcome.token
    ? `${getConfig().publicUrl}/${input.lang === "en" ? "en/" : ""}staff/invitations/${outcome.token}`
    : undefined;
  const delivery = await sendNeutralEmail(
    email,
    outcome.token ? "invitation" : "notice",
    input.lang,
    db,
    link,
  );
  return ok({ membershipId: id, delivery });
}

/**
 * Art. 15: the member signs the voluntary participation form (taking part is voluntary,
 * unpaid, and can end at any time) with their typed full name and a confirmation. Stored,
 * encrypted, with the date. Only the member themself, and only once.
 */
export async function signParticipation(
  user: StaffUser,
  input: { membershipId: string; signature: string },
  db: IdentityDb = getIdentityDb(),
  today = localToday(),
): Promise<Ok<null> | Invalid> {
  const key = await getMemberKey(input.membershipId);
  const done = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("board_memberships")
      .set({
        status: "signed",
        participation_name_encrypted: sealMemberField(key, "participation_name", input.signature),
        participation_signed_on: today,
      })
      .where("id", "=", input.membershipId)
      .where("user_id", "=", user.id)
      .where("status", "=", "invited")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(
      { actor: actorOf(user), action: "board_participation_signed", subject: input.membershipId },
      trx,
    );
    return true;
  });
  return done ? ok(null) : invalid({ form: "members:errors.cannot_sign" });
}

/**
 * Activates a member who has signed the participation form, for a term of the board's
 * mandate from today. When the board would then break Art. 5 (3, 5 or 7 active members), a
 * reason is required and recorded.
 */
export async function activateMember(
  actor: StaffUser,
  input: { membershipId: string; reason: string },
  db: IdentityDb = getIdentityDb(),
  today = localToday(),
): Promise<Ok<null> | Invalid> {
  const key: MemberKey = await getMemberKey(input.membershipId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("board_memberships")
      .select(["id", "board_id", "status"])
      .where("id", "=", input.membershipId)
      .executeTakeFirst();
    if (!row) return invalid({ membershipId: "members:errors.unknown_member" });
    // One change of a board's members at a time (PostgreSQL runs transactions side by side).
    const board = await forUpdate(
      trx,
      trx.selectFrom("boards").select(["name", "mandate_months"]).where("id", "=", row.board_id),
    ).executeTakeFirstOrThrow();
    if (row.status !== "signed") return invalid({ membershipId: "members:errors.not_signed" });
    const change = compositionChange(await countActive(row.board_id, trx), 1);
    if (change.needsReason && !input.reason)
      return invalid({ reason: "members:errors.reason_required" });
    await trx
      .updateTable("board_memberships")
      .set({
        status: "active",
        term_starts_on: today,
        term_ends_on: addMonths(today, Number(board.mandate_months)),
        // The secretariat's text about a member: under the member's own key (0021).
        activation_reason_encrypted: change.needsReason
          ? sealMemberField(key, "activation_reason", input.reason)
          : null,
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "board_member_activated",
        subject: board.name,
        details: {
          membershipId: row.id,
          // The reason is the secretariat's free text about a member: it stays on the
          // membership row only; the audit names the action, not the content (issue 15).
          ...(change.needsReason ? { withReason: true } : {}),
        },
      },
      trx,
    );
    return ok(null);
  });
}

/** Renews an active member's term by one more mandate from the end of the current one. */
export async function renewTerm(
  actor: StaffUser,
  membershipId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<null> | Invalid> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("board_memberships")
      .innerJoin("boards", "boards.id", "board_memberships.board_id")
      .select([
        "board_memberships.id",
        "board_memberships.status",
        "board_memberships.term_ends_on",
        "board_memberships.renewals",
        "boards.name",
        "boards.mandate_months",
      ])
      .where("board_memberships.id", "=", membershipId)
      .executeTakeFirst();
    if (!row || row.status !== "active" || !row.term_ends_on)
      return invalid({ membershipId: "members:errors.unknown_member" });
    await trx
      .updateTable("board_memberships")
      .set({
        term_ends_on: addMonths(row.term_ends_on, Number(row.mandate_months)),
        renewals: Number(row.renewals) + 1,
        term_reminder_sent_at: null,
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "board_member_renewed",
        subject: row.name,
        details: { membershipId },
      },
      trx,
    );
    return ok(null);
  });
}

/**
 * Ends a membership: by the secretariat (`kind` "ended"; an active member's end that leaves the
 * board outside Art. 5 needs a recorded reason) or by the member's own written notice
 * (`kind` "withdrawn", Art. 15: at any time, reason optional and encrypted). Access ends at
 * once: positions end today, the `board_member` role goes when no other membership is live, an
 * account left without roles is disabled, and every session of the person is deleted.
 * On a withdrawal the chair and the secretariat get a neutral email.
 */
export async function endMembership(
  actor: StaffUser,
  input: {
    membershipId: string;
    kind: "ended" | "withdrawn";
    /** The member's reason (withdrawal) or the composition reason (secretariat). */
    reason: string;
    lang: Lang;
  },
  db: IdentityDb = getIdentityDb(),
  today = localToday(),
): Promise<Ok<null> | Invalid> {
  const key: MemberKey = await getMemberKey(input.membershipId);
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("board_memberships")
      .select(["id", "board_id", "user_id", "status"])
      .where("id", "=", input.membershipId)
      .executeTakeFirst();
    if (!row || row.status === "ended")
      return invalid({ membershipId: "members:errors.unknown_member" });
    if (input.kind === "withdrawn" && row.user_id !== actor.id)
      return invalid({ membershipId: "members:errors.unknown_member" });
    const board = await forUpdate(
      trx,
      trx.selectFrom("boards").select(["name"]).where("id", "=", row.board_id),
    ).executeTakeFirstOrThrow();
    let compositionReason: string | null = null;
    if (input.kind === "ended" && row.status === "active") {
      const change = compositionChange(await countActive(row.board_id, trx), -1);
      if (change.needsReason && !input.reason)
        return invalid({ reason: "members:errors.reason_required" });
      if (change.needsReason) compositionReason = input.reason;
    }
    await trx
      .updateTable("board_memberships")
      .set({
        status: "ended",
        ended_on: today,
        end_kind: input.kind,
        end_reason_encrypted:
          input.kind === "withdrawn" && input.reason
            ? sealMemberField(key, "end_reason", input.reason)
            : null,
        end_composition_reason_encrypted: compositionReason
          ? sealMemberField(key, "end_composition_reason", compositionReason)
          : null,
      })
      .where("id", "=", row.id)
      .execute();
    await trx
      .updateTable("board_positions")
      .set({ ends_on: today })
      .where("membership_id", "=", row.id)
      .where("ends_on", ">", today)
      .execute();
    if (row.user_id) await revokeBoardAccess(row.user_id, trx);
    await recordAudit(
      {
        actor: actorOf(actor),
        action: input.kind === "withdrawn" ? "board_member_withdrew" : "board_member_ended",
        subject: board.name,
        // The reason stays on the membership row; the audit only says there is one.
        details: { membershipId: row.id, ...(compositionReason ? { withReason: true } : {}) },
      },
      trx,
    );
    return ok({ boardId: row.board_id });
  });
  if (!result.ok) return result;
  if (input.kind === "withdrawn")
    await tellChairAndSecretariat(result.value.boardId, input.lang, db, today);
  return ok(null);
}

async function revokeBoardAccess(userId: string, trx: IdentityDb): Promise<void> {
  const live = await trx
    .selectFrom("board_memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("status", "!=", "ended")
    .executeTakeFirst();
  if (!live) {
    const roles = (await getRoles(userId, trx)).filter((role) => role !== "board_member");
    await replaceRoles(userId, roles, trx);
    if (roles.length === 0) await setStatus(userId, "disabled", trx);
  }
  await deleteAllSessions(userId, trx);
}

/** The emails of every active secretariat account. */
async function secretariatEmails(db: IdentityDb): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.email")
    .where("user_roles.role", "=", "secretariat")
    .where("users.status", "=", "active")
    .execute();
  return rows.map((row) => row.email);
}

async function tellChairAndSecretariat(boardId: string, lang: Lang, db: IdentityDb, today: string) {
  const recipients = new Set(await secretariatEmails(db));
  const chair = await db
    .selectFrom("board_positions")
    .innerJoin("board_memberships", "board_memberships.id", "board_positions.membership_id")
    .select("board_memberships.user_id")
    .where("board_positions.board_id", "=", boardId)
    .where("board_positions.position", "=", "chair")
    .where("board_positions.starts_on", "<=", today)
    .where("board_positions.ends_on", ">", today)
    .where("board_memberships.status", "=", "active")
    .executeTakeFirst();
  const chairEmail = chair?.user_id
    ? (await accountFieldsOf([chair.user_id], db)).get(chair.user_id)?.email
    : undefined;
  if (chairEmail) recipients.add(chairEmail);
  for (const to of recipients) await sendNeutralEmail(to, "notice", lang, db);
}

/**
 * The daily reminder: every active term ending within 60 days whose reminder has not gone out
 * is marked (a conditional update, so two instances never remind twice) and, when there are
 * any, each active secretariat account gets one neutral email. Returns how many terms were
 * marked; logs counts only.
 */
export async function remindTermsEnding(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const today = localToday(now);
  const due = await db
    .selectFrom("board_memberships")
    .select("id")
    .where("status", "=", "active")
    .where("term_ends_on", "<=", addDays(today, TERM_REMINDER_DAYS))
    .where("term_reminder_sent_at", "is", null)
    .execute();
  let marked = 0;
  for (const { id } of due) {
    const result = await db
      .updateTable("board_memberships")
      .set({ term_reminder_sent_at: now.toISOString() })
      .where("id", "=", id)
      .where("term_reminder_sent_at", "is", null)
      .executeTakeFirst();
    marked += Number(result.numUpdatedRows);
  }
  if (marked > 0) {
    for (const to of await secretariatEmails(db)) await sendNeutralEmail(to, "notice", "sq", db);
    logInfo("board term reminders", { terms: marked });
  }
  return marked;
}

/** True when a term ends within the reminder window (the members page marks it). */
export function termEndsSoon(termEndsOn: string | null, today: string): boolean {
  return termEndsOn !== null && termEndsOn <= addDays(today, TERM_REMINDER_DAYS);
}
