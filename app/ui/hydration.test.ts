import { describe, expect, it } from "vitest";

import { pageHydrates } from "./hydration";

describe("pageHydrates", () => {
  it("loads framework JavaScript only when a route asks and none refuses", () => {
    expect(pageHydrates([undefined, { public: true }])).toBe(false);
    expect(pageHydrates([undefined, { hydrate: true }, {}])).toBe(true);
    // A survivor page inside a hydrated layout still refuses it.
    expect(pageHydrates([undefined, { hydrate: true }, { hydrate: false }])).toBe(false);
    expect(pageHydrates([])).toBe(false);
  });
});
