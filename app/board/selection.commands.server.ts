import { APPLICANT_STATUS_PATH } from "./applicant-paths";
import { getApplication, neutralSubject, recordDecision } from "./applications.server";
import type { CommandResult } from "./board.commands.server";
import { addMember } from "./membership.server";
import type { KeyStore } from "./person-keys.server";
import { listInTime } from "./selection-rules.server";
import {
  getCallSelection,
  listOutcomesDue,
  claimOutcome,
  listPersonalContacts,
  releaseOutcome,
  outcomeSentAt,
  saveListSent,
  saveVotes,
  type PersonalContact,
} from "./selection.server";
import { listShortlistIds } from "./shortlist.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { getFixedT } from "../i18n/i18n";
import { localePath } from "../i18n/lang";
import { closedDaySet } from "../meetings/closed-days.server";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";

const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

/**
 * The secretariat records the NRM meeting date and the day the fixed candidate list was sent
 * to the directorate. Sent later than 10 working days before the meeting (Art. 6; weekends,
 * public holidays and the admin's closed days not counted) is refused without a recorded reason. Refused before the shortlist is fixed.
 */
export async function recordListSent(
  user: StaffUser,
  callId: string,
  input: { meetingOn: string; sentOn: string; lateReason: string },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<CommandResult<{ late: boolean }>> {
  const selection = await getCallSelection(callId, db);
  if (!selection.shortlistFixedAt)
    return { ok: false, errors: { sentOn: "review:errors.shortlist_not_fixed" } };
  if (input.sentOn > input.meetingOn)
    return { ok: false, errors: { sentOn: "review:errors.sent_after_meeting" } };
  // The office's closed days count out as for the meeting notice (decision 038).
  const late = !listInTime(input.sentOn, input.meetingOn, await closedDaySet(db));
  if (late && !input.lateReason)
    return { ok: false, errors: { lateReason: "review:errors.late_reason_required" } };
  await db.transaction().execute(async (trx) => {
    await saveListSent(
      callId,
      {
        meetingOn: input.meetingOn,
        sentOn: input.sentOn,
        lateReason: late ? input.lateReason : null,
      },
      trx,
    );
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_selection_list_sent",
        subject: callId,
        details: { late },
      },
      trx,
      now,
    );
  });
  return { ok: true, value: { late } };
}

/**
 * The secretariat records the NRM's votes on a shortlisted candidate and the decision (Art. 6 b:
 * the NRM members select by vote). The decision starts the retention clock of an application
 * not selected. Refused before the list was recorded as sent, for anyone not shortlisted, and
 * once the candidate has been told the outcome (a changed decision would never reach them).
 */
export async function recordVote(
  user: StaffUser,
  callId: string,
  input: {
    applicationId: string;
    votesFor: number;
    votesAgainst: number;
    decision: "selected" | "not_selected";
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<CommandResult<null>> {
  // Checked inside the transaction: outcomes sent meanwhile cannot be overwritten.
  return db.transaction().execute(async (trx): Promise<CommandResult<null>> => {
    const selection = await getCallSelection(callId, trx);
    if (!selection.listSentOn)
      return { ok: false, errors: { applicationId: "review:errors.list_not_sent" } };
    if (!(await listShortlistIds(callId, trx)).has(input.applicationId))
      return { ok: false, errors: { applicationId: "review:errors.applicant_required" } };
    if (await outcomeSentAt(input.applicationId, trx))
      return { ok: false, errors: { decision: "review:errors.outcome_already_sent" } };
    await saveVotes(input.applicationId, input, user.id, now, trx);
    await recordDecision(input.applicationId, input.decision, now, trx);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_selection_vote_recorded",
        subject: input.applicationId,
        details: { callId },
      },
      trx,
      now,
    );
    return { ok: true, value: null };
  });
}

/**
 * Tells every decided candidate not yet told, in their language (Art. 6; issue 15 "Applicants
 * are told the outcome"). Where they allowed email: a neutral message (neutral subject, no word
 * about the board or its subject) pointing to the status page, where the outcome waits behind
 * their reference code; a selected candidate also gets the invitation to a board_member account
 * (app/board/membership.server.ts `addMember`, itself neutral). Where email was not allowed,
 * nothing is sent: they are listed for the secretariat to tell by phone or SMS as they allowed.
 * Each candidate is claimed as told just before their message (not in one transaction with
 * the others: a transaction must not stay open while mail is sent) and released again if the
 * mail server refuses it, so neither a failure part-way nor two "Send"s at once tell anybody
 * twice; the invitation is `addMember`'s own transaction with its audit row.
 * Audited with counts only.
 */
export async function sendOutcomes(
  user: StaffUser,
  call: { id: string; boardId: string },
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
  now = new Date(),
): Promise<{ emailed: number; invited: number; personal: number; failed: number }> {
  const due = await listOutcomesDue(call.id, db);
  const counts = { emailed: 0, invited: 0, personal: 0, failed: 0 };
  for (const { id, status } of due) {
    const application = await getApplication(id, db, keys);
    if (!application) continue;
    const f = application.fields;
    const byEmail = Array.isArray(f.channels) && f.channels.includes("email");
    // Claimed before the message: a second "Send" meanwhile (a double click, another instance)
    // finds it claimed and sends nothing, and no vote can change a decision being told.
    if (!(await claimOutcome(id, byEmail ? "email" : "personal", now, db))) continue;
    if (byEmail) {
      try {
        await sendEmail(
          {
            to: String(f.email),
            subject: neutralSubject(application.lang),
            text: getFixedT(application.lang)("review:mail.outcomeBody", {
              link: `${getConfig().publicUrl}${localePath(application.lang, APPLICANT_STATUS_PATH)}`,
            }),
          },
          db,
        );
      } catch {
        // Left not told, so that "Send" tries them again; the secretariat sees how many failed.
        await releaseOutcome(id, db);
        counts.failed += 1;
        continue;
      }
      counts.emailed += 1;
      if (status === "selected") {
        const added = await addMember(
          user,
          {
            boardId: call.boardId,
            fullName: `${String(f.firstName)} ${String(f.lastName)}`,
            email: String(f.email),
            phone: String(f.phone ?? ""),
            applicationId: id,
            lang: application.lang,
          },
          db,
        );
        if (added.ok) counts.invited += 1;
      }
    } else counts.personal += 1;
  }
  await recordAudit(
    { actor: actorOf(user), action: "board_outcomes_sent", subject: call.id, details: counts },
    db,
    now,
  );
  return counts;
}

/**
 * `listPersonalContacts` for the secretariat's page, written to the audit log when it shows
 * anyone (names and phone numbers are personal data; every view of them is audited).
 */
export async function listPersonalContactsAudited(
  user: StaffUser,
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<PersonalContact[]> {
  const contacts = await listPersonalContacts(callId, db);
  if (contacts.length)
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_selection_contacts_viewed",
        subject: callId,
        details: { count: contacts.length },
      },
      db,
    );
  return contacts;
}
