import { describe, expect, it } from "vitest";

import { APPLICANT_STATUS_PATH, passphraseResetPath } from "./applicant-paths";
import { loader as oldStatus } from "../routes/($lang)._public.bord.gjendja";
import { loader as oldReset } from "../routes/($lang)._public.bord.rivendos.$token";

const args = (url: string, params: Record<string, string> = {}) =>
  ({ request: new Request(url), params, context: {} }) as Parameters<typeof oldStatus>[0];

describe("the applicant's own pages", () => {
  it("have paths that name nothing of the board, since mail on a shared phone shows them", () => {
    for (const path of [APPLICANT_STATUS_PATH, passphraseResetPath("abc")]) {
      expect(path).not.toMatch(/bord|board|këshill|advisory|aplik|appl|kandidat|candidat/i);
    }
  });

  it("are reached from the addresses of messages sent before they moved, in the same language", () => {
    const status = oldStatus(args("http://portal.test/en/bord/gjendja"));
    expect(status.status).toBe(301);
    expect(status.headers.get("Location")).toBe("/en/gjendja");
    const reset = oldReset(args("http://portal.test/bord/rivendos/t0k3n", { token: "t0k3n" }));
    expect(reset.status).toBe(301);
    expect(reset.headers.get("Location")).toBe("/rivendos/t0k3n");
  });
});
