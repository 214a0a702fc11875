import { beforeAll, describe, expect, it } from "vitest";

import { makeChair } from "./meeting-test-helpers";
import { insertMeeting, upsertAttendance, getMeeting } from "./meetings.server";
import {
  approveMinutes,
  chooseActingChair,
  circulateMinutes,
  commentOnMinutes,
  resolveComment,
  saveAndCirculateMinutes,
  saveMinutes,
  startAmendment,
  startMinutes,
} from "./minutes.commands.server";
import { CommentSchema } from "./minutes.schemas";
import {
  contentHash,
  getLatestRevision,
  insertRevision,
  listComments,
  listMinutesDocs,
  listRevisions,
} from "./minutes.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import {
  failAuditOf,
  makeBoardWithMembers,
  makeSecretariat,
} from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// The meeting was on Monday 23.11.2026; today is Monday 30.11.2026 in Tirana.
const NOW = new Date("2026-11-30T11:00:00Z");
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

async function makeMeeting(boardId: string, invitees: string[], day = "2026-11-23") {
  return insertMeeting(
    {
      boardId,
      startsAt: `${day}T09:00:00.000Z`,
      meetingDay: day,
      place: "Tiranë",
      onlineLink: "",
      briefing: "",
      extraordinary: false,
      extraordinaryReason: "",
      noticeSentOn: "2026-11-10",
      agenda: [
        { title: "Hapja", summary: "" },
        { title: "Raporti", summary: "" },
      ],
      invitees,
      createdBy: null,
    },
    db(),
    new Date("2026-11-10T09:00:00Z"),
  );
}

const items = (discussion: string, confidentialSecond = false) => [
  { discussion, decisions: "Miratohet.", confidential: false },
  { discussion: "Raporti u paraqit.", decisions: "", confidential: confidentialSecond },
];

describe("minutes of a meeting", () => {
  let secretariat: StaffUser;
  let members: StaffUser[];
  let boardId: string;
  let meeting: NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db());
    boardId = made.board.id;
    members = made.members.map((m) => m.user);
    // Member 0 holds the chair.
    await makeChair(boardId, made.members[0]!.membershipId, db(), "2026-01-01", "2028-01-01");
    const id = await makeMeeting(
      boardId,
      members.map((m) => m.id),
    );
    await upsertAttendance(
      id,
      [
        { userId: members[0]!.id, status: "present" },
        { userId: members[1]!.id, status: "excused" },
        { userId: members[2]!.id, status: "late" },
      ],
      secretariat.id,
      db(),
      new Date("2026-11-23T12:00:00Z"),
    );
    meeting = (await getMeeting(id))!;
  });

  /** A meeting of the whole board held on `day`, its minutes started and circulated until 2.12. */
  async function circulatedMinutes(day: string) {
    const id = await makeMeeting(
      boardId,
      members.map((u) => u.id),
      day,
    );
    const m = (await getMeeting(id))!;
    await startMinutes(secretariat, m, db(), NOW);
    const [draft] = await listMinutesDocs(id);
    await circulateMinutes(secretariat, m, draft!, "2026-12-02", db(), NOW);
    const [doc] = await listMinutesDocs(id);
    return { id, m, doc: doc! };
  }

  it("walks draft, circulation, comments, revision and approval, then locks with the content hash", async () => {
    const started = await startMinutes(secretariat, meeting, db(), NOW);
    expect(started.ok).toBe(true);
    let [doc] = await listMinutesDocs(meeting.id);
    const first = (await getLatestRevision(doc!.id))!;
    // Attendance comes from the meeting's record: a status only, never a reason.
    expect(first.content.attendance.map((a) => a.status).sort()).toEqual([
      "excused",
      "late",
      "present",
    ]);
    expect(first.content.items.map((i) => i.title)).toEqual(["Hapja", "Raporti"]);
    // ...and no names (decision 040): not even a name a caller's object carries is written.
    const raw = await db()
      .selectFrom("minutes_revisions")
      .select("content")
      .where("minutes_id", "=", doc!.id)
      .executeTakeFirstOrThrow();
    expect(raw.content).not.toMatch(/"name"|Member \d/);
    const named = {
      attendance: [{ userId: members[1]!.id, name: "Member 1", status: "present" as const }],
      items: first.content.items,
    };
    expect(contentHash(named)).toBe(
      contentHash({
        attendance: [{ userId: members[1]!.id, status: "present" }],
        items: named.items,
      }),
    );

    const saved = await saveMinutes(
      secretariat,
      meeting,
      doc!,
      1,
      items("Hapja e mbledhjes."),
      {},
      db(),
      NOW,
    );
    expect(saved).toEqual({ ok: true, version: 2 });

    // A deadline that is not after today is refused and nothing changes.
    expect(await circulateMinutes(secretariat, meeting, doc!, "2026-11-30", db(), NOW)).toEqual({
      ok: false,
      errors: { deadline: "minutes:errors.deadline_past" },
    });
    const before = await db().selectFrom("outbox").select("id").execute();
    expect(await circulateMinutes(secretariat, meeting, doc!, "2026-12-07", db(), NOW)).toEqual({
      ok: true,
    });
    // Every member was told, with the neutral subject (in their language: Albanian unless chosen).
    const mail = await db()
      .selectFrom("outbox")
      .select(["recipient", "subject"])
      .where("id", "not in", before.length ? before.map((r) => r.id) : [""])
      .execute();
    expect(mail.map((m) => m.recipient).sort()).toEqual(members.map((m) => m.email).sort());
    expect(new Set(mail.map((m) => m.subject))).toEqual(new Set(["Informacion"]));

    [doc] = await listMinutesDocs(meeting.id);
    // The chair cannot approve before the deadline while members have not answered.
    const early = await approveMinutes(
      members[0]!,
      meeting,
      doc!,
      { approvalKind: "chair", approvalMeetingId: "" },
      { isChair: true, isSecretariat: false },
      db(),
      NOW,
    );
    expect(early).toEqual({
      ok: false,
      errors: { approvalKind: "minutes:errors.members_unanswered" },
    });

    const comment = CommentSchema.parse({ kind: "comment", item: "2", body: "Shtoni datën." });
    expect(await commentOnMinutes(members[1]!, meeting, doc!, comment, db(), NOW)).toEqual({
      ok: true,
    });
    const noObjection = CommentSchema.parse({ kind: "no_objection" });
    await commentOnMinutes(members[0]!, meeting, doc!, noObjection, db(), NOW);
    await commentOnMinutes(members[2]!, meeting, doc!, noObjection, db(), NOW);
    // Someone who is not a member cannot comment.
    expect(await commentOnMinutes(secretariat, meeting, doc!, comment, db(), NOW)).toEqual({
      ok: false,
      errors: { form: "minutes:errors.not_member" },
    });
    const comments = await listComments(doc!.id);
    expect(comments.filter((c) => !c.resolved)).toHaveLength(3);
    const itemComment = comments.find((c) => c.kind === "comment")!;
    expect(itemComment.agendaItemId).toBe(first.content.items[1]!.agendaItemId);

    // The secretariat revises (members told) and marks the comment as dealt with.
    const revised = await saveMinutes(
      secretariat,
      meeting,
      doc!,
      2,
      items("Hapja e mbledhjes më 23.11.2026."),
      { notify: true },
      db(),
      NOW,
    );
    expect(revised).toEqual({ ok: true, version: 3 });
    expect(await resolveComment(secretariat, meeting, doc!, itemComment.id, db(), NOW)).toEqual({
      ok: true,
    });
    expect((await listRevisions(doc!.id)).map((r) => r.number)).toEqual([3, 2, 1]);

    // Someone who is not the chair cannot approve; the chair can, now that all answered.
    expect(
      await approveMinutes(
        members[2]!,
        meeting,
        doc!,
        { approvalKind: "chair", approvalMeetingId: "" },
        { isChair: false, isSecretariat: false },
        db(),
        NOW,
      ),
    ).toEqual({ ok: false, errors: { approvalKind: "minutes:errors.not_approver" } });
    const approved = await approveMinutes(
      members[0]!,
      meeting,
      doc!,
      { approvalKind: "chair", approvalMeetingId: "" },
      { isChair: true, isSecretariat: false },
      db(),
      NOW,
    );
    expect(approved.ok).toBe(true);
    [doc] = await listMinutesDocs(meeting.id);
    const text = (await getLatestRevision(doc!.id))!;
    expect(doc!.status).toBe("approved");
    expect(doc!.contentHash).toBe(contentHash(text.content));
    expect(doc!.approvalKind).toBe("chair");

    // Approved minutes are locked: a save is refused and writes nothing.
    expect(
      await saveMinutes(secretariat, meeting, doc!, 3, items("Changed"), {}, db(), NOW),
    ).toMatchObject({ ok: false, reason: "locked" });
    expect((await listRevisions(doc!.id))[0]!.number).toBe(3);
    // Comments are closed once approved.
    expect(await commentOnMinutes(members[1]!, meeting, doc!, comment, db(), NOW)).toEqual({
      ok: false,
      errors: { body: "minutes:errors.comments_closed" },
    });

    // A numbered amendment starts from the approved text; the original stays as it was.
    expect(await startAmendment(secretariat, meeting, db(), NOW)).toEqual({
      ok: true,
      value: { number: 1 },
    });
    expect(await startAmendment(secretariat, meeting, db(), NOW)).toEqual({
      ok: false,
      errors: { form: "minutes:errors.amendment_open" },
    });
    const docs = await listMinutesDocs(meeting.id);
    expect(docs.map((d) => [d.number, d.status])).toEqual([
      [0, "approved"],
      [1, "draft"],
    ]);
    expect((await getLatestRevision(docs[1]!.id))!.content).toEqual(text.content);
  });

  it("keeps both texts when two people save the same version: the later save is refused", async () => {
    const id = await makeMeeting(boardId, [members[0]!.id], "2026-11-24");
    const m = (await getMeeting(id))!;
    await startMinutes(secretariat, m, db(), NOW);
    const [doc] = await listMinutesDocs(id);
    const a = await saveMinutes(secretariat, m, doc!, 1, items("Teksti i parë"), {}, db(), NOW);
    const b = await saveMinutes(secretariat, m, doc!, 1, items("Teksti i dytë"), {}, db(), NOW);
    expect(a).toEqual({ ok: true, version: 2 });
    expect(b).toMatchObject({ ok: false, reason: "conflict" });
    expect((await getLatestRevision(doc!.id))!.content.items[0]!.discussion).toBe("Teksti i parë");
    // A save that arrives while another save of the same version is still being written (on
    // PostgreSQL, another connection): it waits, then is told of the conflict, never an error
    // that loses the text.
    let release!: () => void;
    let reached!: () => void;
    const atHold = new Promise<void>((resolve) => (reached = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const text = (await getLatestRevision(doc!.id))!.content;
    const first = db()
      .transaction()
      .execute(async (trx) => {
        const saved = await insertRevision(doc!.id, 2, text, secretariat.id, trx, NOW);
        reached();
        await held;
        return saved;
      });
    await atHold;
    const second = saveMinutes(secretariat, m, doc!, 2, items("Teksti i katërt"), {}, db(), NOW);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect(await first).toEqual({ ok: true, version: 3 });
    expect(await second).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("saves and circulates as one unit: when the circulation's audit row fails, no revision, status or audit row stays and nobody is told", async () => {
    const id = await makeMeeting(
      boardId,
      members.map((u) => u.id),
      "2026-11-20",
    );
    const m = (await getMeeting(id))!;
    await startMinutes(secretariat, m, db(), NOW);
    const [draft] = await listMinutesDocs(id);
    const audits = () =>
      db()
        .selectFrom("audit_events")
        .select("action")
        .where("subject", "=", id)
        .where("action", "in", ["minutes_saved", "minutes_circulated"])
        .execute();
    const outbox = async () => (await db().selectFrom("outbox").select("id").execute()).length;
    const mailBefore = await outbox();

    const undo = await failAuditOf("minutes_circulated", db());
    try {
      await expect(
        saveAndCirculateMinutes(
          secretariat,
          m,
          draft!,
          1,
          items("Teksti"),
          "2026-12-04",
          db(),
          NOW,
        ),
      ).rejects.toThrow();
    } finally {
      await undo();
    }
    expect((await listRevisions(draft!.id)).map((r) => r.number)).toEqual([1]);
    expect((await listMinutesDocs(id))[0]).toMatchObject({
      status: "draft",
      commentDeadline: null,
    });
    expect(await audits()).toEqual([]);
    expect(await outbox()).toBe(mailBefore);

    // Without the fault both happen, and the members are told after the commit.
    expect(
      await saveAndCirculateMinutes(
        secretariat,
        m,
        draft!,
        1,
        items("Teksti"),
        "2026-12-04",
        db(),
        NOW,
      ),
    ).toEqual({ ok: true, version: 2 });
    expect((await listMinutesDocs(id))[0]).toMatchObject({
      status: "circulated",
      commentDeadline: "2026-12-04",
    });
    expect((await audits()).map((a) => a.action).sort()).toEqual([
      "minutes_circulated",
      "minutes_saved",
    ]);
    expect(await outbox()).toBeGreaterThan(mailBefore);

    // Already circulated (a second tab): refused, and the text is not saved either.
    const [circulated] = await listMinutesDocs(id);
    expect(
      await saveAndCirculateMinutes(
        secretariat,
        m,
        draft!,
        2,
        items("Tjetër"),
        "2026-12-05",
        db(),
        NOW,
      ),
    ).toEqual({ ok: false, reason: "invalid", errors: { form: "minutes:errors.not_draft" } });
    expect((await listRevisions(circulated!.id)).map((r) => r.number).sort()).toEqual([1, 2]);
    // A deadline that is not after today: a message on the field, nothing written.
    expect(
      await saveAndCirculateMinutes(
        secretariat,
        m,
        draft!,
        2,
        items("Tjetër"),
        "2026-11-30",
        db(),
        NOW,
      ),
    ).toEqual({
      ok: false,
      reason: "invalid",
      errors: { deadline: "minutes:errors.deadline_past" },
    });
  });

  it("refuses minutes before the meeting has taken place", async () => {
    const id = await makeMeeting(boardId, [members[0]!.id], "2026-12-20");
    const m = (await getMeeting(id))!;
    expect(await startMinutes(secretariat, m, db(), NOW)).toEqual({
      ok: false,
      errors: { form: "minutes:errors.not_held" },
    });
  });

  it("refuses a comment after the deadline, with a message", async () => {
    const { m, doc } = await circulatedMinutes("2026-11-25");
    const comment = CommentSchema.parse({ kind: "comment", body: "Vonë" });
    expect(await commentOnMinutes(members[1]!, m, doc, comment, db(), later(2))).toEqual({
      ok: true,
    });
    expect(await commentOnMinutes(members[1]!, m, doc, comment, db(), later(3))).toEqual({
      ok: false,
      errors: { body: "minutes:errors.comments_closed" },
    });
  });

  it("lets an acting chair approve only when the chair was absent, and approval at a later meeting", async () => {
    const { id, m, doc: circulated } = await circulatedMinutes("2026-11-26");
    let doc: typeof circulated | undefined = circulated;
    // The chair's attendance was not recorded at this meeting: the chair counts as absent.
    expect(await chooseActingChair(secretariat, m, doc!, members[0]!.id, db(), NOW)).toEqual({
      ok: false,
      errors: { actingChairId: "minutes:errors.not_member" },
    });
    expect(await chooseActingChair(secretariat, m, doc!, members[2]!.id, db(), NOW)).toEqual({
      ok: true,
    });
    [doc] = await listMinutesDocs(id);
    const acting = await approveMinutes(
      members[2]!,
      m,
      doc!,
      { approvalKind: "acting_chair", approvalMeetingId: "" },
      { isChair: false, isSecretariat: false },
      db(),
      later(3),
    );
    expect(acting.ok).toBe(true);

    // Another meeting's minutes approved by decision at a later meeting (recorded there).
    const { id: old, m: o, doc: oldCirculated } = await circulatedMinutes("2026-11-02");
    let oldDoc: typeof oldCirculated | undefined = oldCirculated;
    const wrong = await approveMinutes(
      secretariat,
      o,
      oldDoc!,
      { approvalKind: "meeting", approvalMeetingId: old },
      { isChair: false, isSecretariat: true },
      db(),
      later(3),
    );
    expect(wrong).toEqual({
      ok: false,
      errors: { approvalKind: "minutes:errors.meeting_not_later" },
    });
    const atMeeting = await approveMinutes(
      secretariat,
      o,
      oldDoc!,
      { approvalKind: "meeting", approvalMeetingId: id },
      { isChair: false, isSecretariat: true },
      db(),
      later(3),
    );
    expect(atMeeting.ok).toBe(true);
    [oldDoc] = await listMinutesDocs(old);
    expect(oldDoc!.approvalMeetingId).toBe(id);
  });
});
