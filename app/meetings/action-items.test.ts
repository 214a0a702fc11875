import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import {
  actionItemReminderDays,
  assignActionItem,
  changeActionItem,
  remindActionItemOwners,
} from "./action-items.commands.server";
import { AssignActionItemSchema } from "./action-items.schemas";
import {
  listActionItemsForMeeting,
  listActionItemsForOwner,
  listOpenActionItemsBefore,
  listOpenActionItemsToFollow,
} from "./action-items.server";
import { makeChair, scheduleTestMeeting } from "./meeting-test-helpers";
import type { Meeting } from "./meetings.server";
import { startMinutes } from "./minutes.commands.server";
import { listMinutesDocs, setActingChair } from "./minutes.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// Monday 30.11.2026 in Tirana: meetings on Monday 14.12.2026 and Monday 11.01.2027.
const NOW = new Date("2026-11-30T11:00:00Z");
const MEETING_DAY = new Date("2026-12-14T15:00:00Z");

const schedule = (secretariat: StaffUser, boardId: string, date: string, ids: string[]) =>
  scheduleTestMeeting(secretariat, boardId, date, ids, db(), NOW);

const outboxCount = async (email: string) =>
  (await db().selectFrom("outbox").select("id").where("recipient", "=", email).execute()).length;

describe("action items of a board meeting", () => {
  let secretariat: StaffUser;
  let chair: StaffUser;
  let member: StaffUser;
  let other: StaffUser;
  let boardId: string;
  let meeting: Meeting;
  let next: Meeting;

  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db(), "Tasks board");
    boardId = made.board.id;
    chair = made.members[0]!.user;
    member = made.members[1]!.user;
    other = made.members[2]!.user;
    await makeChair(boardId, made.members[0]!.membershipId, db());
    const ids = made.members.map((m) => m.user.id);
    meeting = await schedule(secretariat, boardId, "2026-12-14", ids);
    next = await schedule(secretariat, boardId, "2027-01-11", ids);
  });

  const task = (extra: Partial<Record<string, string>> = {}) =>
    AssignActionItemSchema.parse({
      agendaItemId: meeting.agenda[1]!.id,
      task: "Ndani planin e punës me shërbimet",
      ownerId: member.id,
      dueOn: "2026-12-31",
      ...extra,
    });

  it("lets the chair and the secretariat assign tasks from the meeting's day, and no one else", async () => {
    expect(await assignActionItem(chair, meeting, task(), db(), NOW)).toEqual({
      ok: false,
      errors: { form: "meetings:errors.action_too_early" },
    });
    expect(await assignActionItem(other, meeting, task(), db(), MEETING_DAY)).toEqual({
      ok: false,
      errors: { form: "meetings:errors.action_not_allowed" },
    });
    const byChair = await assignActionItem(chair, meeting, task(), db(), MEETING_DAY);
    expect(byChair.ok).toBe(true);
    const bySecretariat = await assignActionItem(
      secretariat,
      meeting,
      task({
        agendaItemId: meeting.agenda[0]!.id,
        task: "Dërgoni procesverbalin",
        ownerId: secretariat.id,
        dueOn: "2026-12-18",
      }),
      db(),
      MEETING_DAY,
    );
    expect(bySecretariat.ok).toBe(true);
    const items = await listActionItemsForMeeting(meeting.id, "2026-12-14");
    // In agenda order, each under its item, owners by name, all open.
    expect(items.map((i) => [i.agendaItemNumber, i.task, i.ownerName, i.dueDay, i.status])).toEqual(
      [
        [1, "Dërgoni procesverbalin", "Secretariat", "18.12.2026", "open"],
        [2, "Ndani planin e punës me shërbimet", "Member 1", "31.12.2026", "open"],
      ],
    );
    expect(items.every((i) => !i.overdue)).toBe(true);
  });

  it("refuses a task with an agenda item of another meeting, an owner outside the board, or a past due date, and writes nothing", async () => {
    const before = await listActionItemsForMeeting(meeting.id);
    const outsider = await makeSecretariat(db());
    await db()
      .updateTable("user_roles")
      .set({ role: "reviewer" })
      .where("user_id", "=", outsider.id)
      .execute();
    const refused = await assignActionItem(
      chair,
      meeting,
      task({ agendaItemId: next.agenda[0]!.id, ownerId: outsider.id, dueOn: "2026-12-13" }),
      db(),
      MEETING_DAY,
    );
    expect(refused).toEqual({
      ok: false,
      errors: {
        agendaItemId: "meetings:errors.action_agenda_item_required",
        ownerId: "meetings:errors.action_owner_required",
        dueOn: "meetings:errors.action_due_past",
      },
    });
    expect(await listActionItemsForMeeting(meeting.id)).toEqual(before);
    const empty = AssignActionItemSchema.safeParse({
      agendaItemId: "",
      task: " ",
      ownerId: "",
      dueOn: "31.12.2026",
    });
    expect(empty.success).toBe(false);
  });

  it("lets the owner mark a task done and open again, or decline it without a reason; only the chair or the secretariat drop it or give it to someone else", async () => {
    const [, item] = await listActionItemsForMeeting(meeting.id);
    const change = (status: "open" | "done" | "dropped") =>
      ({ change: "status", itemId: item!.id, status }) as const;
    // Another member may not touch it, and the owner may not drop it.
    expect((await changeActionItem(other, change("done"), null, db(), MEETING_DAY)).ok).toBe(false);
    expect((await changeActionItem(member, change("dropped"), null, db(), MEETING_DAY)).ok).toBe(
      false,
    );
    // Not from another meeting's page.
    expect((await changeActionItem(member, change("done"), next.id, db(), MEETING_DAY)).ok).toBe(
      false,
    );
    expect((await changeActionItem(member, change("done"), meeting.id, db(), MEETING_DAY)).ok).toBe(
      true,
    );
    expect((await listActionItemsForOwner(member.id))[0]!.status).toBe("done");
    expect((await changeActionItem(member, change("open"), null, db(), MEETING_DAY)).ok).toBe(true);

    // Declining needs no reason and leaves the task without owner, flagged for the chair.
    const declined = await changeActionItem(
      member,
      { change: "decline", itemId: item!.id },
      null,
      db(),
      MEETING_DAY,
    );
    expect(declined.ok).toBe(true);
    expect(await listActionItemsForOwner(member.id)).toEqual([]);
    const after = (await listActionItemsForMeeting(meeting.id)).find((i) => i.id === item!.id)!;
    expect(after).toMatchObject({ ownerId: null, ownerName: null, declined: true, status: "open" });
    // The declined owner can no longer change it.
    expect((await changeActionItem(member, change("done"), null, db(), MEETING_DAY)).ok).toBe(
      false,
    );

    // The chair gives it to another member, who cannot be someone outside the board.
    expect(
      await changeActionItem(
        chair,
        { change: "owner", itemId: item!.id, ownerId: randomUUID() },
        null,
        db(),
        MEETING_DAY,
      ),
    ).toEqual({ ok: false, errors: { ownerId: "meetings:errors.action_owner_required" } });
    expect(
      (
        await changeActionItem(
          chair,
          { change: "owner", itemId: item!.id, ownerId: other.id },
          null,
          db(),
          MEETING_DAY,
        )
      ).ok,
    ).toBe(true);
    expect((await listActionItemsForOwner(other.id)).map((i) => i.task)).toEqual([
      "Ndani planin e punës me shërbimet",
    ]);
    // The audit records the decline, never a reason (none is asked).
    const audit = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("subject", "=", item!.id)
      .where("action", "=", "action_item_declined")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("marks open tasks past their due date as overdue for those who follow them, and lists them in the next meeting's briefing", async () => {
    const later = "2027-01-05";
    const items = await listActionItemsForMeeting(meeting.id, later);
    expect(items.filter((i) => i.overdue).map((i) => i.task)).toEqual([
      "Dërgoni procesverbalin",
      "Ndani planin e punës me shërbimet",
    ]);
    // Done tasks are never overdue and leave the next briefing.
    const sent = items.find((i) => i.task === "Dërgoni procesverbalin")!;
    await changeActionItem(
      secretariat,
      { change: "status", itemId: sent.id, status: "done" },
      null,
      db(),
      MEETING_DAY,
    );
    const briefing = await listOpenActionItemsBefore(boardId, next.startsAt, later);
    expect(briefing.map((i) => [i.task, i.overdue])).toEqual([
      ["Ndani planin e punës me shërbimet", true],
    ]);
    // The meeting's own tasks are not "earlier" tasks of itself.
    expect(await listOpenActionItemsBefore(boardId, meeting.startsAt, later)).toEqual([]);
    // The chair follows their board; another board's chair list would be empty.
    expect((await listOpenActionItemsToFollow([boardId], later)).map((i) => i.task)).toEqual([
      "Ndani planin e punës me shërbimet",
    ]);
    expect(await listOpenActionItemsToFollow([], later)).toEqual([]);
  });

  it("reminds an owner once before the due date and once when it has passed, neutrally, never for a closed task", async () => {
    expect(actionItemReminderDays({})).toBe(3);
    expect(actionItemReminderDays({ ACTION_ITEM_REMINDER_DAYS: "7" })).toBe(7);
    expect(actionItemReminderDays({ ACTION_ITEM_REMINDER_DAYS: "0" })).toBe(3);
    const owner = other;
    const closed = await assignActionItem(
      chair,
      meeting,
      task({ ownerId: owner.id, dueOn: "2026-12-30", task: "E mbyllur" }),
      db(),
      MEETING_DAY,
    );
    if (!closed.ok) throw new Error("not assigned");
    await changeActionItem(
      chair,
      { change: "status", itemId: closed.value.itemId, status: "dropped" },
      null,
      db(),
      MEETING_DAY,
    );
    const before = await outboxCount(owner.email);
    // The open task is due 31.12.2026: nothing a week ahead with 3 days.
    expect(await remindActionItemOwners(db(), new Date("2026-12-24T09:00:00Z"), 3)).toBe(0);
    expect(await remindActionItemOwners(db(), new Date("2026-12-28T09:00:00Z"), 3)).toBe(1);
    expect(await remindActionItemOwners(db(), new Date("2026-12-29T09:00:00Z"), 3)).toBe(0);
    expect(await outboxCount(owner.email)).toBe(before + 1);
    // After the due date: one more, once.
    expect(await remindActionItemOwners(db(), new Date("2027-01-02T09:00:00Z"), 3)).toBe(1);
    expect(await remindActionItemOwners(db(), new Date("2027-01-03T09:00:00Z"), 3)).toBe(0);
    const mail = await db()
      .selectFrom("outbox")
      .select(["subject"])
      .where("recipient", "=", owner.email)
      .orderBy("created_at", "desc")
      .execute();
    expect(mail).toHaveLength(before + 2);
    // Neutral: the subject names nothing (the owner chose no language: Albanian).
    expect(mail[0]!.subject).toBe("Informacion");
  });

  it("lets the acting chair the members chose for a meeting assign and manage that meeting's tasks, and no other's", async () => {
    const ids = [chair.id, member.id, other.id];
    const held = await schedule(secretariat, boardId, "2026-12-21", ids);
    const after = new Date("2026-12-21T15:00:00Z");
    const give = () =>
      assignActionItem(
        other,
        held,
        task({ agendaItemId: held.agenda[0]!.id, task: "Ftoni ekspertin", ownerId: member.id }),
        db(),
        after,
      );
    expect(await give()).toEqual({
      ok: false,
      errors: { form: "meetings:errors.action_not_allowed" },
    });
    await startMinutes(secretariat, held, db(), after);
    const [doc] = await listMinutesDocs(held.id);
    await setActingChair(doc!.id, other.id, db());
    const given = await give();
    expect(given.ok).toBe(true);
    const itemId = given.ok ? given.value.itemId : "";
    expect(
      await changeActionItem(
        other,
        { change: "status", itemId, status: "dropped" },
        held.id,
        db(),
        after,
      ),
    ).toEqual({ ok: true, value: { meetingId: held.id } });
    // Acting chair of that meeting only: another meeting's tasks stay the chair's.
    expect(
      await assignActionItem(
        other,
        next,
        task({ agendaItemId: next.agenda[0]!.id }),
        db(),
        new Date("2027-01-11T15:00:00Z"),
      ),
    ).toEqual({ ok: false, errors: { form: "meetings:errors.action_not_allowed" } });
  });
});
