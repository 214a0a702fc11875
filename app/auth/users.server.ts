import { randomUUID } from "node:crypto";

import {
  accountEmailLookup,
  ensureAccountKey,
  openAccounts,
  sealedAccountColumns,
  type AccountRow,
} from "./account-keys.server";
import { ROLES, isRole, type Role } from "./permissions";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import type { KeyStore } from "../board/person-keys.server";

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

/** The account `id` with its roles, its email and name opened (decision 046); null if none. */
export async function getUserById(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<StaffUser | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? withRoles(row, await getRoles(id, db), await openAccounts([row])) : null;
}

/**
 * The account signing in with `email` (trimmed, any case): a staff account by its address, a
 * sealed board member's by the keyed hash of it (decision 046). Answers the id, the address
 * (opened), the password hash and the status; undefined when no account has that address.
 */
export async function getUserCredentialsByEmail(
  email: string,
  db: IdentityDb = getIdentityDb(),
): Promise<
  | { id: string; email: string; password_hash: string | null; status: StaffUser["status"] }
  | undefined
> {
  const address = normalizeEmail(email);
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "email_encrypted", "display_name_encrypted"])
    .select(["password_hash", "status"])
    .where((eb) =>
      eb.or([
        // Never by a sealed account's made-up address.
        eb.and([eb("email", "=", address), eb("email_encrypted", "is", null)]),
        eb("email_lookup", "=", accountEmailLookup(address)),
      ]),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  const opened = (await openAccounts([row])).get(row.id)!;
  return { id: row.id, email: opened.email, password_hash: row.password_hash, status: row.status };
}

/**
 * The account of `row` as a StaffUser: its email and name opened as `openAccounts` does (a
 * sealed account's under its own key, decision 046), with `roles` (unknown ones left out),
 * sorted. For callers that read the row together with something else in one query.
 */
export async function staffUserFromRow(
  row: AccountRow & { status: StaffUser["status"] },
  roles: readonly string[],
): Promise<StaffUser> {
  return withRoles(row, roles.filter(isRole), await openAccounts([row]));
}

export async function getRoles(userId: string, db: IdentityDb = getIdentityDb()): Promise<Role[]> {
  const rows = await db
    .selectFrom("user_roles")
    .select("role")
    .where("user_id", "=", userId)
    .execute();
  return sortRoles(rows.map((row) => row.role).filter(isRole));
}

/** Every account with its roles, emails and names opened, by email. */
export async function listUsers(db: IdentityDb = getIdentityDb()): Promise<StaffUser[]> {
  const [users, roles] = await Promise.all([
    db.selectFrom("users").selectAll().execute(),
    db.selectFrom("user_roles").selectAll().execute(),
  ]);
  const opened = await openAccounts(users);
  return users
    .map((user) =>
      withRoles(
        user,
        roles
          .filter((r) => r.user_id === user.id)
          .map((r) => r.role)
          .filter(isRole),
        opened,
      ),
    )
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/**
 * Makes an account (status "invited" without a password hash) with its roles and answers its
 * id. With `sealed` (a board member's account, decision 046) its email and name are sealed under
 * a new key of its own in `keys` (the server's key store unless given; made before the row, so
 * a failed transaction leaves at most an unused key) and found by their keyed hash.
 */
export async function insertUser(
  values: {
    email: string;
    displayName: string;
    passwordHash: string | null;
    roles: Role[];
    sealed?: boolean;
  },
  db: IdentityDb,
  now = new Date(),
  keys?: KeyStore,
): Promise<string> {
  const id = randomUUID();
  const email = normalizeEmail(values.email);
  const personal = values.sealed
    ? sealedAccountColumns(await ensureAccountKey(id, keys), id, email, values.displayName)
    : { email, display_name: values.displayName };
  await db
    .insertInto("users")
    .values({
      id,
      ...personal,
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
  row: AccountRow & { status: StaffUser["status"] },
  roles: Role[],
  opened: Map<string, { email: string; displayName: string }>,
): StaffUser {
  const fields = opened.get(row.id)!;
  return {
    id: row.id,
    email: fields.email,
    displayName: fields.displayName,
    status: row.status,
    roles: sortRoles(roles),
  };
}
