import { randomUUID } from "node:crypto";

import { isBoardArea, type BoardArea } from "./areas";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * A survivor advisory board as stored in `boards` (identity store, migration 0008).
 * `areas`: Annex 3.1 area codes; `residenceRule`: Art. 5 (citizens only, or also foreigners
 * lawfully resident in Albania); `mandateMonths`: Art. 5-6, 24 by default, renewable.
 */
export type Board = {
  id: string;
  name: string;
  areas: BoardArea[];
  areasOther: string;
  residenceRule: "citizen" | "citizen_or_resident";
  mandateMonths: number;
  createdAt: string;
};

export type NewBoard = Omit<Board, "id" | "createdAt" | "mandateMonths"> & {
  mandateMonths?: number;
};

function toBoard(row: {
  id: string;
  name: string;
  areas: string;
  areas_other: string;
  residence_rule: "citizen" | "citizen_or_resident";
  mandate_months: number;
  created_at: string;
}): Board {
  const parsed: unknown = JSON.parse(row.areas);
  return {
    id: row.id,
    name: row.name,
    areas: Array.isArray(parsed) ? parsed.filter(isBoardArea) : [],
    areasOther: row.areas_other,
    residenceRule: row.residence_rule,
    mandateMonths: Number(row.mandate_months),
    createdAt: row.created_at,
  };
}

/** Creates a board; returns it. `createdBy` is the staff user's id (null for the demo seed). */
export async function createBoard(
  board: NewBoard,
  createdBy: string | null,
  db: IdentityDb = getIdentityDb(),
): Promise<Board> {
  const row = {
    id: randomUUID(),
    name: board.name,
    areas: JSON.stringify(board.areas),
    areas_other: board.areasOther,
    residence_rule: board.residenceRule,
    mandate_months: board.mandateMonths ?? 24,
    created_at: new Date().toISOString(),
    created_by: createdBy,
  };
  await db.insertInto("boards").values(row).execute();
  return toBoard(row);
}

/** The board with this id, or null. */
export async function getBoard(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Board | null> {
  const row = await db.selectFrom("boards").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toBoard(row) : null;
}

/** Every board, by name. */
export async function listBoards(db: IdentityDb = getIdentityDb()): Promise<Board[]> {
  const rows = await db.selectFrom("boards").selectAll().orderBy("name").orderBy("id").execute();
  return rows.map(toBoard);
}

/** Changes a board's name, areas, residence rule and mandate. False when there is no such board. */
export async function updateBoard(
  id: string,
  board: NewBoard & { mandateMonths: number },
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db
    .updateTable("boards")
    .set({
      name: board.name,
      areas: JSON.stringify(board.areas),
      areas_other: board.areasOther,
      residence_rule: board.residenceRule,
      mandate_months: board.mandateMonths,
    })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
