import { afterEach, describe, expect, it, vi } from "vitest";

import type * as identityLifecycle from "./identity-lifecycle.server";
import { startIdentityCleanup } from "./identity-lifecycle.server";
import { backgroundJobsEnabled, startApplication } from "./startup.server";
import { startTermReminders } from "../board/membership-jobs.server";
import { startBoardRetention } from "../board/retention-job.server";
import { startMeetingReminders } from "../meetings/meetings-jobs.server";

vi.mock("./identity-lifecycle.server", async (importOriginal) => ({
  ...(await importOriginal<typeof identityLifecycle>()),
  startIdentityCleanup: vi.fn(),
}));
vi.mock("../meetings/meetings-jobs.server", () => ({
  startMeetingReminders: vi.fn(),
  stopMeetingReminders: vi.fn(),
}));
vi.mock("../board/membership-jobs.server", () => ({
  startTermReminders: vi.fn(),
  stopTermReminders: vi.fn(),
}));
vi.mock("../board/retention-job.server", () => ({
  startBoardRetention: vi.fn(),
  stopBoardRetention: vi.fn(),
}));

afterEach(() => vi.clearAllMocks());

describe("the timed jobs at start", () => {
  it("are not started by an instance told not to run them, so it sends no reminder", async () => {
    await startApplication({ seedDemo: false, runJobs: false });
    expect(startIdentityCleanup).not.toHaveBeenCalled();
    expect(startMeetingReminders).not.toHaveBeenCalled();
    expect(startTermReminders).not.toHaveBeenCalled();
    expect(startBoardRetention).not.toHaveBeenCalled();
  }, 60_000);

  it("are started by default", async () => {
    await startApplication({ seedDemo: false });
    expect(startIdentityCleanup).toHaveBeenCalledOnce();
    expect(startMeetingReminders).toHaveBeenCalledOnce();
    expect(startTermReminders).toHaveBeenCalledOnce();
    expect(startBoardRetention).toHaveBeenCalledOnce();
  }, 60_000);

  it("are off only when BACKGROUND_JOBS is exactly false", () => {
    expect(backgroundJobsEnabled({ BACKGROUND_JOBS: "false" })).toBe(false);
    expect(backgroundJobsEnabled({})).toBe(true);
    expect(backgroundJobsEnabled({ BACKGROUND_JOBS: "true" })).toBe(true);
  });
});
