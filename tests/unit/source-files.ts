import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export function listSourceFiles(
  dirs: string[],
  extensions = [".ts", ".tsx", ".js", ".mjs"],
): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (extensions.some((ext) => entry.name.endsWith(ext))) out.push(full);
    }
  };
  for (const dir of dirs) {
    const full = path.join(ROOT, dir);
    if (fs.existsSync(full)) walk(full);
  }
  return out;
}
