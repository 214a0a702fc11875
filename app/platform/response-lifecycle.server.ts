import { closeResponseDb, migrateResponseStore } from "../../db/response-store";

export async function prepareResponseStore(): Promise<string[]> {
  return migrateResponseStore();
}

export async function shutDownResponseStore(): Promise<void> {
  await closeResponseDb();
}
