import { randomUUID } from "node:crypto";

import { ROLES, isRole, type Role } from "./permissions";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

export type StaffUser = {
  id: string;
  email: string;
  displayName: string;
  status: "invited" | "active" | "disabled";
  roles: Role[];
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<StaffUser | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? withRoles(row, await getRoles(id, db)) : null;
}

export async function getUserCredentialsByEmail(email: string, db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "status"])
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export async function getRoles(userId: string, db: IdentityDb = getIdentityDb()): Promise<Role[]> {
  const rows = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .execute();
  return sortRoles(rows.map((row) => row.role).filter(isRole));
}

export async function listUsers(db: IdentityDb = getIdentityDb()): Promise<StaffUser[]> {
  const [users, roles] = await Promise.all([
    db.selectFrom("users").selectAll().orderBy("email").execute(),
    db.selectFrom("user_roles").selectAll().execute(),
  ]);
  return users.map((user) =>
    withRoles(
      user,
      roles
        .filter((r) => r.user_id === user.id)
        .map((r) => r.role)
        .filter(isRole),
    ),
  );
}

export async function insertUser(
  values: { email: string; displayName: string; passwordHash: string | null; roles: Role[] },
  db: IdentityDb,
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("users")
    .values({
      id,
      email: normalizeEmail(values.email),
      display_name: values.displayName,
      password_hash: values.passwordHash,
      status: values.passwordHash ? "active" : "invited",
      created_at: now.toISOString(),
      password_changed_at: values.passwordHash ? now.toISOString() : null,
    })
    .execute();
  await replaceRoles(id, values.roles, db);
  return id;
}

export async function replaceRoles(userId: string, roles: Role[], db: IdentityDb): Promise<void> {
  await db.deleteFrom("user_roles").where("user_id", "=", userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto("user_roles")
      .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function setPasswordHash(
  userId: string,
  passwordHash: string,
  db: IdentityDb,
  now = new Date(),
) {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, status: "active", password_changed_at: now.toISOString() })
    .where("id", "=", userId)
    .execute();
}

export async function setStatus(userId: string, status: StaffUser["status"], db: IdentityDb) {
  await db.updateTable("users").set({ status }).where("id", "=", userId).execute();
}

export async function countUsers(db: IdentityDb = getIdentityDb()): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function sortRoles(roles: Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

function withRoles(
  row: { id: string; email: string; display_name: string; status: StaffUser["status"] },
  roles: Role[],
): StaffUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    roles: sortRoles(roles),
  };
}
