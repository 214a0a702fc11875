import { closeResponseDb, migrateResponseStore } from "../../db/response-store";
import { settleHeldSubmissions } from "../feedback/responses.server";

export async function prepareResponseStore(): Promise<string[]> {
  const applied = await migrateResponseStore();
  // Submissions acknowledged before a restart and not yet moved (PostgreSQL) move now.
  await settleHeldSubmissions();
  return applied;
}

export async function shutDownResponseStore(): Promise<void> {
  await closeResponseDb();
}
