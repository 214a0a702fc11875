import { randomUUID } from "node:crypto";

import type { OrganisationType } from "./assessment.schemas";
import { albanianOrder } from "../../db/collation";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";

/** Organisations, who works for them, and their programmes (identity store). */
export type Organisation = { id: string; name: string; type: OrganisationType };
export type Programme = {
  id: string;
  organisationId: string;
  name: string;
  description: string;
  status: "active" | "closed";
};

/** Admins see every organisation; a coordinator sees the ones they work for. */
export async function listOrganisationsFor(
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<Organisation[]> {
  let query = db
    .selectFrom("organisations")
    .select(["organisations.id", "organisations.name", "organisations.type"]);
  if (!user.roles.includes("admin")) {
    query = query
      .innerJoin("organisation_members", "organisation_members.organisation_id", "organisations.id")
      .where("organisation_members.user_id", "=", user.id);
  }
  const rows = await query.orderBy(albanianOrder(db, "organisations.name")).execute();
  return rows.map((row) => ({ id: row.id, name: row.name, type: row.type as OrganisationType }));
}

export async function canAccessOrganisation(
  user: StaffUser,
  organisationId: string,
  db: IdentityDb = getIdentityDb(),
) {
  if (user.roles.includes("admin")) return true;
  const row = await db
    .selectFrom("organisation_members")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * An organisation and whether `user` may open what belongs to it (an admin, or a member), in
 * one query: a campaign page's guard and its owner's name (issue 17). Null if there is no such
 * organisation. The membership is read afresh on every call.
 */
export async function getOrganisationForUser(
  id: string,
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<{ organisation: Organisation; canAccess: boolean } | null> {
  const row = await db
    .selectFrom("organisations")
    .leftJoin("organisation_members", (join) =>
      join
        .onRef("organisation_members.organisation_id", "=", "organisations.id")
        .on("organisation_members.user_id", "=", user.id),
    )
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.type",
      "organisation_members.user_id as member_id",
    ])
    .where("organisations.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    organisation: { id: row.id, name: row.name, type: row.type as OrganisationType },
    canAccess: user.roles.includes("admin") || row.member_id !== null,
  };
}

export async function getOrganisation(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Organisation | null> {
  const row = await db
    .selectFrom("organisations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, type: row.type as OrganisationType } : null;
}

export async function insertOrganisation(
  input: { name: string; type: OrganisationType },
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("organisations")
    .values({ id, name: input.name, type: input.type, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function listMembers(organisationId: string, db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("organisation_members")
    .innerJoin("users", "users.id", "organisation_members.user_id")
    .select(["users.id", "users.email", "users.display_name"])
    .where("organisation_members.organisation_id", "=", organisationId)
    .orderBy("users.email")
    .execute();
}

export async function addMember(
  organisationId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
) {
  await db
    .insertInto("organisation_members")
    .values({ organisation_id: organisationId, user_id: userId })
    .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doNothing())
    .execute();
}

export async function removeMember(
  organisationId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
) {
  await db
    .deleteFrom("organisation_members")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function listProgrammes(
  organisationId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Programme[]> {
  const rows = await db
    .selectFrom("programmes")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy(albanianOrder(db, "name"))
    .orderBy("id")
    .execute();
  return rows.map(toProgramme);
}

export async function getProgramme(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Programme | null> {
  const row = await db.selectFrom("programmes").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toProgramme(row) : null;
}

/**
 * A programme, its organisation (null if missing) and whether `user` may open it (an admin, or
 * a member of the organisation), in one query: the programme page's guard and heading (issue
 * 17). Null if there is no such programme. The membership is read afresh on every call.
 */
export async function getProgrammeForUser(
  id: string,
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<{ programme: Programme; organisation: Organisation | null; canAccess: boolean } | null> {
  const row = await db
    .selectFrom("programmes")
    .leftJoin("organisations", "organisations.id", "programmes.organisation_id")
    .leftJoin("organisation_members", (join) =>
      join
        .onRef("organisation_members.organisation_id", "=", "programmes.organisation_id")
        .on("organisation_members.user_id", "=", user.id),
    )
    .select([
      "programmes.id",
      "programmes.organisation_id",
      "programmes.name",
      "programmes.description",
      "programmes.status",
      "organisations.id as org_id",
      "organisations.name as org_name",
      "organisations.type as org_type",
      "organisation_members.user_id as member_id",
    ])
    .where("programmes.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    programme: toProgramme(row),
    organisation:
      row.org_id && row.org_name !== null && row.org_type !== null
        ? { id: row.org_id, name: row.org_name, type: row.org_type as OrganisationType }
        : null,
    canAccess: user.roles.includes("admin") || row.member_id !== null,
  };
}

export async function insertProgramme(
  input: { organisationId: string; name: string; description: string },
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("programmes")
    .values({
      id,
      organisation_id: input.organisationId,
      name: input.name,
      description: input.description,
      status: "active",
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function setProgrammeStatus(
  id: string,
  status: Programme["status"],
  db: IdentityDb = getIdentityDb(),
) {
  await db.updateTable("programmes").set({ status }).where("id", "=", id).execute();
}

function toProgramme(row: {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  status: "active" | "closed";
}): Programme {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    description: row.description,
    status: row.status,
  };
}

export async function updateOrganisation(
  id: string,
  input: { name: string; type: OrganisationType },
  db: IdentityDb = getIdentityDb(),
) {
  await db
    .updateTable("organisations")
    .set({ name: input.name, type: input.type })
    .where("id", "=", id)
    .execute();
}

export async function updateProgramme(
  id: string,
  input: { name: string; description: string },
  db: IdentityDb = getIdentityDb(),
) {
  await db
    .updateTable("programmes")
    .set({ name: input.name, description: input.description })
    .where("id", "=", id)
    .execute();
}
