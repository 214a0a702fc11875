import { recordDecision } from "./applications.server";
import type { CommandResult } from "./board.commands.server";
import { listInTime } from "./selection-rules";
import { getCallSelection, saveListSent, saveVotes } from "./selection.server";
import { listShortlistIds } from "./shortlist.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";

const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

/**
 * The secretariat records the NRM meeting date and the day the fixed candidate list was sent
 * to the directorate. Sent later than 10 working days before the meeting (Art. 6) is refused
 * without a recorded reason. Refused before the shortlist is fixed.
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
  const late = !listInTime(input.sentOn, input.meetingOn);
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
 * not selected. Refused before the list was recorded as sent, and for anyone not shortlisted.
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
  const selection = await getCallSelection(callId, db);
  if (!selection.listSentOn)
    return { ok: false, errors: { applicationId: "review:errors.list_not_sent" } };
  if (!(await listShortlistIds(callId, db)).has(input.applicationId))
    return { ok: false, errors: { applicationId: "review:errors.applicant_required" } };
  await db.transaction().execute(async (trx) => {
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
  });
  return { ok: true, value: null };
}
