import type { ServerBuild } from "@remix-run/node";

type TestRoute = { path: string; parentId?: string; module: Record<string, unknown> };

/**
 * A Remix server build for tests that run Remix's request handler without compiling the app:
 * `entry` is the server entry module, `routes` the route modules by id. The browser manifest is
 * made from them (every route with a loader, an action where its module has one, no framework
 * JavaScript of its own) with the portal's future flags.
 */
export function testServerBuild(
  entry: Record<string, unknown>,
  routes: Record<string, TestRoute>,
): ServerBuild {
  const ids = Object.keys(routes);
  return {
    mode: "production",
    entry: { module: entry },
    routes: Object.fromEntries(ids.map((id) => [id, { id, ...routes[id] }])),
    assets: {
      entry: { imports: [], module: "/build/entry.client.js" },
      routes: Object.fromEntries(
        ids.map((id) => {
          const { path, parentId, module } = routes[id]!;
          const route = {
            id,
            path,
            parentId,
            module: `/build/${id}.js`,
            hasAction: module.action !== undefined,
            hasLoader: true,
            hasClientAction: false,
            hasClientLoader: false,
            hasErrorBoundary: false,
            imports: [],
          };
          return [id, route];
        }),
      ),
      url: "/build/manifest.js",
      version: "test",
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_singleFetch: true },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
}
