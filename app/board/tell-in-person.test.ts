import { beforeAll, describe, expect, it } from "vitest";

import { recordDecision } from "./applications.server";
import type { BoardCall } from "./calls.server";
import {
  makeBoardCall,
  makeSecretariat,
  storeTestApplication,
  testApplication as application,
} from "./membership-test-helpers";
import { sendOutcomes } from "./selection.commands.server";
import {
  countOutcomesDue,
  listPersonalContacts,
  saveListSent,
  saveVotes,
} from "./selection.server";
import { fixShortlist, setShortlist } from "./shortlist.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";

/**
 * The outcome of a selection reaches an applicant only by a channel they allowed (issue 15).
 * Someone who did not allow email gets no email at all: not the outcome, not an invitation to
 * an account. They are listed for the secretariat to tell by phone or SMS, as they allowed.
 */

const db = () => getIdentityDb();
const NOW = new Date("2026-12-15T10:00:00Z");

let secretariat: StaffUser;
let call: BoardCall;
const people = {
  phoneSelected: application({
    firstName: "Blerta",
    lastName: "Telefon",
    phone: "+355 69 000 0001",
    channels: ["phone", "sms"],
  }),
  smsNotSelected: application({
    firstName: "Drita",
    lastName: "Mesazh",
    phone: "+355 69 000 0002",
    channels: ["sms"],
  }),
  emailAndPhone: application({
    firstName: "Elira",
    lastName: "Email",
    phone: "+355 69 000 0003",
    channels: ["email", "phone"],
  }),
  undecided: application({
    firstName: "Fatjona",
    lastName: "Pa-vendim",
    phone: "+355 69 000 0004",
    channels: ["phone"],
  }),
};
const ids = {} as Record<keyof typeof people, string>;

beforeAll(async () => {
  await migrateIdentityStore();
  secretariat = await makeSecretariat(db());
  call = await makeBoardCall(secretariat.id, "In-person board", true, db());
  for (const key of Object.keys(people) as (keyof typeof people)[])
    ids[key] = await storeTestApplication(call, people[key], db());
  await setShortlist(call.id, Object.values(ids), secretariat.id, NOW, db());
  await fixShortlist(call.id, secretariat.id, NOW, db());
  await saveListSent(
    call.id,
    { meetingOn: "2026-12-14", sentOn: "2026-11-20", lateReason: null },
    db(),
  );
  const decisions = [
    [ids.phoneSelected, "selected"],
    [ids.smsNotSelected, "not_selected"],
    [ids.emailAndPhone, "not_selected"],
  ] as const;
  for (const [id, decision] of decisions) {
    await saveVotes(id, { votesFor: 3, votesAgainst: 2 }, secretariat.id, NOW, db());
    await recordDecision(id, decision, NOW, db());
  }
});

async function mailTo(email: string) {
  return db().selectFrom("outbox").select("subject").where("recipient", "=", email).execute();
}

describe("telling the outcome in person", () => {
  it("emails only those who allowed email, once, and lists the others, with the phone and channels they gave", async () => {
    expect(await countOutcomesDue(call.id, db())).toBe(3);
    // "Send" pressed twice at once (a double click, or two instances): each person is told once.
    const sent = await Promise.all([
      sendOutcomes(secretariat, call, db(), undefined, NOW),
      sendOutcomes(secretariat, call, db(), undefined, NOW),
    ]);
    expect({
      emailed: sent[0].emailed + sent[1].emailed,
      invited: sent[0].invited + sent[1].invited,
      personal: sent[0].personal + sent[1].personal,
      failed: sent[0].failed + sent[1].failed,
    }).toEqual({ emailed: 1, invited: 0, personal: 2, failed: 0 });
    expect(await mailTo(people.phoneSelected.email)).toEqual([]);
    expect(await mailTo(people.smsNotSelected.email)).toEqual([]);
    expect(await mailTo(people.emailAndPhone.email)).toHaveLength(1);
    const contacts = await listPersonalContacts(call.id, db());
    expect(contacts.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "Blerta Telefon", phone: "+355 69 000 0001", channels: ["phone", "sms"] },
      { name: "Drita Mesazh", phone: "+355 69 000 0002", channels: ["sms"] },
    ]);
  });

  it("does not make an account for a selected person who did not allow email", async () => {
    const account = await db()
      .selectFrom("users")
      .select("id")
      .where("email", "=", people.phoneSelected.email)
      .executeTakeFirst();
    expect(account).toBeUndefined();
    const memberships = await db()
      .selectFrom("board_memberships")
      .select("id")
      .where("application_id", "=", ids.phoneSelected)
      .execute();
    expect(memberships).toEqual([]);
  });

  it("counts the people told in person as told, once, and leaves an undecided candidate out", async () => {
    expect(await countOutcomesDue(call.id, db())).toBe(0);
    expect(await sendOutcomes(secretariat, call, db(), undefined, NOW)).toEqual({
      emailed: 0,
      invited: 0,
      personal: 0,
      failed: 0,
    });
    const contacts = await listPersonalContacts(call.id, db());
    expect(contacts.map((c) => c.name)).not.toContain("Fatjona Pa-vendim");
    expect(contacts).toHaveLength(2);
  });

  it("audits counts only: no name or phone in the audit log", async () => {
    const rows = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "board_outcomes_sent")
      .where("subject", "=", call.id)
      .execute();
    // The two "Send"s at once, and the one that found nobody left to tell.
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toMatch(/Blerta|Telefon|Drita|000 000/);
  });
});
