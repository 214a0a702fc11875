// Makes single-use access codes for a campaign, through the app's own createAccessCodes, for
// the coded submissions of bench/soak.ts, and counts the responses stored so far per campaign
// (the soak compares the count after the run with this plus what it was told was stored). Run
// while no server uses the DATA_DIR:
//
//   DATA_DIR=/tmp/x BENCH_CODE_SLUG=<slug> BENCH_CODES=1000 tsx bench/seed-codes.ts
//
// Prints one JSON line: {"codes": [...], "stored": {"<slug>": n, ...}} (stored for every
// campaign slug in BENCH_COUNT_SLUGS, comma-separated).
export {};

const dataDir = process.env.DATA_DIR;
const slug = process.env.BENCH_CODE_SLUG ?? "";
const count = Number(process.env.BENCH_CODES ?? 0);
if (!dataDir || !Number.isInteger(count) || count < 0 || count > 100_000) {
  console.error("seed-codes: set DATA_DIR, BENCH_CODE_SLUG and BENCH_CODES (0 to 100000)");
  process.exit(2);
}

process.env.NODE_ENV ??= "production";
const { migrateAll, stopApplication } = await import("../app/platform/startup.server");
const { getCampaignBySlug } = await import("../app/feedback/campaigns.server");
const { createAccessCodes } = await import("../app/feedback/responses.server");
const { getResponseDb } = await import("../db/response-store");

await migrateAll();
const campaign = await getCampaignBySlug(slug);
if (!campaign) throw new Error(`no campaign ${slug}`);
const codes = count > 0 ? await createAccessCodes(campaign.id, count) : [];
const stored: Record<string, number> = {};
for (const each of (process.env.BENCH_COUNT_SLUGS ?? slug).split(",")) {
  const found = await getCampaignBySlug(each);
  const row = await getResponseDb()
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", found?.id ?? "")
    .executeTakeFirstOrThrow();
  stored[each] = Number(row.n);
}
await stopApplication();
console.log(JSON.stringify({ codes, stored }));
