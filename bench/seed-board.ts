// Fills the demo call for members (on DEMO_BOARD_NAME) with applications, through the app's
// own storeApplication (a person key each, every field encrypted, the passphrase hashed) and
// saveRedaction (the call is blind), for the review-list measure of bench/board.ts; marks the
// demo reviewer's names list as done, so the review list opens; and times encrypting and decrypting one application in this process.
// Run on a DATA_DIR where the server has already seeded the demo:
//
//   DATA_DIR=/tmp/x BENCH_APPLICATIONS=500 tsx bench/seed-board.ts
//
// Prints one JSON line: {"callId", "membersBoardId", "applications", "cryptoMs": {p50, p99},
// "seconds"}. Answers are invented and reproducible (fixed PRNG seed).
import { randomBytes } from "node:crypto";

import { percentile, seededRandom } from "./harness";

const dataDir = process.env.DATA_DIR;
if (!dataDir) {
  console.error("seed-board: set DATA_DIR to a throwaway directory");
  process.exit(2);
}
const total = Number(process.env.BENCH_APPLICATIONS ?? 500);
if (!Number.isInteger(total) || total < 1 || total > 10_000) {
  console.error("seed-board: BENCH_APPLICATIONS must be an integer from 1 to 10000");
  process.exit(2);
}

process.env.NODE_ENV ??= "production";
const { migrateAll, stopApplication } = await import("../app/platform/startup.server");
const { getIdentityDb } = await import("../db/identity-store");
const { getCall } = await import("../app/board/calls.server");
const { storeApplication, storedFieldsOf, encryptApplicationFields, decryptApplicationFields } =
  await import("../app/board/applications.server");
const { markRecusalDone } = await import("../app/board/recusal.server");
const { listCallApplicationIds, getRedaction, saveRedaction } =
  await import("../app/board/review.server");
const { FREE_TEXT_FIELDS } = await import("../app/board/review-rules");
const { DEMO_BOARD_NAME } = await import("../app/board/membership-demo.server");

type Application = Parameters<typeof storeApplication>[0]["application"];

const started = Date.now();
await migrateAll();
const db = getIdentityDb();

const callRow = await db
  .selectFrom("board_calls")
  .innerJoin("boards", "boards.id", "board_calls.board_id")
  .select("board_calls.id")
  .where("boards.name", "=", DEMO_BOARD_NAME)
  .executeTakeFirstOrThrow();
const call = (await getCall(callRow.id))!;
const membersBoard = await db
  .selectFrom("boards")
  .select("id")
  .where("name", "=", DEMO_BOARD_NAME)
  .executeTakeFirstOrThrow();

const { random, pick } = seededRandom(20261130);
const FIRST = ["Arta", "Blerina", "Drita", "Elira", "Fatjona", "Gentiana", "Ilir", "Klea"];
const LAST = ["Hoxha", "Krasniqi", "Leka", "Marku", "Nika", "Prifti", "Shehu", "Zeneli"];
const REGIONS = ["tirane", "durres", "shkoder", "elbasan", "vlore", "prefer_not"];
const today = new Date().toISOString().slice(0, 10);

function application(i: number): Application {
  const first = pick(FIRST);
  const last = `${pick(LAST)} ${i}`;
  return {
    firstName: first,
    lastName: last,
    dateOfBirth: `${1975 + Math.floor(random() * 30)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    placeOfBirth: "Tiranë",
    nationality: "Shqiptare",
    residence: "citizen",
    guardianName: "",
    guardianContact: "",
    email: `bench-applicant-${i}@bench.example`,
    phone: "",
    channels: ["email"],
    contactTimes: "",
    voicemailSafe: "no",
    sharedPhoneSafe: "no",
    activity: "Volunteer at a community centre for women; training on victims' rights (bench).",
    suitability: "I have taken part in peer support groups and know the referral system (bench).",
    motivation: "",
    additional: "",
    nominated: "no",
    nominatingOrganisation: "",
    gender: pick(["woman", "man", "prefer_not"]),
    region: pick(REGIONS),
    expertise: ["victim_support"],
    acknowledged: ["yes"],
    stayInformed: false,
    signature: `${first} ${last}`,
    signatureConfirmed: ["yes"],
    signedOn: today,
  } as Application;
}

// Encrypt and decrypt one application: every field on its own under a person key.
const key = randomBytes(32);
const fields = storedFieldsOf(application(0));
const times: number[] = [];
for (let i = 0; i < 1200; i++) {
  const t0 = process.hrtime.bigint();
  const id = `bench-${i}`;
  decryptApplicationFields(key, id, encryptApplicationFields(key, id, fields));
  if (i >= 200) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);

const existing = await db
  .selectFrom("board_applications")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .where("call_id", "=", call.id)
  .executeTakeFirstOrThrow();
// A few at a time: each hashes a passphrase on the thread pool.
let next = Number(existing.n);
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < total) {
      const i = next++;
      await storeApplication({ call, application: application(i), lang: "sq" });
    }
  }),
);

// The demo call is blind: a reviewer sees an application once the secretariat has redacted it.
const texts = Object.fromEntries(
  FREE_TEXT_FIELDS.map((field) => [field, `[name] volunteered at [organisation] (${field}).`]),
) as Parameters<typeof saveRedaction>[1];
for (const id of await listCallApplicationIds(call.id, db))
  if (!(await getRedaction(id, db))) await saveRedaction(id, texts, null, new Date(), db);

const reviewer = await db
  .selectFrom("users")
  .select("id")
  .where("email", "=", "reviewer@demo.example")
  .executeTakeFirst();
if (reviewer) await markRecusalDone(call.id, reviewer.id, new Date().toISOString(), db);

await stopApplication();
console.log(
  JSON.stringify({
    callId: call.id,
    membersBoardId: membersBoard.id,
    applications: total,
    cryptoMs: { p50: percentile(times, 50), p99: percentile(times, 99) },
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
);
