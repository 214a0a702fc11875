// npm run bench (bench/run-all.ts) — measures the minutes targets of issue 16, in process. A
// measurement, not a test: it prints a table with PASS/FAIL per target and exits 0 either way
// (1 only if the bench itself broke).
//
// Targets: "The minutes page with 30 agenda items and 200 comments renders in under 200 ms;
// the diff of two revisions of 20,000 characters computes in under 50 ms."
// The page: a throwaway DATA_DIR gets a board, a held meeting with 30 agenda items, minutes
// with Markdown in every item and 200 comments; one page view is everything the server does
// for it apart from HTTP and the shell: the loader's work (`loadMinutesPage`: the queries, the
// audit row, Markdown rendering) plus rendering the minutes text and the comments to HTML.
// The diff: two 20,000-character revisions (paragraphs of Albanian text, one word in twelve
// changed) through `compareMinutes`.
//
// Tunables (environment): BENCH_MINUTES_RUNS (20), BENCH_MINUTES_ITEMS (30),
// BENCH_MINUTES_COMMENTS (200).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { envInt, ms, notes, percentile, record } from "./harness";

const RUNS = envInt("BENCH_MINUTES_RUNS", 20, 1000);
const ITEMS = envInt("BENCH_MINUTES_ITEMS", 30, 500);
const COMMENTS = envInt("BENCH_MINUTES_COMMENTS", 200, 10_000);

const WORDS =
  "mbledhja vendosi raporti anëtarët sekretariati miratoi diskutimi çështja ligji afati shërbimet mbështetje".split(
    " ",
  );

/** About `length` characters of paragraphs; every `change`-th word differs when `variant`. */
function text(length: number, variant: boolean, change = 12): string {
  let out = "";
  let i = 0;
  while (out.length < length) {
    const word = WORDS[(i * 7) % WORDS.length]!;
    out += variant && i % change === 0 ? `${word}i` : word;
    out += i % 40 === 39 ? ".\n\n" : " ";
    i++;
  }
  return out.slice(0, length);
}

function time(runs: number, fn: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-minutes-"));
  process.env.DATA_DIR = dataDir;
  // React's production build, as the server runs it.
  process.env.NODE_ENV ??= "production";
  try {
    // ---- The diff ----
    const { compareMinutes } = await import("../app/meetings/minutes-diff");
    const item = (discussion: string) => ({
      agendaItemId: "i1",
      title: "Raporti",
      discussion,
      decisions: "",
      confidential: false,
    });
    const before = { attendance: [], items: [item(text(20_000, false))] };
    const after = { attendance: [], items: [item(text(20_000, true))] };
    compareMinutes(before, after, String);
    const diffTimes = time(RUNS, () => compareMinutes(before, after, String));
    const diffMedian = percentile(diffTimes, 50);
    record(
      "diff of two 20,000-character revisions (median)",
      ms(diffMedian),
      "< 50 ms",
      diffMedian < 50,
    );

    // ---- The page ----
    const { getIdentityDb, migrateIdentityStore } = await import("../db/identity-store");
    await migrateIdentityStore();
    const db = getIdentityDb();
    const { makeBoardWithMembers, makeSecretariat } =
      await import("../app/board/membership-test-helpers");
    const { insertMeeting, getMeeting } = await import("../app/meetings/meetings.server");
    const commands = await import("../app/meetings/minutes.commands.server");
    const { listMinutesDocs } = await import("../app/meetings/minutes.server");
    const secretariat = await makeSecretariat(db);
    const { board, members } = await makeBoardWithMembers(secretariat, 8, db);
    const now = new Date();
    const day = new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    const meetingId = await insertMeeting(
      {
        boardId: board.id,
        startsAt: `${day}T09:00:00.000Z`,
        meetingDay: day,
        place: "Tiranë",
        onlineLink: "",
        briefing: "",
        extraordinary: false,
        extraordinaryReason: "",
        noticeSentOn: day,
        agenda: Array.from({ length: ITEMS }, (_, i) => ({ title: `Pika ${i + 1}`, summary: "" })),
        invitees: members.map((m) => m.user.id),
        createdBy: secretariat.id,
      },
      db,
    );
    const meeting = (await getMeeting(meetingId, db))!;
    await commands.startMinutes(secretariat, meeting, db, now);
    let [doc] = await listMinutesDocs(meetingId, db);
    const markdown = `**Vendim:** ${text(300, false)}\n\n- ${text(80, true)}\n- ${text(80, false)}`;
    await commands.saveMinutes(
      secretariat,
      meeting,
      doc!,
      1,
      Array.from({ length: ITEMS }, () => ({
        discussion: markdown,
        decisions: markdown,
        confidential: false,
      })),
      {},
      db,
      now,
    );
    const deadline = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    await commands.circulateMinutes(secretariat, meeting, doc!, deadline, db, now);
    [doc] = await listMinutesDocs(meetingId, db);
    for (let i = 0; i < COMMENTS; i++)
      await commands.commentOnMinutes(
        members[i % members.length]!.user,
        meeting,
        doc!,
        { kind: "comment", item: String((i % ITEMS) + 1), body: text(200, i % 2 === 0) },
        db,
        now,
      );

    const { loadMinutesPage } = await import("../app/meetings/minutes-page.server");
    const { renderToString } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { I18nextProvider } = await import("react-i18next");
    const { createMemoryRouter, RouterProvider } = await import("react-router-dom");
    const { createI18n } = await import("../app/i18n/i18n");
    const { MinutesText, CommentList } = await import("../app/meetings/minutes-forms");
    const i18n = createI18n("sq");
    const access = {
      user: secretariat,
      meeting,
      isSecretariat: true,
      isChair: false,
      invitation: null,
      csrfToken: "x",
    } as unknown as Parameters<typeof loadMinutesPage>[0];
    let loadMs = 0;
    const view = async () => {
      const t0 = performance.now();
      const page = await loadMinutesPage(access, now);
      loadMs += performance.now() - t0;
      // The minutes text and the comments, inside a router as on the page (forms need one).
      const element = createElement(
        I18nextProvider,
        { i18n },
        createElement(MinutesText, {
          content: page.current!.content,
          rendered: page.current!.rendered,
        }),
        createElement(CommentList, { comments: page.comments, csrfToken: "x", canResolve: true }),
      );
      const router = createMemoryRouter([{ path: "/", element }]);
      return renderToString(createElement(RouterProvider, { router }));
    };
    const html = await view();
    const pageTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await view();
      pageTimes.push(performance.now() - start);
    }
    pageTimes.sort((a, b) => a - b);
    notes.push(`of which the loader's work: ${ms(loadMs / (RUNS + 1))} on average`);
    const pageMedian = percentile(pageTimes, 50);
    record(
      `minutes page, ${ITEMS} items and ${COMMENTS} comments (median of ${RUNS})`,
      ms(pageMedian),
      "< 200 ms",
      pageMedian < 200,
    );
    notes.push(
      `page HTML ${(html.length / 1000).toFixed(0)} kB; p95 ${ms(percentile(pageTimes, 95))}; diff p95 ${ms(percentile(diffTimes, 95))}`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main()
  .then(async () => {
    const { rows } = await import("./harness");
    console.log("\nMinutes (issue 16)");
    for (const row of rows)
      console.log(
        `  ${row.label}: ${row.measured} (target ${row.target}) ${row.pass ? "PASS" : "FAIL"}`,
      );
    for (const note of notes) console.log(`  ${note}`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
