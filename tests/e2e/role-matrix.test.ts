import fs from "node:fs";
import path from "node:path";

import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import { apiSignIn, DEMO, LONE_COORDINATOR, OTHER_COORDINATOR } from "./helpers";

type Role = keyof typeof DEMO;
/** Made by accounts.setup.ts: a guest invited here to the demo's coming meeting, and a board
 * member who never signs the confidentiality declaration. */
const GUEST = "guest-matrix@test.example";
const UNSIGNED_MEMBER = "unsigned-member@test.example";
const ALL: Role[] = ["admin", "coordinator", "secretariat", "reviewer", "board_member"];

/**
 * Every staff route, who may open it, and a concrete URL to try. A route file under
 * app/routes/($lang).staff.* that is missing here fails the first test.
 */
const STAFF_ROUTES: {
  file: string;
  url: string;
  method: "GET" | "POST";
  allowed: Role[] | "anyone";
  /** The status for an allowed role when it is not 200. */
  allowedStatus?: number;
}[] = [
  { file: "($lang).staff._index.tsx", url: "/staff", method: "GET", allowed: ALL },
  { file: "($lang).staff.account.tsx", url: "/staff/account", method: "GET", allowed: ALL },
  {
    file: "($lang).staff.admin.users.tsx",
    url: "/staff/admin/users",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.admin.audit.tsx",
    url: "/staff/admin/audit",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.admin.outbox._index.tsx",
    url: "/staff/admin/outbox",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.admin.outbox.$id.tsx",
    url: "/staff/admin/outbox/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["admin"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.admin.closed-days.tsx",
    url: "/staff/admin/closed-days",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.declaration.tsx",
    url: "/staff/declaration",
    method: "GET",
    allowed: ["admin", "secretariat", "board_member"],
  },
  // A version the person has not signed is not theirs to print: 404 even when allowed.
  {
    file: "($lang).staff.declaration_.$version.tsx",
    url: "/staff/declaration/999",
    method: "GET",
    allowed: ["admin", "secretariat", "board_member"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.admin.declaration.tsx",
    url: "/staff/admin/declaration",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.account_.two-factor.tsx",
    url: "/staff/account/two-factor",
    method: "GET",
    allowed: ALL,
  },
  { file: "($lang).staff.sign-in.tsx", url: "/staff/sign-in", method: "GET", allowed: "anyone" },
  // The second step of sign-in: without a live challenge (its own cookie) the code page sends
  // back to the password (tests/e2e/two-factor.test.ts walks both with one).
  {
    file: "($lang).staff.sign-in_.code.tsx",
    url: "/staff/sign-in/code",
    method: "GET",
    allowed: "anyone",
    allowedStatus: 302,
  },
  {
    file: "($lang).staff.sign-in_.enrol.tsx",
    url: "/staff/sign-in/enrol",
    method: "GET",
    allowed: "anyone",
  },
  {
    file: "($lang).staff.forgot-password.tsx",
    url: "/staff/forgot-password",
    method: "GET",
    allowed: "anyone",
  },
  {
    file: "($lang).staff.reset-password.$token.tsx",
    url: "/staff/reset-password/unknown-token",
    method: "GET",
    allowed: "anyone",
  },
  { file: "($lang).staff.sign-out.tsx", url: "/staff/sign-out", method: "POST", allowed: "anyone" },
  // "Stay signed in": a GET goes home (302) for everyone signed in; the POST needs the CSRF token.
  {
    file: "($lang).staff.session.tsx",
    url: "/staff/session",
    method: "GET",
    allowed: ALL,
    allowedStatus: 302,
  },
  {
    file: "($lang).staff.invitations.$token.tsx",
    url: "/staff/invitations/unknown-token",
    method: "GET",
    allowed: "anyone",
  },
  { file: "($lang).staff.tsx", url: "/staff", method: "GET", allowed: ALL },
  {
    file: "($lang).staff.feedback._index.tsx",
    url: "/staff/feedback",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.new.tsx",
    url: "/staff/feedback/new",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.$id._index.tsx",
    url: "/staff/feedback/{campaign}",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.$id.edit.tsx",
    url: "/staff/feedback/{campaign}/edit",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.$id.results.tsx",
    url: "/staff/feedback/{campaign}/results",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.$id.free-text.tsx",
    url: "/staff/feedback/{campaign}/free-text",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.feedback.$id.export.tsx",
    url: "/staff/feedback/{campaign}/export?kind=aggregates",
    method: "GET",
    allowed: ["admin", "coordinator"],
    allowedStatus: 409,
  },
  {
    file: "($lang).staff.feedback.$id.codes.tsx",
    url: "/staff/feedback/{campaign}/codes",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.organisations._index.tsx",
    url: "/staff/organisations",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.organisations.$orgId.tsx",
    url: "/staff/organisations/{organisation}",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.programmes.$programmeId.tsx",
    url: "/staff/programmes/{programme}",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.programmes.$programmeId.export.tsx",
    url: "/staff/programmes/{programme}/export",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.assessments.$id.tsx",
    url: "/staff/assessments/{assessment}",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.assessments.$id.export.tsx",
    url: "/staff/assessments/{assessment}/export",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.organisations.$orgId_.practices.tsx",
    url: "/staff/organisations/{organisation}/practices",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.practices.$id.tsx",
    url: "/staff/practices/{practice}",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.assessments.$id_.mine.tsx",
    url: "/staff/assessments/{draft}/mine",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.assessments.$id_.compare.tsx",
    url: "/staff/assessments/{assessment}/compare",
    method: "GET",
    allowed: ["admin", "coordinator"],
  },
  {
    file: "($lang).staff.membership.tsx",
    url: "/staff/membership",
    method: "GET",
    allowed: ["secretariat", "board_member"],
  },
  // The members list with contacts: the secretariat and the board's chair (the demo chair is
  // not the demo board-member account, so that account is refused).
  {
    file: "($lang).staff.board.$boardId_.members.tsx",
    url: "/staff/board/{board}/members",
    method: "GET",
    allowed: ["secretariat"],
  },
  // A member's personal data (decision 035): the secretariat for the board's members, and each
  // member for their own membership (an unknown membership is 404 for those allowed).
  {
    file: "($lang).staff.board.$boardId_.members_.$membershipId.tsx",
    url: "/staff/board/{board}/members/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["secretariat"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.board.$boardId_.members_.$membershipId.export.tsx",
    url: "/staff/board/{board}/members/00000000-0000-4000-8000-000000000000/export",
    method: "GET",
    allowed: ["secretariat"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.membership_.$membershipId.export.tsx",
    url: "/staff/membership/00000000-0000-4000-8000-000000000000/export",
    method: "GET",
    allowed: ["secretariat", "board_member"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.board.$boardId_.elections.tsx",
    url: "/staff/board/{board}/elections",
    method: "GET",
    allowed: ["secretariat"],
  },
  // A ballot page: members of the board who are voters in the round.
  {
    file: "($lang).staff.board.$boardId_.elections_.$electionId.tsx",
    url: "/staff/board/{ballot}",
    method: "GET",
    allowed: ["board_member"],
  },
  {
    file: "($lang).staff.admin.applicants._index.tsx",
    url: "/staff/admin/applicants",
    method: "GET",
    allowed: ["admin"],
  },
  {
    file: "($lang).staff.admin.applicants.$id.tsx",
    url: "/staff/admin/applicants/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["admin"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.admin.applicants.$id.export.tsx",
    url: "/staff/admin/applicants/00000000-0000-4000-8000-000000000000/export",
    method: "GET",
    allowed: ["admin"],
    allowedStatus: 404,
  },
  // A board member's data for an admin answering the person's request (decision 035).
  {
    file: "($lang).staff.admin.members.$membershipId.tsx",
    url: "/staff/admin/members/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["admin"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.admin.members.$membershipId.export.tsx",
    url: "/staff/admin/members/00000000-0000-4000-8000-000000000000/export",
    method: "GET",
    allowed: ["admin"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.board._index.tsx",
    url: "/staff/board",
    method: "GET",
    allowed: ["admin", "secretariat"],
  },
  {
    file: "($lang).staff.board.$boardId._index.tsx",
    url: "/staff/board/{callBoard}",
    method: "GET",
    allowed: ["admin", "secretariat"],
  },
  {
    file: "($lang).staff.board.$boardId.calls.$callId.tsx",
    url: "/staff/board/{callBoard}/calls/{call}",
    method: "GET",
    allowed: ["admin", "secretariat"],
  },
  // Board meetings (app/meetings/): the secretariat and the board's current members, declaration
  // signed. The demo board member is a member of the demo board whose meeting is used here.
  {
    file: "($lang).staff.meetings._index.tsx",
    url: "/staff/meetings",
    method: "GET",
    allowed: ["secretariat", "board_member"],
  },
  {
    file: "($lang).staff.meetings.$meetingId.tsx",
    url: "/staff/meetings/{meeting}",
    method: "GET",
    allowed: ["secretariat", "board_member"],
  },
  // The calendar file exists only for an invitee who opted in: 404 for both allowed roles here.
  {
    file: "($lang).staff.meetings.$meetingId_.calendar.tsx",
    url: "/staff/meetings/{meeting}/calendar",
    method: "GET",
    allowed: ["secretariat", "board_member"],
    allowedStatus: 404,
  },
  // Changing or cancelling a meeting (decision 037): the secretariat only.
  {
    file: "($lang).staff.meetings.$meetingId_.change.tsx",
    url: "/staff/meetings/{meeting}/change",
    method: "GET",
    allowed: ["secretariat"],
  },
  // Minutes (app/meetings/minutes*): as the meeting. {meeting} is the coming meeting: its
  // minutes page says they cannot be written yet; print, export and compare have nothing (404).
  {
    file: "($lang).staff.meetings.$meetingId_.minutes.tsx",
    url: "/staff/meetings/{meeting}/minutes",
    method: "GET",
    allowed: ["secretariat", "board_member"],
  },
  {
    file: "($lang).staff.meetings.$meetingId_.minutes_.print.tsx",
    url: "/staff/meetings/{meeting}/minutes/print",
    method: "GET",
    allowed: ["secretariat", "board_member"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.meetings.$meetingId_.minutes_.export.tsx",
    url: "/staff/meetings/{meeting}/minutes/export",
    method: "GET",
    allowed: ["secretariat", "board_member"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.meetings.$meetingId_.minutes_.compare.tsx",
    url: "/staff/meetings/{meeting}/minutes/compare",
    method: "GET",
    allowed: ["secretariat", "board_member"],
    allowedStatus: 404,
  },
  // Starting an amendment: the secretariat only.
  {
    file: "($lang).staff.meetings.$meetingId_.minutes_.amendment.tsx",
    url: "/staff/meetings/{meeting}/minutes/amendment",
    method: "GET",
    allowed: ["secretariat"],
  },
  // "My tasks": every role that sees meetings (their own tasks; the secretariat follows all).
  {
    file: "($lang).staff.meetings.tasks.tsx",
    url: "/staff/meetings/tasks",
    method: "GET",
    allowed: ["secretariat", "board_member"],
  },
  {
    file: "($lang).staff.board.$boardId_.meetings.tsx",
    url: "/staff/board/{board}/meetings",
    method: "GET",
    allowed: ["secretariat"],
  },
  // Review and selection (issue 15): the secretariat's pages of a call.
  {
    file: "($lang).staff.board.$boardId.calls.$callId_.review.tsx",
    url: "/staff/board/{callBoard}/calls/{call}/review",
    method: "GET",
    allowed: ["secretariat"],
  },
  {
    file: "($lang).staff.board.$boardId.calls.$callId_.redact.$applicationId.tsx",
    url: "/staff/board/{callBoard}/calls/{call}/redact/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["secretariat"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.board.$boardId.calls.$callId_.scores.tsx",
    url: "/staff/board/{callBoard}/calls/{call}/scores",
    method: "GET",
    allowed: ["secretariat"],
  },
  {
    file: "($lang).staff.board.$boardId.calls.$callId_.shortlist.tsx",
    url: "/staff/board/{callBoard}/calls/{call}/shortlist",
    method: "GET",
    allowed: ["secretariat"],
  },
  {
    file: "($lang).staff.board.$boardId.calls.$callId_.selection.tsx",
    url: "/staff/board/{callBoard}/calls/{call}/selection",
    method: "GET",
    allowed: ["secretariat"],
  },
  // The reviewer's pages: the demo reviewer is assigned to the demo call (its names list is
  // always open); a call they are not assigned to is 404 even for a reviewer.
  {
    file: "($lang).staff.review._index.tsx",
    url: "/staff/review",
    method: "GET",
    allowed: ["reviewer"],
  },
  {
    file: "($lang).staff.review.$callId.recusal.tsx",
    url: "/staff/review/{call}/recusal",
    method: "GET",
    allowed: ["reviewer"],
  },
  {
    file: "($lang).staff.review.$callId._index.tsx",
    url: "/staff/review/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["reviewer"],
    allowedStatus: 404,
  },
  {
    file: "($lang).staff.review.$callId.$applicationId.tsx",
    url: "/staff/review/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000",
    method: "GET",
    allowed: ["reviewer"],
    allowedStatus: 404,
  },
];

test("the role matrix lists every staff route in the code", () => {
  const routeFiles = fs
    .readdirSync(path.join(process.cwd(), "app/routes"))
    .filter((f) => f.startsWith("($lang).staff"));
  expect(routeFiles.sort()).toEqual(STAFF_ROUTES.map((route) => route.file).sort());
});

test.describe("Every staff route with every role", () => {
  const cookies = new Map<Role, string>();
  let campaignId = "";
  const ids = {
    campaign: "",
    organisation: "",
    programme: "",
    assessment: "",
    practice: "",
    draft: "",
    board: "",
    ballot: "",
    callBoard: "",
    call: "",
    meeting: "",
    otherMeeting: "",
  };
  const urlOf = (url: string) =>
    url.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) => ids[name]);
  test.beforeAll(async ({ playwright, baseURL }) => {
    for (const role of ALL) {
      cookies.set(role, await apiSignIn(playwright, baseURL, DEMO[role]));
      // Board pages answer 403 until the declaration in force is signed (its own test checks
      // that); here each role signs first, so 403 means the role, not the declaration.
      if (["admin", "secretariat", "board_member"].includes(role)) {
        const request = await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { Cookie: cookies.get(role)! },
        });
        await signCurrentDeclaration(request);
        await request.dispose();
      }
    }
    // The demo open-link campaign (no responses, so its export is refused with 409).
    const admin = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: cookies.get("admin")! },
    });
    const list = await (await admin.get("/en/staff/feedback")).text();
    campaignId =
      /href="\/en\/staff\/feedback\/([0-9a-f-]{36})">Feedback on the support you received \(demo\)/.exec(
        list,
      )?.[1] ?? "";
    expect(campaignId).not.toBe("");
    ids.campaign = campaignId;
    // The demo organisation, its programme and one of its assessments (the coordinator is a member).
    const organisations = await (await admin.get("/staff/organisations")).text();
    ids.organisation =
      /href="\/staff\/organisations\/([0-9a-f-]{36})"[^>]*>Demo NGO Tirana/.exec(
        organisations,
      )?.[1] ?? "";
    const organisation = await (await admin.get(`/staff/organisations/${ids.organisation}`)).text();
    ids.programme = /href="\/staff\/programmes\/([0-9a-f-]{36})"/.exec(organisation)?.[1] ?? "";
    const programme = await (await admin.get(`/staff/programmes/${ids.programme}`)).text();
    ids.assessment = /href="\/staff\/assessments\/([0-9a-f-]{36})"/.exec(programme)?.[1] ?? "";
    // A good practice of the demo organisation, described by the admin for this test.
    const practices = `/staff/organisations/${ids.organisation}/practices`;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await admin.get(practices)).text())?.[1];
    const created = await admin.post(practices, {
      form: {
        csrf: csrf ?? "",
        title: "Role matrix practice",
        description: "For the role matrix.",
      },
      maxRedirects: 0,
    });
    expect(created.status()).toBe(302);
    ids.practice =
      /\/staff\/practices\/([0-9a-f-]{36})$/.exec(created.headers()["location"] ?? "")?.[1] ?? "";
    // A draft assessment (own scores are only for drafts), started by the admin.
    const programmeCsrf = /name="csrf" value="([^"]+)"/.exec(programme)?.[1] ?? "";
    const started = await admin.post(`/staff/programmes/${ids.programme}`, {
      form: { csrf: programmeCsrf, assessedOn: "2026-11-23", participants: "Role matrix" },
      maxRedirects: 0,
    });
    ids.draft =
      /\/staff\/assessments\/([0-9a-f-]{36})$/.exec(started.headers()["location"] ?? "")?.[1] ?? "";
    // The demo board with members, and its finished chair election (board id/elections/id).
    const asSecretariat = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: cookies.get("secretariat")! },
    });
    ids.board =
      /href="\/en\/staff\/board\/([0-9a-f-]{36})\/members">Members of Demo advisory board \(Tirana\)/.exec(
        await (await asSecretariat.get("/en/staff/membership")).text(),
      )?.[1] ?? "";
    // A meeting of the demo board (app/meetings/demo-meetings.server.ts), and another one.
    const meetingIds = [
      ...(await (await asSecretariat.get(`/en/staff/board/${ids.board}/meetings`)).text()).matchAll(
        /href="\/en\/staff\/meetings\/([0-9a-f-]{36})"/g,
      ),
    ].map((match) => match[1]!);
    // {meeting} is a coming meeting that is not cancelled: the one whose page offers the guest
    // form (other files in the same shard add, change and cancel meetings of this board).
    let meetingPage = "";
    for (const id of meetingIds) {
      const page = await (await asSecretariat.get(`/en/staff/meetings/${id}`)).text();
      if (!page.includes('name="intent" value="guest"')) continue;
      ids.meeting = id;
      meetingPage = page;
      break;
    }
    ids.otherMeeting = meetingIds.find((id) => id !== ids.meeting) ?? "";
    // The guest is invited to the coming meeting by the secretariat's guest form.
    const invited = await asSecretariat.post(`/en/staff/meetings/${ids.meeting}`, {
      form: {
        csrf: /name="csrf" value="([^"]+)"/.exec(meetingPage)?.[1] ?? "",
        intent: "guest",
        guestName: "Matrix Guest",
        guestEmail: GUEST,
        guestLang: "en",
      },
      maxRedirects: 0,
    });
    expect(invited.status()).toBeLessThan(400);
    await asSecretariat.dispose();
    const asMember = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: cookies.get("board_member")! },
    });
    ids.ballot =
      /href="\/en\/staff\/board\/([0-9a-f-]{36}\/elections\/[0-9a-f-]{36})"/.exec(
        await (await asMember.get("/en/staff/membership")).text(),
      )?.[1] ?? "";
    await asMember.dispose();
    // The demo board with an open call (app/board/demo-board.server.ts).
    const boards = await (await admin.get("/en/staff/board")).text();
    // By its name: other test files in the same shard add boards, which may be listed first.
    ids.callBoard =
      /href="\/en\/staff\/board\/([0-9a-f-]{36})"[^>]*>Demo advisory board \(Tirana\)</.exec(
        boards,
      )?.[1] ?? "";
    const board = await (await admin.get(`/staff/board/${ids.callBoard}`)).text();
    ids.call =
      /href="\/staff\/board\/[0-9a-f-]{36}\/calls\/([0-9a-f-]{36})"/.exec(board)?.[1] ?? "";
    expect(Object.values(ids).every(Boolean)).toBe(true);
    await admin.dispose();
  });

  for (const route of STAFF_ROUTES.filter((r) => r.allowed !== "anyone" && r.method === "GET")) {
    test(`${route.file} (${route.url}): no session → sign-in`, async ({ playwright, baseURL }) => {
      const anonymous = await playwright.request.newContext({ baseURL });
      const response = await anonymous.get(urlOf(route.url), { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers()["location"]).toContain("/staff/sign-in?redirectTo=");
      await anonymous.dispose();
    });

    for (const role of ALL) {
      const allowed = (route.allowed as Role[]).includes(role);
      test(`${route.file} (${route.url}): ${role} → ${allowed ? "allowed" : "403"}`, async ({
        playwright,
        baseURL,
      }) => {
        const client = await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { Cookie: cookies.get(role)! },
        });
        const response = await client.get(urlOf(route.url), { maxRedirects: 0 });
        // "Allowed" means the guard let the request through: 200, or the route's own answer
        // (an unknown outbox message is 404; an export below k is 409).
        const expected = allowed ? (route.allowedStatus ?? 200) : 403;
        expect(response.status()).toBe(expected);
        await client.dispose();
      });
    }
  }

  // Guests (Art. 5 c; issue 16): an invited guest who signed the declaration sees the one
  // meeting they were invited to, its minutes and their tasks, and nothing else of the board.
  const GUEST_ROUTES: { url: string; status: number }[] = [
    { url: "/staff/meetings/{meeting}", status: 200 },
    { url: "/staff/meetings/{meeting}/minutes", status: 200 },
    { url: "/staff/meetings/tasks", status: 200 },
    { url: "/staff/meetings/{otherMeeting}", status: 403 },
    { url: "/staff/meetings/{otherMeeting}/minutes", status: 403 },
    { url: "/staff/meetings/{meeting}/change", status: 403 },
    { url: "/staff/meetings/{meeting}/minutes/amendment", status: 403 },
    { url: "/staff/board/{board}/meetings", status: 403 },
    { url: "/staff/board/{board}/members", status: 403 },
    { url: "/staff/membership", status: 403 },
  ];
  test("an invited guest: their meeting, its minutes and their tasks; no other meeting, no board list", async ({
    playwright,
    baseURL,
  }) => {
    const guest = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: await apiSignIn(playwright, baseURL, GUEST) },
    });
    await signCurrentDeclaration(guest, "Matrix Guest");
    const answers: string[] = [];
    for (const route of GUEST_ROUTES) {
      const response = await guest.get(urlOf(route.url), { maxRedirects: 0 });
      answers.push(`${route.url} ${response.status()}`);
    }
    expect(answers).toEqual(GUEST_ROUTES.map((route) => `${route.url} ${route.status}`));
    await guest.dispose();
  });

  // A board member who has not signed the declaration in force (Art. 13-14): 403 on every
  // board page; where the role would let them in, the 403 page says to sign the declaration
  // and links to it. Pages for the secretariat or the chair only stay a plain 403, and so do
  // the two downloads (the export and the calendar file have no page to explain).
  // "explained": 403 with the page that says why and links to the declaration; "refused": a
  // plain 403 (the role is refused first); a download sends the person to the declaration.
  const UNSIGNED_ROUTES: { url: string; answer: "explained" | "refused" | "to the declaration" }[] =
    [
      { url: "/staff/meetings", answer: "explained" },
      { url: "/staff/meetings/{meeting}", answer: "explained" },
      { url: "/staff/meetings/{meeting}/minutes", answer: "explained" },
      { url: "/staff/meetings/{meeting}/minutes/print", answer: "explained" },
      { url: "/staff/meetings/{meeting}/minutes/export", answer: "to the declaration" },
      { url: "/staff/meetings/{meeting}/minutes/compare", answer: "explained" },
      { url: "/staff/meetings/{meeting}/calendar", answer: "to the declaration" },
      { url: "/staff/meetings/tasks", answer: "explained" },
      { url: "/staff/meetings/{otherMeeting}/minutes/print", answer: "explained" },
      { url: "/staff/meetings/{meeting}/minutes/amendment", answer: "explained" },
      { url: "/staff/meetings/{meeting}/change", answer: "refused" },
      { url: "/staff/board/{board}/meetings", answer: "refused" },
      { url: "/staff/board/{board}/members", answer: "refused" },
    ];
  test("a board member who has not signed the declaration in force: 403 on every board page", async ({
    playwright,
    baseURL,
  }) => {
    const member = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: await apiSignIn(playwright, baseURL, UNSIGNED_MEMBER) },
    });
    const answers: string[] = [];
    for (const route of UNSIGNED_ROUTES) {
      const response = await member.get(`/en${urlOf(route.url)}`, { maxRedirects: 0 });
      const html = await response.text();
      const explains =
        html.includes("Sign the confidentiality declaration first") &&
        html.includes('href="/en/staff/declaration"');
      const answer =
        response.status() === 303 && response.headers().location === "/en/staff/declaration"
          ? "to the declaration"
          : response.status() === 403
            ? explains
              ? "explained"
              : "refused"
            : `status ${response.status()}`;
      answers.push(`${route.url} ${answer}`);
    }
    expect(answers).toEqual(UNSIGNED_ROUTES.map((route) => `${route.url} ${route.answer}`));
    // Their own pages stay open: the declaration to read and sign, and their account.
    expect((await member.get("/en/staff/declaration")).status()).toBe(200);
    await member.dispose();
  });

  // Campaigns belong to an organisation (issue 12 §10): a coordinator of another organisation,
  // or of none, may use the feedback area but gets 403 on the demo organisation's campaign.
  for (const [who, email] of [
    ["coordinator of another organisation", OTHER_COORDINATOR],
    ["coordinator of no organisation", LONE_COORDINATOR],
  ] as const) {
    for (const route of STAFF_ROUTES.filter((r) => r.file.includes(".staff.feedback"))) {
      const own = !route.url.includes("{campaign}");
      test(`${route.file} (${route.url}): ${who} → ${own ? "allowed, without the campaign" : "403"}`, async ({
        playwright,
        baseURL,
      }) => {
        const client = await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { Cookie: await apiSignIn(playwright, baseURL, email) },
        });
        const response = await client.get(urlOf(route.url), { maxRedirects: 0 });
        expect(response.status()).toBe(own ? 200 : 403);
        if (own) expect(await response.text()).not.toContain(ids.campaign);
        await client.dispose();
      });
    }
  }

  test("a coordinator of another organisation cannot make codes for, change or close the campaign", async ({
    playwright,
    baseURL,
  }) => {
    const client = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: await apiSignIn(playwright, baseURL, OTHER_COORDINATOR) },
    });
    const csrf =
      /name="csrf" value="([^"]+)"/.exec(
        await (await client.get("/staff/feedback/new")).text(),
      )?.[1] ?? "";
    for (const [path, form] of [
      ["codes", { csrf, count: "1" }],
      ["edit", { csrf, intent: "close" }],
      ["free-text", { csrf, decision: "exclude", id: "00000000-0000-4000-8000-000000000000" }],
    ] as const) {
      const response = await client.post(`/staff/feedback/${ids.campaign}/${path}`, {
        form,
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(403);
    }
    await client.dispose();
  });

  test("English URLs go through the same guard", async ({ playwright, baseURL }) => {
    const client = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: cookies.get("reviewer")! },
    });
    expect((await client.get("/en/staff/admin/users", { maxRedirects: 0 })).status()).toBe(403);
    expect((await client.get("/en/staff", { maxRedirects: 0 })).status()).toBe(200);
    await client.dispose();
  });
});
