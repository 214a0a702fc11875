import { closeIdentityDb, migrateIdentityStore } from "../../db/identity-store";

export async function prepareIdentityStore(): Promise<string[]> {
  return migrateIdentityStore();
}

export async function shutDownIdentityStore(): Promise<void> {
  await closeIdentityDb();
}
