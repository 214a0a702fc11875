// Seeds one Annex 6.1 campaign with many responses in a throwaway DATA_DIR, through the app's own
// store functions (the same group-committed write path a real submission takes), for the
// results-page benchmark. Run by bench/feedback.ts before it starts a server on that DATA_DIR:
//
//   DATA_DIR=/tmp/x BENCH_RESPONSES=100000 tsx bench/seed-responses.ts
//
// With BENCH_CAMPAIGN_ID set, adds BENCH_RESPONSES more to that campaign instead (so the results
// bench can grow one campaign from 10,000 to 1,000,000 responses in steps).
//
// Prints one JSON line at the end: {"campaignId", "responses", "freeTexts", "approved", "seconds"}.
// Answers are random but reproducible (fixed PRNG seed), so every option gets counts.
import { seededRandom } from "./harness";

const dataDir = process.env.DATA_DIR;
if (!dataDir) {
  console.error("seed-responses: set DATA_DIR to a throwaway directory");
  process.exit(2);
}
const total = Number(process.env.BENCH_RESPONSES ?? 100_000);
const approveCount = Number(process.env.BENCH_APPROVED ?? 500);
if (!Number.isInteger(total) || total < 1 || total > 1_000_000) {
  console.error("seed-responses: BENCH_RESPONSES must be an integer from 1 to 1000000");
  process.exit(2);
}

// The config module reads DATA_DIR when first used; import the app only after it is set.
process.env.NODE_ENV ??= "production";
const { migrateAll, stopApplication } = await import("../app/platform/startup.server");
const { getCampaign, insertCampaign } = await import("../app/feedback/campaigns.server");
const { insertOrganisation, addMember } = await import("../app/assessment/organisations.server");
const { getUserCredentialsByEmail } = await import("../app/auth/users.server");
const { storeSubmission, listFreeText, reviewFreeText } =
  await import("../app/feedback/responses.server");
const { campaignQuestions } = await import("../app/feedback/journey");
const { choicesOf } = await import("../app/feedback/template.schema");
const { annex61Template } = await import("../app/feedback/templates/annex-6-1");

type Submission = Parameters<typeof storeSubmission>[0];

const { random, pick } = seededRandom(20261123);

const PHRASES = [
  "The social worker explained everything slowly and answered my questions.",
  "I did not understand the papers I signed at the police station.",
  "Më ndihmuan të gjej punë dhe të kthehem në shkollë.",
  "It took too long before someone called me back.",
  "The psychologist was kind, but the meetings were too short.",
  "Nuk e dija që kisha të drejtë për kompensim.",
  "I felt safe in the shelter for the first time in months.",
  "Nobody told me what would happen in court.",
];

const started = Date.now();
await migrateAll();

const today = new Date();
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
// Campaigns belong to an organisation: the demo coordinator (seeded by the server's first start
// on this DATA_DIR) is made a member of the bench's, so the bench can open the results page.
const coordinator = await getUserCredentialsByEmail("coordinator@demo.example");
const newOrganisation = async () => {
  const id = await insertOrganisation({ name: "Bench NGO", type: "ngo" });
  if (coordinator) await addMember(id, coordinator.id);
  return id;
};
const existingId = process.env.BENCH_CAMPAIGN_ID;
const campaign = existingId
  ? await getCampaign(existingId).then((found) => {
      if (!found) throw new Error(`seed-responses: no campaign ${existingId}`);
      return found;
    })
  : await insertCampaign(
      {
        organisationId: await newOrganisation(),
        texts: {
          sq: {
            title: "Bench: 100k responses",
            purposeOther: null,
            collectingOrganisation: "Bench Monitoring Centre",
          },
          en: {
            title: "Bench: 100k responses",
            purposeOther: null,
            collectingOrganisation: "Bench Monitoring Centre",
          },
        },
        templateId: annex61Template.id,
        purpose: "service_evaluation",
        collectorProvidedSupport: "no",
        sections: annex61Template.sections.map((s) => s.id),
        opensOn: isoDay(new Date(today.getTime() - 365 * 86_400_000)),
        closesOn: isoDay(new Date(today.getTime() + 365 * 86_400_000)),
        languages: ["sq", "en"],
        // "both" gives the results page its self/interview comparison table too (the larger page).
        respondentMode: "both",
        accessMode: "open",
        dateGranularity: "day",
        minGroupSize: 5,
      },
      null,
    );

const questions = campaignQuestions(annex61Template, campaign.sections);
let freeTextCount = 0;

function randomSubmission(): Submission {
  const choices: Record<string, string[]> = {};
  const freeTexts: { questionId: string; text: string }[] = [];
  const answered: string[] = [];
  for (const question of questions) {
    if (random() < 0.15) continue; // skipped
    if (question.kind === "free_text") {
      if (random() < 0.03) {
        freeTexts.push({ questionId: question.id, text: pick(PHRASES) });
        answered.push(question.id);
      }
      continue;
    }
    const options = choicesOf(question);
    if (question.kind === "multiple_choice") {
      const chosen = options.filter(() => random() < 0.3);
      choices[question.id] = chosen.length > 0 ? chosen : [pick(options)];
    } else {
      choices[question.id] = [pick(options)];
    }
    answered.push(question.id);
    if (question.kind === "choice_with_comment" && random() < 0.01) {
      freeTexts.push({ questionId: question.id, text: pick(PHRASES) });
    }
  }
  freeTextCount += freeTexts.length;
  return {
    campaignId: campaign.id,
    templateVersion: campaign.templateVersion,
    language: random() < 0.7 ? "sq" : "en",
    respondentMode: random() < 0.6 ? "self" : "interview",
    period: isoDay(new Date(today.getTime() - Math.floor(random() * 90) * 86_400_000)),
    choices,
    freeTexts,
    answeredQuestionIds: answered,
  };
}

// Waves of concurrent stores: the writer commits up to 200 per transaction.
const WAVE = 2000;
for (let done = 0; done < total;) {
  const size = Math.min(WAVE, total - done);
  const results = await Promise.all(
    Array.from({ length: size }, () => storeSubmission(randomSubmission())),
  );
  if (results.some((result) => result !== "stored")) throw new Error("a submission was refused");
  done += size;
  if (done % 20_000 === 0 || done === total) {
    process.stderr.write(
      `  seeded ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
}

// Publish some free text so the page's quote path (decrypting approved answers) runs too.
let approved = 0;
const pending = await listFreeText(campaign.id, "pending");
for (const item of pending.slice(0, approveCount)) {
  if (await reviewFreeText(campaign.id, item.id, { approve: true, redacted: item.text }))
    approved++;
}

await stopApplication();
console.log(
  JSON.stringify({
    campaignId: campaign.id,
    responses: total,
    freeTexts: freeTextCount,
    approved,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }),
);
