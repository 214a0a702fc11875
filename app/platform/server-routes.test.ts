import fs from "node:fs";
import { createRequire } from "node:module";

import type { StaticHandlerContext } from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The builds Node loads on the server (CommonJS), as server.js does; Vite would give others.
const require = createRequire(import.meta.url);
const remixServerPath = require.resolve("@remix-run/react/dist/server.js");
const staticRouterPath = require.resolve("react-router-dom/server");
const { createStaticRouter } = require(staticRouterPath) as {
  createStaticRouter: (
    routes: object[],
    context: StaticHandlerContext,
  ) => { routes: { id: string; children?: { id: string }[] }[] };
};

/**
 * Remix made the server's route objects afresh for every page, so the router's match cache
 * (keyed by the route array, decision 032) never hit. Patched to make them once per build
 * (patches/@remix-run+react+2.17.5.patch, patches/react-router-dom+6.30.4.patch, decision 034).
 */
const routes = (prefix: string) => [
  {
    id: `${prefix}root`,
    path: "/",
    children: [{ id: `${prefix}page`, path: ":lang?/f/:campaign" }],
  },
];
const context = (routeId: string) =>
  ({
    basename: "/",
    location: { pathname: "/f/x", search: "", hash: "", state: null, key: "default" },
    matches: [{ params: {}, pathname: "/", pathnameBase: "/", route: { id: routeId } }],
    loaderData: {},
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
    activeDeferreds: null,
  }) as unknown as StaticHandlerContext;

describe("Server routes made once per build", () => {
  it("runs the patched Remix and React Router (a failed postinstall would leave pages slower)", () => {
    expect(fs.readFileSync(remixServerPath, "utf8")).toContain("serverRoutesCache");
    expect(fs.readFileSync(staticRouterPath, "utf8")).toContain("dataRoutesCache");
  });

  it("gives the same data routes for the same routes, and each route array its own", () => {
    const first = routes("a-");
    const second = routes("b-");
    const one = createStaticRouter(first, context("a-root"));
    expect(createStaticRouter(first, context("a-root")).routes).toBe(one.routes);
    const other = createStaticRouter(second, context("b-root"));
    expect(other.routes).not.toBe(one.routes);
    expect(one.routes[0]!.children![0]!.id).toBe("a-page");
    expect(other.routes[0]!.children![0]!.id).toBe("b-page");
  });
});
