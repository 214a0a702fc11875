import { getApplication } from "./applications.server";
import type { KeyStore } from "./person-keys.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * The NRM selection of a call (Art. 6 b-d) in the identity store (migration 0013): the meeting
 * date, the day the candidate list was sent and the reason when late, and the votes recorded
 * per candidate. The decision itself is the application's status (applications.server.ts).
 */
export type CallSelection = {
  shortlistFixedAt: string | null;
  nrmMeetingOn: string | null;
  listSentOn: string | null;
  listLateReason: string | null;
};

/** The selection record of a call (all null before anything was recorded). */
export async function getCallSelection(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<CallSelection> {
  const row = await db
    .selectFrom("board_call_selection")
    .selectAll()
    .where("call_id", "=", callId)
    .executeTakeFirst();
  return {
    shortlistFixedAt: row?.shortlist_fixed_at ?? null,
    nrmMeetingOn: row?.nrm_meeting_on ?? null,
    listSentOn: row?.list_sent_on ?? null,
    listLateReason: row?.list_late_reason ?? null,
  };
}

/** Records the meeting date and the day the list was sent (the call's row exists once fixed). */
export async function saveListSent(
  callId: string,
  input: { meetingOn: string; sentOn: string; lateReason: string | null },
  db: IdentityDb,
): Promise<void> {
  await db
    .updateTable("board_call_selection")
    .set({
      nrm_meeting_on: input.meetingOn,
      list_sent_on: input.sentOn,
      list_late_reason: input.lateReason,
    })
    .where("call_id", "=", callId)
    .execute();
}

/** Records (or corrects) the NRM's votes on one candidate. */
export async function saveVotes(
  applicationId: string,
  votes: { votesFor: number; votesAgainst: number },
  recordedBy: string | null,
  now: Date,
  db: IdentityDb,
): Promise<void> {
  const values = {
    votes_for: votes.votesFor,
    votes_against: votes.votesAgainst,
    recorded_at: now.toISOString(),
    recorded_by: recordedBy,
  };
  await db
    .insertInto("board_selection_votes")
    .values({ application_id: applicationId, ...values })
    .onConflict((oc) => oc.column("application_id").doUpdateSet(values))
    .execute();
}

/** When the candidate was told the outcome (ISO instant), or null: not yet, or no vote. */
export async function outcomeSentAt(
  applicationId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("board_selection_votes")
    .select("outcome_sent_at")
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  return row?.outcome_sent_at ?? null;
}

/** The votes recorded on a call's candidates: application id → counts. */
export async function listVotes(callId: string, db: IdentityDb = getIdentityDb()) {
  const rows = await db
    .selectFrom("board_selection_votes")
    .innerJoin(
      "board_applications",
      "board_applications.id",
      "board_selection_votes.application_id",
    )
    .select([
      "board_selection_votes.application_id as applicationId",
      "board_selection_votes.votes_for as votesFor",
      "board_selection_votes.votes_against as votesAgainst",
      "board_applications.status as status",
    ])
    .where("board_applications.call_id", "=", callId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.applicationId,
      { votesFor: Number(r.votesFor), votesAgainst: Number(r.votesAgainst), status: r.status },
    ]),
  );
}

/** Someone to tell in person: email was not a channel they allowed. */
export type PersonalContact = { name: string; phone: string; channels: string[] };

/** The decided candidates of a call not told the outcome yet, with the decision. */
export async function listOutcomesDue(
  callId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ id: string; status: "selected" | "not_selected" }[]> {
  const rows = await db
    .selectFrom("board_selection_votes")
    .innerJoin(
      "board_applications",
      "board_applications.id",
      "board_selection_votes.application_id",
    )
    .select(["board_applications.id as id", "board_applications.status as status"])
    .where("board_applications.call_id", "=", callId)
    .where("board_selection_votes.outcome_sent_at", "is", null)
    .where("board_applications.status", "in", ["selected", "not_selected"])
    .orderBy("board_applications.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    status: row.status === "selected" ? "selected" : "not_selected",
  }));
}

/**
 * Marks a decided candidate as told through `channel`, only if nobody has told them yet
 * (`outcome_sent_at` still empty). True when this call claimed them; false when they were
 * already told or claimed by another "Send" meanwhile (which then sends the message).
 */
export async function claimOutcome(
  applicationId: string,
  channel: "email" | "personal",
  now: Date,
  db: IdentityDb,
): Promise<boolean> {
  const result = await db
    .updateTable("board_selection_votes")
    .set({ outcome_sent_at: now.toISOString(), outcome_channel: channel })
    .where("application_id", "=", applicationId)
    .where("outcome_sent_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Undoes `claimOutcome` when the message could not be sent, so a later "Send" tries again. */
export async function releaseOutcome(applicationId: string, db: IdentityDb): Promise<void> {
  await db
    .updateTable("board_selection_votes")
    .set({ outcome_sent_at: null, outcome_channel: null })
    .where("application_id", "=", applicationId)
    .execute();
}

/** The decided candidates to tell in person (email not allowed), with the phone they gave. */
export async function listPersonalContacts(
  callId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<PersonalContact[]> {
  const rows = await db
    .selectFrom("board_selection_votes")
    .innerJoin(
      "board_applications",
      "board_applications.id",
      "board_selection_votes.application_id",
    )
    .select("board_applications.id as id")
    .where("board_applications.call_id", "=", callId)
    .where("board_selection_votes.outcome_channel", "=", "personal")
    .execute();
  const out: PersonalContact[] = [];
  for (const { id } of rows) {
    const application = await getApplication(id, db, keys);
    if (!application) continue;
    const f = application.fields;
    out.push({
      name: `${String(f.firstName)} ${String(f.lastName)}`,
      phone: String(f.phone ?? ""),
      channels: Array.isArray(f.channels) ? f.channels.map(String) : [],
    });
  }
  return out;
}

/** How many decided candidates have not been told yet. */
export async function countOutcomesDue(callId: string, db: IdentityDb = getIdentityDb()) {
  const row = await db
    .selectFrom("board_selection_votes")
    .innerJoin(
      "board_applications",
      "board_applications.id",
      "board_selection_votes.application_id",
    )
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("board_applications.call_id", "=", callId)
    .where("board_selection_votes.outcome_sent_at", "is", null)
    .where("board_applications.status", "in", ["selected", "not_selected"])
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
