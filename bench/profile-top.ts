// Where a server's time went: reads a V8 CPU profile (written with BENCH_PROFILE_DIR, or
// `node --cpu-prof server.js`) and prints the functions with the most self time, and the
// packages (or app files) with the most time in all.
//
//   npx tsx bench/profile-top.ts <file.cpuprofile> [rows]
import fs from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: profile-top.ts <file.cpuprofile> [rows]");
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const total = [...selfMs.values()].reduce((sum, value) => sum + value, 0);

/** "kysely", "react-dom", "app/feedback/x.ts", "(node)", "(program)"… */
function placeOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "(node)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return url.replace(/^.*\/(build|app|db)\//, "$1/");
}

const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const name = `${functionName || "(anonymous)"}  ${placeOf(url)}:${lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + ms);
  const place = functionName.startsWith("(") ? functionName : placeOf(url);
  places.set(place, (places.get(place) ?? 0) + ms);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${((100 * ms) / total).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`,
    );
};
console.log(`${file}: ${total.toFixed(0)} ms sampled`);
print("Self time by package or file", places);
print("Self time by function", functions);
