// Seeds one organisation with many programmes and assessments in a throwaway DATA_DIR, through
// the app's own store functions, for the assessment benchmark. Run by bench/assessment.ts after a
// server has started once on that DATA_DIR (which seeds the demo accounts) and stopped again:
//
//   DATA_DIR=/tmp/x tsx bench/seed-assessments.ts
//
// Creates "Bench organisation" with BENCH_PROGRAMMES (50) programmes; the first gets
// BENCH_ASSESSMENTS (200) completed assessments, every other one 1-3. Scores are random 0/1/2 and
// about a third of the items get a short note; random but reproducible (fixed PRNG seed). The demo
// coordinator (coordinator@demo.example) is made a member, so the bench can open the pages.
// Prints one JSON line at the end:
// {"organisationId", "programmeId", "programmes", "assessments", "total", "seconds"}.
import { seededRandom } from "./harness";

const dataDir = process.env.DATA_DIR;
if (!dataDir) {
  console.error("seed-assessments: set DATA_DIR to a throwaway directory");
  process.exit(2);
}
const envInt = (name: string, fallback: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`seed-assessments: ${name} must be an integer from 1 to ${max}`);
    process.exit(2);
  }
  return value;
};
const programmeCount = envInt("BENCH_PROGRAMMES", 50, 10_000);
const assessmentCount = envInt("BENCH_ASSESSMENTS", 200, 100_000);
const COORDINATOR_EMAIL = "coordinator@demo.example";

// The config module reads DATA_DIR when first used; import the app only after it is set.
process.env.NODE_ENV ??= "production";
const { migrateAll, stopApplication } = await import("../app/platform/startup.server");
const { insertOrganisation, insertProgramme, addMember } =
  await import("../app/assessment/organisations.server");
const { insertAssessment, saveAssessment } = await import("../app/assessment/assessments.server");
const { allItems } = await import("../app/assessment/instrument");
const { getUserCredentialsByEmail } = await import("../app/auth/users.server");

type Sheet = Parameters<typeof saveAssessment>[2]["sheet"];

const { random, pick } = seededRandom(20261124);

const NOTES = [
  "Discussed with the team; evidence in the case files.",
  "Survivors were consulted through the advisory group.",
  "Partly done, a written procedure is still missing.",
  "Procedura është miratuar por nuk zbatohet ende.",
  "No budget this year.",
  "Training planned for the spring.",
];
const items = allItems();

function randomSheet(): Sheet {
  const sheet: Sheet = { scores: {}, notes: {} };
  for (const { itemId } of items) {
    sheet.scores[itemId] = pick([0, 1, 2] as const);
    sheet.notes[itemId] = random() < 0.33 ? pick(NOTES) : "";
  }
  return sheet;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const started = Date.now();
await migrateAll();

const coordinator = await getUserCredentialsByEmail(COORDINATOR_EMAIL);
if (!coordinator) {
  console.error(
    `seed-assessments: ${COORDINATOR_EMAIL} is not in the identity store;` +
      " start the server once on this DATA_DIR first (it seeds the demo accounts)",
  );
  process.exit(1);
}

const organisationId = await insertOrganisation({ name: "Bench organisation", type: "ngo" });
await addMember(organisationId, coordinator.id);

/** Stores `count` completed assessments, one every 7 days back from today, oldest first. */
async function seedAssessments(programmeId: string, count: number) {
  const today = Date.now();
  for (let i = count - 1; i >= 0; i--) {
    const assessedOn = isoDay(new Date(today - i * 7 * 86_400_000));
    const participants = `Team of ${2 + Math.floor(random() * 8)}`;
    const id = await insertAssessment({
      programmeId,
      assessedOn,
      participants,
      createdBy: coordinator!.id,
    });
    const saved = await saveAssessment(id, 1, {
      assessedOn,
      participants,
      sheet: randomSheet(),
      complete: true,
    });
    if (!saved.ok) throw new Error(`saveAssessment refused: ${saved.reason}`);
  }
}

let bigProgrammeId = "";
let total = 0;
const width = String(programmeCount).length;
for (let p = 1; p <= programmeCount; p++) {
  const programmeId = await insertProgramme({
    organisationId,
    name: `Bench programme ${String(p).padStart(width, "0")}`,
    description: p === 1 ? `${assessmentCount} assessments` : "",
  });
  const count = p === 1 ? assessmentCount : 1 + Math.floor(random() * 3);
  if (p === 1) bigProgrammeId = programmeId;
  await seedAssessments(programmeId, count);
  total += count;
  if (p === 1 || p % 10 === 0 || p === programmeCount) {
    process.stderr.write(
      `  seeded ${p}/${programmeCount} programmes, ${total} assessments` +
        ` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
}

await stopApplication();
console.log(
  JSON.stringify({
    organisationId,
    programmeId: bigProgrammeId,
    programmes: programmeCount,
    assessments: assessmentCount,
    total,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
);
