import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { parseScoreSheet, type ScoreSheet } from "./assessment-form";
import {
  getAssessment,
  insertAssessment,
  insertRevision,
  HISTORY_PAGE_SIZE,
  listProgrammeHistory,
  listProgrammeHistoryPage,
  listRevisions,
  saveAssessment,
} from "./assessments.server";
import { allItems } from "./instrument";
import {
  addMember,
  canAccessOrganisation,
  getOrganisation,
  getProgramme,
  getOrganisationForUser,
  getProgrammeForUser,
  insertOrganisation,
  insertProgramme,
  removeMember,
} from "./organisations.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { Role } from "../auth/permissions";
import { insertUser, type StaffUser } from "../auth/users.server";

function sheetOf(score: 0 | 1 | 2): ScoreSheet {
  const sheet: ScoreSheet = { scores: {}, notes: {} };
  for (const { itemId } of allItems()) {
    sheet.scores[itemId] = score;
    sheet.notes[itemId] = "";
  }
  return sheet;
}

describe("reading the scoring form", () => {
  it("takes 0, 1, 2 or nothing, and notes", () => {
    const form = new FormData();
    form.set("score:employment_opportunities", "2");
    form.set("score:leadership_positions", "");
    form.set("note:employment_opportunities", "Two survivor staff.");
    const { sheet, errors } = parseScoreSheet(form);
    expect(errors).toEqual({});
    expect(sheet.scores.employment_opportunities).toBe(2);
    expect(sheet.scores.leadership_positions).toBeNull();
    expect(sheet.notes.employment_opportunities).toBe("Two survivor staff.");
    expect(Object.keys(sheet.scores)).toHaveLength(15);
  });

  it("refuses other scores, unknown items and notes over 2,000 characters, keeping what was typed", () => {
    const form = new FormData();
    form.set("score:employment_opportunities", "3");
    form.set("score:not_an_item", "1");
    form.set("note:leadership_positions", "ë".repeat(2001));
    const { sheet, errors } = parseScoreSheet(form);
    expect(errors).toEqual({
      "score-employment_opportunities": "assessment:errors.score_invalid",
      form: "assessment:errors.unknown_item",
      "note-leadership_positions": "assessment:errors.note_too_long",
    });
    expect(sheet.notes.leadership_positions).toHaveLength(2001);
  });
});

describe("revisions and history", () => {
  let programmeId = "";
  beforeAll(async () => {
    await migrateIdentityStore();
    const organisationId = await insertOrganisation({ name: "Revision test", type: "ngo" });
    programmeId = await insertProgramme({ organisationId, name: "P", description: "" });
  });

  it("shows the latest completed revision in the history and keeps the earlier one", async () => {
    const first = await insertAssessment({
      programmeId,
      assessedOn: "2026-01-10",
      participants: "A",
      createdBy: null,
    });
    expect(
      await saveAssessment(first, 1, {
        assessedOn: "2026-01-10",
        participants: "A",
        sheet: sheetOf(1),
        complete: true,
      }),
    ).toEqual({ ok: true, version: 2 });
    const second = await insertAssessment({
      programmeId,
      assessedOn: "2026-06-10",
      participants: "A",
      createdBy: null,
    });
    await saveAssessment(second, 1, {
      assessedOn: "2026-06-10",
      participants: "A",
      sheet: sheetOf(2),
      complete: true,
    });

    const revisionId = await insertRevision((await getAssessment(first))!, null);
    const draft = (await getAssessment(revisionId))!;
    expect(draft.status).toBe("draft");
    expect(draft.sheet.scores.employment_opportunities).toBe(1);
    // While the revision is a draft, the history still shows the original.
    expect(
      (await listProgrammeHistory(programmeId))
        .filter((e) => e.status === "completed")
        .map((e) => e.id),
    ).toEqual([first, second]);

    await saveAssessment(revisionId, 1, {
      assessedOn: "2026-01-10",
      participants: "A",
      sheet: sheetOf(0),
      complete: true,
    });
    const history = (await listProgrammeHistory(programmeId)).filter(
      (e) => e.status === "completed",
    );
    expect(history.map((e) => e.id)).toEqual([revisionId, second]);
    expect(history[1]!.change?.total).toBe(30);
    expect((await listRevisions(revisionId)).map((r) => [r.id, r.number])).toEqual([
      [first, 1],
      [revisionId, 2],
    ]);
    expect(await getAssessment(first)).not.toBeNull();
  });

  it("refuses to save a completed assessment and tells a second saver of a draft", async () => {
    const id = await insertAssessment({
      programmeId,
      assessedOn: "2026-07-01",
      participants: "A",
      createdBy: null,
    });
    const input = {
      assessedOn: "2026-07-01",
      participants: "A",
      sheet: sheetOf(1),
      complete: false,
    };
    expect(await saveAssessment(id, 1, input)).toEqual({ ok: true, version: 2 });
    expect(await saveAssessment(id, 1, input)).toEqual({ ok: false, reason: "conflict" });
    await saveAssessment(id, 2, { ...input, complete: true });
    expect(await saveAssessment(id, 3, input)).toEqual({ ok: false, reason: "completed" });
  });
});

describe("a long history, a page at a time", () => {
  let programmeId = "";
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i * 7)).toISOString().slice(0, 10);
  beforeAll(async () => {
    await migrateIdentityStore();
    const organisationId = await insertOrganisation({ name: "NGO Paged", type: "ngo" });
    programmeId = await insertProgramme({ organisationId, name: "Weekly", description: "" });
    // 105 assessments a week apart: scores cycle 0, 1, 2, every tenth is left a draft.
    for (let i = 0; i < 105; i++) {
      const id = await insertAssessment({
        programmeId,
        assessedOn: day(i),
        participants: "Team",
        createdBy: null,
      });
      await saveAssessment(id, 1, {
        assessedOn: day(i),
        participants: "Team",
        sheet: sheetOf((i % 3) as 0 | 1 | 2),
        complete: i % 10 !== 9,
      });
    }
  }, 120_000);

  it("gives the newest assessments first, each page oldest first, and the pages together are the whole history", async () => {
    const whole = await listProgrammeHistory(programmeId);
    expect(whole).toHaveLength(105);
    const first = await listProgrammeHistoryPage(programmeId, 1);
    expect([first.page, first.pageCount, first.total]).toEqual([1, 3, 105]);
    expect(first.entries).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.entries.at(-1)!.assessedOn).toBe(day(104));
    const third = await listProgrammeHistoryPage(programmeId, 3);
    expect(third.entries.map((e) => e.assessedOn)).toEqual(
      Array.from({ length: 5 }, (_, i) => day(i)),
    );
    const second = await listProgrammeHistoryPage(programmeId, 2);
    // The same entries, changes included: a page's first change is counted from the completed
    // assessment on the page before it.
    expect([...third.entries, ...second.entries, ...first.entries]).toEqual(whole);
    expect(second.entries[0]!.change?.total).not.toBeNull();
  });

  it("charts the latest twelve completed assessments on every page", async () => {
    const completed = (await listProgrammeHistory(programmeId)).filter(
      (e) => e.status === "completed",
    );
    const expected = completed.slice(-12).map((e) => [e.assessedOn, e.result.total]);
    for (const page of [1, 3]) {
      const { latestCompleted } = await listProgrammeHistoryPage(programmeId, page);
      expect(latestCompleted.map((e) => [e.assessedOn, e.total])).toEqual(expected);
    }
  });

  it("answers a page out of range, or not a number, with the nearest page", async () => {
    expect((await listProgrammeHistoryPage(programmeId, 99)).page).toBe(3);
    expect((await listProgrammeHistoryPage(programmeId, 0)).page).toBe(1);
    expect((await listProgrammeHistoryPage(programmeId, Number("two"))).page).toBe(1);
    const none = await insertProgramme({
      organisationId: await insertOrganisation({ name: "NGO Empty", type: "ngo" }),
      name: "New",
      description: "",
    });
    expect(await listProgrammeHistoryPage(none, 2)).toEqual({
      entries: [],
      page: 1,
      pageCount: 1,
      total: 0,
      latestCompleted: [],
    });
  });
});

describe("a programme with its organisation and the reader's access, in one query", () => {
  /** A staff account with these roles, named uniquely for this run. */
  const userOf = async (name: string, roles: Role[]): Promise<StaffUser> => {
    const email = `${name}-${randomUUID()}@example.org`;
    const id = await insertUser(
      { email, displayName: name, passwordHash: null, roles },
      getIdentityDb(),
    );
    return { id, email, displayName: name, status: "active", roles };
  };

  it("gives access to a member and an admin only, reading the membership each time", async () => {
    await migrateIdentityStore();
    const organisationId = await insertOrganisation({ name: "Access test", type: "ngo" });
    const programmeId = await insertProgramme({
      organisationId,
      name: "Shelter",
      description: "",
    });
    const member = await userOf("member", ["coordinator"]);
    const stranger = await userOf("stranger", ["coordinator"]);
    const admin = await userOf("admin", ["admin"]);
    await addMember(organisationId, member.id);

    const forMember = await getProgrammeForUser(programmeId, member);
    expect(forMember).toEqual({
      programme: await getProgramme(programmeId),
      organisation: await getOrganisation(organisationId),
      canAccess: true,
    });
    expect((await getProgrammeForUser(programmeId, stranger))?.canAccess).toBe(false);
    expect((await getProgrammeForUser(programmeId, admin))?.canAccess).toBe(true);
    expect(await getProgrammeForUser(randomUUID(), admin)).toBeNull();
    // Agrees with the separate check, and a removed member loses access on the next call.
    expect(await canAccessOrganisation(member, organisationId)).toBe(true);
    await removeMember(organisationId, member.id);
    expect((await getProgrammeForUser(programmeId, member))?.canAccess).toBe(false);
    expect(await canAccessOrganisation(member, organisationId)).toBe(false);
  });

  it("reads an organisation with the reader's access (a campaign's page) the same way", async () => {
    await migrateIdentityStore();
    const organisationId = await insertOrganisation({ name: "Campaign owner", type: "ngo" });
    const member = await userOf("member", ["coordinator"]);
    const stranger = await userOf("stranger", ["coordinator"]);
    const admin = await userOf("admin", ["admin"]);
    await addMember(organisationId, member.id);
    const organisation = await getOrganisation(organisationId);
    expect(await getOrganisationForUser(organisationId, member)).toEqual({
      organisation,
      canAccess: true,
    });
    expect(await getOrganisationForUser(organisationId, stranger)).toEqual({
      organisation,
      canAccess: false,
    });
    expect((await getOrganisationForUser(organisationId, admin))?.canAccess).toBe(true);
    expect(await getOrganisationForUser(randomUUID(), admin)).toBeNull();
    await removeMember(organisationId, member.id);
    expect((await getOrganisationForUser(organisationId, member))?.canAccess).toBe(false);
  });
});
