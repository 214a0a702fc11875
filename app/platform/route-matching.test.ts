import fs from "node:fs";
import { createRequire } from "node:module";

import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The build Node loads (dist/router.cjs.js), as the server does; Vite would give the other one.
const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const { matchRoutes } = require(routerPath) as { matchRoutes: typeof MatchRoutes };

/**
 * The server's route matching keeps each route array's ranked branches and each pattern's
 * regular expression (patches/@remix-run+router+1.23.3.patch, docs/decisions/032). These check
 * that matching gives what an unpatched router gives, for two route arrays at once.
 */
const routes = (prefix: string): AgnosticRouteObject[] => [
  {
    id: `${prefix}root`,
    path: "/",
    children: [
      { id: `${prefix}home`, path: ":lang?", index: false },
      { id: `${prefix}campaign`, path: ":lang?/f/:campaign" },
      { id: `${prefix}safety`, path: ":lang?/f/:campaign/safety" },
      { id: `${prefix}staff`, path: ":lang?/staff/*" },
      { id: `${prefix}exact`, path: "Case/Sensitive", caseSensitive: true },
    ],
  },
];

const ids = (tree: AgnosticRouteObject[], path: string) =>
  matchRoutes(tree, path)?.map((match) => [match.route.id, match.params]) ?? null;

describe("Route matching on the server", () => {
  it("runs the patched router (a failed postinstall would leave requests slower, silently)", () => {
    expect(fs.readFileSync(routerPath, "utf8")).toContain("rankedBranchesCache");
    expect(fs.readFileSync(routerPath, "utf8")).toContain("recentMatchesCache");
  });

  it("matches optional segments, parameters, splats and case as before, every time", () => {
    const tree = routes("");
    for (let round = 0; round < 3; round += 1) {
      expect(ids(tree, "/en/f/abc123")).toEqual([
        ["root", { lang: "en", campaign: "abc123" }],
        ["campaign", { lang: "en", campaign: "abc123" }],
      ]);
      expect(ids(tree, "/f/abc123/safety")?.at(-1)).toEqual(["safety", { campaign: "abc123" }]);
      expect(ids(tree, "/en/staff/board/7")?.at(-1)).toEqual([
        "staff",
        { lang: "en", "*": "board/7" },
      ]);
      expect(ids(tree, "/case/sensitive")).toBeNull();
      expect(ids(tree, "/Case/Sensitive")?.at(-1)?.[0]).toBe("exact");
    }
  });

  it("keeps each route array's own routes apart", () => {
    const first = routes("a-");
    const second = routes("b-");
    expect(ids(first, "/en/f/x")?.at(-1)?.[0]).toBe("a-campaign");
    expect(ids(second, "/en/f/x")?.at(-1)?.[0]).toBe("b-campaign");
    expect(ids(first, "/en/f/x")?.at(-1)?.[0]).toBe("a-campaign");
  });

  it("gives every caller its own copy of a recent address's matches", () => {
    const tree = routes("c-");
    const first = matchRoutes(tree, "/en/f/abc123")!;
    // A caller that changes what it got (a loader writing into params) changes nobody else's.
    (first[0]!.params as Record<string, string>).campaign = "changed";
    (first as unknown[]).pop();
    const second = matchRoutes(tree, "/en/f/abc123")!;
    expect(second.map((m) => [m.route.id, m.params])).toEqual([
      ["c-root", { lang: "en", campaign: "abc123" }],
      ["c-campaign", { lang: "en", campaign: "abc123" }],
    ]);
    // The matches of one result share one params object, as the unpatched router's do.
    expect(second[0]!.params).toBe(second[1]!.params);
    (second[1]!.params as Record<string, string>).lang = "sq";
    expect(matchRoutes(tree, "/en/f/abc123")![1]!.params.lang).toBe("en");
    // Beyond the kept addresses, older ones are matched again, with the same answer.
    for (let i = 0; i < 1100; i += 1) matchRoutes(tree, `/f/c${i}`);
    expect(ids(tree, "/en/f/abc123")?.at(-1)).toEqual([
      "c-campaign",
      { lang: "en", campaign: "abc123" },
    ]);
    expect(ids(tree, "/f/c5")?.at(-1)).toEqual(["c-campaign", { campaign: "c5" }]);
    expect(ids(tree, "/no/such/place/at/all")).toBeNull();
    expect(ids(tree, "/no/such/place/at/all")).toBeNull();
  });
});
