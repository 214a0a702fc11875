import { randomUUID } from "node:crypto";

import { eraseApplication, exportApplicant } from "./applications.server";
import { boardNameIn } from "./boards.server";
import { getMemberKey, openMemberField, type MemberField } from "./member-data-keys.server";
import { destroyPersonKey, type KeyStore } from "./person-keys.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { accountFieldsOf, accountKeyId, getAccountKey } from "../auth/account-keys.server";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import type { Lang } from "../i18n/lang";
import { listActionItemsForOwner } from "../meetings/action-items.server";
import { openSignedName } from "../meetings/declarations.server";
import { invitationsWithAttendance, openDeclineReason } from "../meetings/meetings.server";
import { listMemberComments } from "../meetings/minutes.server";
import { getConfig } from "../platform/config.server";
import { encryptField } from "../platform/field-encryption.server";

/**
 * A board member's data-subject rights (Law no. 124/2024; issue 15 "Retention and data-subject
 * rights"; decision 035): everything the portal holds about one membership, as a file for the
 * member and the secretariat, and its erasure on request.
 *
 * Erasure destroys the membership's own data key first (every copy of the name, contacts,
 * participation signature, withdrawal reason and the secretariat's Art. 5 reasons about them
 * becomes unreadable, backups included), then
 * clears those fields and what else names or reaches the person: the reasons they gave for not
 * attending, their meeting preferences, mail waiting in the outbox, the application they came
 * from, and, when the account served only the board, the account itself (email, name,
 * password, two-step sign-in, sessions), which is disabled under a made-up address, its own
 * key destroyed too (decision 046: its address, name, signed names and decline reasons in every
 * copy, backups included, become unreadable). The board's
 * own records stay, no longer naming the person: the membership's dates and status, positions
 * held, replies and attendance, the "has voted" flags and the results of elections, and the
 * audit log (which names actions, never content) until its own retention ends.
 */

/** Everything held about one membership, as exported (JSON-ready; dates as stored, ISO). */
export type MemberExport = {
  membership: {
    /** The board's name as held: in Albanian, and in English ("" when it has none). */
    board: string;
    boardEn: string;
    status: string;
    fullName: string;
    email: string;
    phone: string;
    participationSignedOn: string | null;
    participationName: string;
    termStartsOn: string | null;
    termEndsOn: string | null;
    renewals: number;
    endedOn: string | null;
    endKind: string | null;
    endReason: string;
    /** The secretariat's Art. 5 reasons about this member, when one was needed. */
    activationReason: string;
    endCompositionReason: string;
    addedAt: string;
  };
  positions: { position: string; startsOn: string; endsOn: string }[];
  account: {
    email: string;
    displayName: string;
    status: string;
    roles: string[];
    createdAt: string;
    twoStepSignIn: boolean;
  } | null;
  meetingMessages: { language: string; calendarFile: boolean } | null;
  declarations: { version: number; language: string; signedAt: string; signedName: string }[];
  meetings: {
    day: string;
    reply: string | null;
    declineReason: string;
    repliedAt: string | null;
    attendance: string | null;
  }[];
  elections: { position: string; openedOn: string; closedOn: string | null; voted: boolean }[];
  /** Their comments and "no objection" answers on the board's minutes. */
  minutesComments: {
    meetingDay: string;
    document: number;
    kind: string;
    body: string;
    sentAt: string;
  }[];
  /** The tasks given to them at the board's meetings. */
  tasks: { meetingDay: string; task: string; dueOn: string; status: string }[];
  application: Record<string, unknown> | null;
};

/**
 * Everything held about membership `membershipId` (null when there is none): the membership
 * with its personal fields decrypted, positions, the account, the choices for meeting
 * messages, confidentiality declarations signed, meetings (reply, reason, attendance),
 * elections (whether they voted; a ballot is never linked to anyone), their comments on the
 * board's minutes and the tasks given to them, and the application the membership came from
 * while it is still held. The caller audits the export.
 */
export async function exportMember(
  membershipId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<MemberExport | null> {
  const row = await db
    .selectFrom("board_memberships")
    .innerJoin("boards", "boards.id", "board_memberships.board_id")
    .selectAll("board_memberships")
    .select(["boards.name as board_name", "boards.name_en as board_name_en"])
    .where("board_memberships.id", "=", membershipId)
    .executeTakeFirst();
  if (!row) return null;
  const key = await getMemberKey(row.id, keys);
  const open = (field: MemberField, stored: string | null) =>
    stored ? openMemberField(key, field, stored) : "";
  const positions = await db
    .selectFrom("board_positions")
    .select(["position", "starts_on as startsOn", "ends_on as endsOn"])
    .where("membership_id", "=", row.id)
    .orderBy("starts_on")
    .execute();
  const elections = await db
    .selectFrom("board_election_voters")
    .innerJoin("board_elections", "board_elections.id", "board_election_voters.election_id")
    .select([
      "board_elections.position as position",
      "board_elections.opened_on as openedOn",
      "board_elections.closed_on as closedOn",
      "board_election_voters.has_voted as hasVoted",
    ])
    .where("board_election_voters.membership_id", "=", row.id)
    .orderBy("board_elections.opened_on")
    .execute();
  const userId = row.user_id;
  const person = userId ? await personalRecordsOf(userId, row.board_id, db, keys) : null;
  return {
    membership: {
      board: row.board_name,
      boardEn: row.board_name_en,
      status: row.status,
      fullName: open("full_name", row.full_name_encrypted),
      email: open("email", row.email_encrypted),
      phone: open("phone", row.phone_encrypted),
      participationSignedOn: row.participation_signed_on,
      participationName: open("participation_name", row.participation_name_encrypted),
      termStartsOn: row.term_starts_on,
      termEndsOn: row.term_ends_on,
      renewals: Number(row.renewals),
      endedOn: row.ended_on,
      endKind: row.end_kind,
      endReason: open("end_reason", row.end_reason_encrypted),
      activationReason: open("activation_reason", row.activation_reason_encrypted),
      endCompositionReason: open("end_composition_reason", row.end_composition_reason_encrypted),
      addedAt: row.created_at,
    },
    positions,
    account: person?.account ?? null,
    meetingMessages: person?.meetingMessages ?? null,
    declarations: person?.declarations ?? [],
    meetings: person?.meetings ?? [],
    elections: elections.map((e) => ({
      position: e.position,
      openedOn: e.openedOn,
      closedOn: e.closedOn,
      voted: Number(e.hasVoted) === 1,
    })),
    minutesComments: userId ? await listMemberComments(userId, row.board_id, db) : [],
    tasks: userId
      ? (await listActionItemsForOwner(userId, undefined, db, row.board_id)).map((item) => ({
          meetingDay: item.meetingDay,
          task: item.task,
          dueOn: item.dueOn,
          status: item.status,
        }))
      : [],
    application: row.application_id ? await exportApplicant(row.application_id, db, keys) : null,
  };
}

/** The account of a member and what hangs on it, for the export (meetings of this board). */
async function personalRecordsOf(userId: string, boardId: string, db: IdentityDb, keys?: KeyStore) {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) return null;
  const opened = (await accountFieldsOf([userId], db, keys)).get(userId);
  const accountKey = await getAccountKey(userId, keys);
  const roles = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
  const totp = await db
    .selectFrom("user_totp")
    .select("confirmed_at")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const preferences = await db
    .selectFrom("meeting_preferences")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const signatures = await db
    .selectFrom("declaration_signatures")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("version")
    .execute();
  const invitations = await invitationsWithAttendance(db)
    .innerJoin("meetings", "meetings.id", "meeting_invitations.meeting_id")
    .select([
      "meetings.meeting_day as day",
      "meeting_invitations.meeting_id as meetingId",
      "meeting_invitations.reply as reply",
      "meeting_invitations.decline_reason_encrypted as reason",
      "meeting_invitations.replied_at as repliedAt",
      "meeting_attendance.status as attendance",
    ])
    .where("meeting_invitations.user_id", "=", userId)
    .where("meetings.board_id", "=", boardId)
    .orderBy("meetings.meeting_day")
    .execute();
  return {
    account: {
      email: opened?.email ?? user.email,
      displayName: opened?.displayName ?? user.display_name,
      status: user.status,
      roles: roles.map((r) => r.role),
      createdAt: user.created_at,
      twoStepSignIn: Boolean(totp?.confirmed_at),
    },
    meetingMessages: preferences
      ? { language: preferences.lang, calendarFile: Number(preferences.calendar_file) === 1 }
      : null,
    declarations: signatures.map((s) => ({
      version: Number(s.version),
      language: s.language,
      signedAt: s.signed_at,
      signedName: s.signed_name_encrypted
        ? openSignedName(accountKey, userId, Number(s.version), s.signed_name_encrypted)
        : "",
    })),
    meetings: invitations.map((i) => ({
      day: i.day,
      reply: i.reply,
      declineReason: i.reason ? openDeclineReason(accountKey, i.meetingId, userId, i.reason) : "",
      repliedAt: i.repliedAt,
      attendance: i.attendance ?? null,
    })),
  };
}

/** A membership found by the admin's search: enough to open it, nothing personal. */
export type FoundMembership = {
  id: string;
  boardName: string;
  status: string;
  /** When the membership was added (ISO). */
  addedAt: string;
};

/**
 * The memberships whose member has the email address `query` (the admin's search for one
 * person who asked, Art. 14 d: never a list of members; decision 035). An address matches,
 * trimmed and without regard to case, either the account's sign-in email or the email the
 * secretariat recorded for the membership (sealed under the member's key, so every
 * membership's is opened to compare: a board has a handful; no lookup column is kept, which
 * would be one more copy of the address to erase). Erased memberships hold no address and are
 * never found; one whose key cannot open its address (an erasure interrupted) is matched by its
 * account only. Empty for a query that is not an address. Oldest first; board names in `lang`.
 */
export async function findMemberships(
  query: string,
  lang: Lang = "sq",
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<FoundMembership[]> {
  const wanted = query.trim().toLowerCase();
  if (!wanted.includes("@")) return [];
  const rows = await db
    .selectFrom("board_memberships")
    .innerJoin("boards", "boards.id", "board_memberships.board_id")
    .leftJoin("users", "users.id", "board_memberships.user_id")
    .select((eb) => [
      "board_memberships.id as id",
      "board_memberships.status as status",
      "board_memberships.created_at as addedAt",
      "board_memberships.email_encrypted as emailEncrypted",
      boardNameIn(lang)(eb).as("boardName"),
      "board_memberships.user_id as userId",
    ])
    .where("board_memberships.email_encrypted", "!=", "")
    .orderBy("board_memberships.created_at")
    .orderBy("board_memberships.id")
    .execute();
  // The account's address (sealed for a member's account, decision 046: opened here).
  const accounts = await accountFieldsOf(
    rows.flatMap((row) => (row.userId ? [row.userId] : [])),
    db,
    keys,
  );
  const found: FoundMembership[] = [];
  for (const row of rows) {
    const accountEmail = row.userId ? accounts.get(row.userId)?.email : undefined;
    let matches = accountEmail?.trim().toLowerCase() === wanted;
    if (!matches) {
      try {
        const key = await getMemberKey(row.id, keys);
        matches = openMemberField(key, "email", row.emailEncrypted).trim().toLowerCase() === wanted;
      } catch {
        matches = false;
      }
    }
    if (matches)
      found.push({
        id: row.id,
        boardName: row.boardName,
        status: row.status,
        addedAt: row.addedAt,
      });
  }
  return found;
}

/** A neutral file name for an export: it says nothing about the board or the person. */
export function exportFileName(today: string): string {
  return `export-${today}.json`;
}

type EraseResult =
  { ok: true; value: { accountClosed: boolean } } | { ok: false; errors: Record<string, string> };

/**
 * Erases membership `membershipId` on request (see the module comment for what goes and what
 * stays). Only a membership that has ended (the secretariat ends it first, with the Art. 5
 * reason if needed): `membershipId` error otherwise, and for one already erased. The
 * application goes first, then the personal fields in one transaction, then the key, so an
 * interruption never leaves fields that no key opens (which broke the board's pages), and
 * running it again finishes the work. Audited as "board_member_erased" (the board's name, the
 * membership id, and `actor.by`: the secretariat of the board, the default, or an admin).
 */
export async function eraseMember(
  actor: Pick<StaffUser, "id" | "email"> & { by?: "secretariat" | "admin" },
  membershipId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<EraseResult> {
  const row = await db
    .selectFrom("board_memberships")
    .innerJoin("boards", "boards.id", "board_memberships.board_id")
    .select([
      "board_memberships.id as id",
      "board_memberships.status as status",
      "board_memberships.user_id as userId",
      "board_memberships.application_id as applicationId",
      "board_memberships.email_encrypted as emailEncrypted",
      "boards.name as boardName",
    ])
    .where("board_memberships.id", "=", membershipId)
    .executeTakeFirst();
  if (!row) return { ok: false, errors: { membershipId: "members:errors.unknown_member" } };
  if (row.emailEncrypted === "") {
    // An erasure interrupted after its transaction left the key: it is destroyed now.
    await destroyPersonKey(row.id, keys);
    return { ok: false, errors: { membershipId: "members:errors.already_erased" } };
  }
  if (row.status !== "ended")
    return { ok: false, errors: { membershipId: "members:errors.erase_live" } };
  const email = openMemberField(await getMemberKey(row.id, keys), "email", row.emailEncrypted);
  // The application first (its own key and transaction; erasing it again is harmless), then
  // the membership's fields in one transaction, then its key: an interruption at any point
  // leaves the board's pages readable and the erasure can be run again to the end.
  if (row.applicationId) await eraseApplication(row.applicationId, {}, db, keys);
  const accountClosed = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("board_memberships")
      .set({
        full_name_encrypted: "",
        email_encrypted: "",
        phone_encrypted: null,
        participation_name_encrypted: null,
        end_reason_encrypted: null,
        activation_reason_encrypted: null,
        end_composition_reason_encrypted: null,
        activation_reason: null,
        end_composition_reason: null,
        application_id: null,
      })
      .where("id", "=", row.id)
      .execute();
    await trx.deleteFrom("outbox").where("recipient", "=", email).execute();
    let closed = false;
    if (row.userId) {
      await trx
        .updateTable("meeting_invitations")
        .set({ decline_reason_encrypted: null })
        .where("user_id", "=", row.userId)
        .execute();
      closed = await closeBoardOnlyAccount(row.userId, row.id, trx, keys);
    }
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email },
        action: "board_member_erased",
        subject: row.boardName,
        details: { membershipId: row.id, by: actor.by ?? "secretariat" },
      },
      trx,
    );
    return closed;
  });
  await destroyPersonKey(row.id, keys);
  // A closed account's own key (decision 046): its address, name, signed names and reasons
  // for declining, in every copy, backups included, are unreadable from here on.
  if (accountClosed && row.userId) await destroyPersonKey(accountKeyId(row.userId), keys);
  return { ok: true, value: { accountClosed } };
}

/**
 * Closes the account of an erased member when it served the board alone (no role besides
 * board_member and guest, no other membership still named): a made-up address, no name (nor
 * the sealed ones or their lookup, decision 046; the caller destroys the account's key),
 * password, two-step sign-in, sessions or pending links; declaration signatures keep their
 * date and version, not the typed name; audit rows naming its address (as the actor, or as the
 * subject of a failed sign-in) name the made-up one; mail to its address leaves the outbox.
 * True when closed.
 */
async function closeBoardOnlyAccount(
  userId: string,
  erasedMembershipId: string,
  trx: IdentityDb,
  keys?: KeyStore,
): Promise<boolean> {
  const roles = await trx
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .execute();
  if (roles.some((r) => r.role !== "board_member" && r.role !== "guest")) return false;
  const otherMembership = await trx
    .selectFrom("board_memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("id", "!=", erasedMembershipId)
    .where("full_name_encrypted", "!=", "")
    .executeTakeFirst();
  if (otherMembership) return false;
  const account = (await accountFieldsOf([userId], trx, keys)).get(userId);
  if (!account) return false;
  const { email } = account;
  const madeUp = `erased-${randomUUID()}@erased.invalid`;
  // The sealed address and name go too; the caller then destroys the account's key.
  await trx
    .updateTable("users")
    .set({
      email: madeUp,
      display_name: "",
      email_lookup: null,
      email_encrypted: null,
      display_name_encrypted: null,
      password_hash: null,
      status: "disabled",
    })
    .where("id", "=", userId)
    .execute();
  // The audit log keeps what the account did, no longer under its address: the actor's email
  // of its own actions, and the subject of sign-in failures and locks (the address typed).
  await trx
    .updateTable("audit_events")
    .set({ actor_email: madeUp })
    .where("actor_user_id", "=", userId)
    .execute();
  await trx
    .updateTable("audit_events")
    .set({ subject: madeUp })
    .where("subject", "=", email)
    .execute();
  await trx.deleteFrom("outbox").where("recipient", "=", email).execute();
  for (const table of [
    "user_roles",
    "sessions",
    "invitations",
    "password_resets",
    "sign_in_challenges",
    "user_totp",
    "totp_used_steps",
    "recovery_codes",
    "two_factor_throttle",
    "kept_inputs",
    "meeting_preferences",
  ] as const) {
    await trx.deleteFrom(table).where("user_id", "=", userId).execute();
  }
  const { dataKey } = getConfig();
  const signatures = await trx
    .selectFrom("declaration_signatures")
    .select("version")
    .where("user_id", "=", userId)
    .execute();
  for (const { version } of signatures)
    await trx
      .updateTable("declaration_signatures")
      .set({
        signed_name_encrypted: encryptField(
          dataKey,
          "",
          `declaration:${userId}:${Number(version)}`,
        ),
      })
      .where("user_id", "=", userId)
      .where("version", "=", version)
      .execute();
  return true;
}
