import type { TestProject } from "vitest/node";

// @ts-expect-error plain JavaScript helper shared with tests/run-e2e.mjs
import { startCluster } from "../pg-cluster.mjs";

type Cluster = { adminUrl: string; stop(): void; pause(): void; resume(): void };

/**
 * Starts one throwaway PostgreSQL cluster for the "postgres" test project and removes it at the
 * end. Each test file then makes its own two databases in it (tests/unit/setup.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = (await startCluster()) as Cluster;
  project.provide("postgresAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
