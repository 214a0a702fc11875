import { randomUUID } from "node:crypto";

import type { AliasableExpression, ExpressionBuilder } from "kysely";

import { isBoardArea, type BoardArea } from "./areas";
import { albanianOrder } from "../../db/collation";
import { getIdentityDb, type IdentityDatabase, type IdentityDb } from "../../db/identity-store";
import type { Lang } from "../i18n/lang";

/**
 * A survivor advisory board as stored in `boards` (identity store, migration 0008).
 * `name` is the Albanian name (required), `nameEn` the English one ("" when none: show a board
 * to a person with `boardName(board, lang)`, board-name.ts). `areas`: Annex 3.1 area codes; `residenceRule`: Art. 5 (citizens only, or also foreigners
 * lawfully resident in Albania); `mandateMonths`: Art. 5-6, 24 by default, renewable.
 */
export type Board = {
  id: string;
  name: string;
  nameEn: string;
  areas: BoardArea[];
  areasOther: string;
  residenceRule: "citizen" | "citizen_or_resident";
  mandateMonths: number;
  createdAt: string;
};

export type NewBoard = Omit<Board, "id" | "createdAt" | "mandateMonths" | "nameEn"> & {
  mandateMonths?: number;
  /** English name; "" or absent when none. */
  nameEn?: string;
};

function toBoard(row: {
  id: string;
  name: string;
  name_en: string;
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
    nameEn: row.name_en,
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
    name_en: board.nameEn ?? "",
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

/**
 * A joined board's name in `lang`, as a select or order-by expression: `boards.name_en` when
 * English is asked and it is not empty, else `boards.name` (the SQL twin of `boardName`). Where
 * rows are joined to `boards`: `.select((eb) => boardNameIn(lang)(eb).as("boardName"))`.
 */
export function boardNameIn(
  lang: Lang,
): (eb: ExpressionBuilder<IdentityDatabase, "boards">) => AliasableExpression<string> {
  return (eb) =>
    lang === "en"
      ? eb.fn.coalesce(
          eb.fn<string | null>("nullif", [eb.ref("boards.name_en"), eb.val("")]),
          eb.ref("boards.name"),
        )
      : eb.ref("boards.name");
}

/**
 * Every board, by its name in `lang` in Albanian alphabetical order (db/collation.ts; English
 * names are plain Latin letters, so the same key orders them too).
 */
export async function listBoards(
  db: IdentityDb = getIdentityDb(),
  lang: Lang = "sq",
): Promise<Board[]> {
  const rows = await db
    .selectFrom("boards")
    .selectAll()
    .orderBy(albanianOrder(db, boardNameIn(lang)))
    .orderBy("id")
    .execute();
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
      name_en: board.nameEn ?? "",
      areas: JSON.stringify(board.areas),
      areas_other: board.areasOther,
      residence_rule: board.residenceRule,
      mandate_months: board.mandateMonths,
    })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
