import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { recordDecision } from "./applications.server";
import { createBoard } from "./boards.server";
import { insertCall } from "./calls.server";
import {
  makeBoardWithMembers,
  makeSecretariat,
  storeTestApplication,
  testApplication,
} from "./membership-test-helpers";
import { sendOutcomes } from "./selection.commands.server";
import { countOutcomesDue, saveListSent, saveVotes } from "./selection.server";
import { fixShortlist, setShortlist } from "./shortlist.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { parseMessage } from "../../tests/mail-message";
import type { StaffUser } from "../auth/users.server";
import type { Lang } from "../i18n/lang";
import { scheduleMeeting } from "../meetings/meetings.commands.server";
import { ScheduleMeetingSchema } from "../meetings/meetings.schemas";
import { savePreferences } from "../meetings/meetings.server";
import { getConfig } from "../platform/config.server";

/**
 * Board mail through a real SMTP conversation: a local smtp-server on 127.0.0.1 receives what
 * nodemailer sends through SMTP_URL. What a person sees in their mailbox (sender, subject,
 * text) must say nothing about the board, survivors or trafficking, and be in their language.
 */

type Received = { envelopeTo: string[]; from: string; subject: string; text: string };

const received: Received[] = [];
const db = () => getIdentityDb();
const MAIL_FROM = "Zyra <info@ngo.example>";
// Words that would tell a reader of the mailbox (or of its notifications) what this is about.
const REVEALING =
  /bord|board|trafik|traffick|surviv|mbijet|këshill|advisory|aplikim|application|kandidat|candidate|select|përzgjedh|viktim|victim/i;

const server = new SMTPServer({
  authOptional: true,
  // Plain SMTP on the loopback: no certificate for nodemailer to refuse.
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  // A mailbox the server refuses, as a full or closed one is: sending to it fails.
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith("refused-")) callback(new Error("550 Mailbox unavailable"));
    else callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        ...parseMessage(Buffer.concat(chunks).toString("utf8")),
      });
      callback();
    });
  },
});

const mailTo = (email: string) => received.filter((m) => m.envelopeTo.includes(email));

let secretariat: StaffUser;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = MAIL_FROM;
  delete process.env.BOARD_MAIL_SUBJECT;
  // The configuration is read once: it must not have been read before SMTP_URL was set.
  expect(getConfig().smtpUrl).toBe(process.env.SMTP_URL);
  await migrateIdentityStore();
  secretariat = await makeSecretariat(db());
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

function expectNeutral(mail: Received) {
  expect(mail.from).toBe(MAIL_FROM);
  expect(mail.subject).not.toMatch(REVEALING);
  expect(mail.text).not.toMatch(REVEALING);
}

describe("board mail received by an SMTP server", () => {
  it("tells each decided applicant the outcome neutrally, in the language they applied in", async () => {
    const board = await createBoard(
      { name: "Bordi këshillimor SMTP", areas: [], areasOther: "", residenceRule: "citizen" },
      secretariat.id,
      db(),
    );
    const call = await insertCall(
      { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: true },
      secretariat.id,
      db(),
    );
    const applicants: { lang: Lang; email: string; decision: "selected" | "not_selected" }[] = [
      { lang: "en", email: `en-${crypto.randomUUID()}@t.example`, decision: "not_selected" },
      { lang: "sq", email: `sq-${crypto.randomUUID()}@t.example`, decision: "selected" },
    ];
    const ids: string[] = [];
    for (const applicant of applicants) {
      const application = testApplication({
        firstName: "Arta",
        lastName: "Hoxha-Smtp",
        email: applicant.email,
      });
      ids.push(await storeTestApplication(call, application, db(), applicant.lang));
    }
    const now = new Date("2026-12-15T10:00:00Z");
    await setShortlist(call.id, ids, secretariat.id, now, db());
    await fixShortlist(call.id, secretariat.id, now, db());
    await saveListSent(
      call.id,
      { meetingOn: "2026-12-14", sentOn: "2026-11-20", lateReason: null },
      db(),
    );
    for (const [i, applicant] of applicants.entries()) {
      await saveVotes(ids[i]!, { votesFor: 3, votesAgainst: 2 }, secretariat.id, now, db());
      await recordDecision(ids[i]!, applicant.decision, now, db());
    }

    expect(await sendOutcomes(secretariat, call, db())).toEqual({
      emailed: 2,
      invited: 1,
      personal: 0,
      failed: 0,
    });

    const [en, sq] = applicants.map((a) => mailTo(a.email));
    // Not selected: the outcome message alone, in English.
    expect(en).toHaveLength(1);
    expect(en![0]!.subject).toBe("Meeting information");
    expect(en![0]!.text).toContain("There is news about the form you sent us.");
    expect(en![0]!.text).toContain(`${getConfig().publicUrl}/en/gjendja`);
    // Selected: the outcome message and the invitation to an account, both in Albanian.
    expect(sq).toHaveLength(2);
    expect(sq!.map((m) => m.subject).sort()).toEqual(["Informacion", "Informacion për takimin"]);
    const outcome = sq!.find((m) => m.subject === "Informacion për takimin")!;
    expect(outcome.text).toContain("Ka të reja për formularin që na dërguat.");
    expect(outcome.text).not.toContain("/en/");
    expect(sq!.find((m) => m.subject === "Informacion")!.text).toContain(
      "Është krijuar një llogari për ju.",
    );
    for (const mail of [...en!, ...sq!]) {
      // The outcome itself waits behind the reference code; no name is in the message.
      expect(mail.text).not.toMatch(/Hoxha-Smtp|Arta|selected|zgjodh/i);
      // The link too: the status page's path names nothing of the board.
      expectNeutral(mail);
    }
  });

  it("leaves an applicant whose mail the server refused untold, to try again, and tells the others", async () => {
    const board = await createBoard(
      { name: "Bordi SMTP refuzim", areas: [], areasOther: "", residenceRule: "citizen" },
      secretariat.id,
      db(),
    );
    const call = await insertCall(
      { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode: true },
      secretariat.id,
      db(),
    );
    const emails = [
      `refused-${crypto.randomUUID()}@t.example`,
      `ok-${crypto.randomUUID()}@t.example`,
    ];
    const ids: string[] = [];
    for (const email of emails)
      ids.push(
        await storeTestApplication(
          call,
          testApplication({ firstName: "Besa", lastName: "Refuzim", email }),
          db(),
          "sq",
        ),
      );
    const now = new Date("2026-12-15T10:00:00Z");
    await setShortlist(call.id, ids, secretariat.id, now, db());
    await fixShortlist(call.id, secretariat.id, now, db());
    await saveListSent(
      call.id,
      { meetingOn: "2026-12-14", sentOn: "2026-11-20", lateReason: null },
      db(),
    );
    for (const id of ids) {
      await saveVotes(id, { votesFor: 1, votesAgainst: 4 }, secretariat.id, now, db());
      await recordDecision(id, "not_selected", now, db());
    }
    // Before: the first refusal threw out of the loop, a 500 with the rest never tried.
    expect(await sendOutcomes(secretariat, call, db())).toEqual({
      emailed: 1,
      invited: 0,
      personal: 0,
      failed: 1,
    });
    expect(mailTo(emails[1]!)).toHaveLength(1);
    expect(await countOutcomesDue(call.id, db())).toBe(1);
  });

  it("sends each invited member a neutral meeting invitation in the language they chose", async () => {
    const { board, members } = await makeBoardWithMembers(secretariat, 3, db(), "SMTP board");
    await savePreferences(members[0]!.user.id, { lang: "en", calendarFile: false }, db());
    await savePreferences(members[1]!.user.id, { lang: "sq", calendarFile: false }, db());
    const before = members.map((m) => mailTo(m.user.email).length);
    const scheduled = await scheduleMeeting(
      secretariat,
      board.id,
      ScheduleMeetingSchema.parse({
        date: "2026-12-14",
        time: "10:00",
        place: "Zyra e sekretariatit, Tiranë",
        itemTitle1: "Hapja",
        itemSummary1: "Mirëseardhja",
        briefing: "Informacion për punën e bërë.",
        invitees: members.map((m) => m.user.id),
      }),
      db(),
      new Date("2026-11-30T11:00:00Z"),
    );
    expect(scheduled.ok).toBe(true);
    if (!scheduled.ok) return;
    const meetingPath = `/staff/meetings/${scheduled.value.meetingId}`;
    const invitations = members.map((m, i) => mailTo(m.user.email).slice(before[i]));
    for (const mails of invitations) expect(mails).toHaveLength(1);
    const [en, sq, unset] = invitations.map((mails) => mails[0]!);
    expect(en!.subject).toBe("Information");
    expect(en!.text).toContain("You have new information in the portal.");
    expect(en!.text).toContain(`${getConfig().publicUrl}/en${meetingPath}`);
    expect(sq!.subject).toBe("Informacion");
    expect(sq!.text).toContain("Keni informacion të ri në portal.");
    expect(sq!.text).toContain(`${getConfig().publicUrl}${meetingPath}`);
    // No choice made: Albanian, the portal's first language.
    expect(unset!.subject).toBe("Informacion");
    for (const mail of [en!, sq!, unset!]) {
      expectNeutral(mail);
      // Neither the place nor the time travels by email: both wait behind sign-in.
      expect(mail.text).not.toMatch(/Zyra|Tiranë|10:00|14\.12/);
    }
  });
});
