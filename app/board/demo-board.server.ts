import { createBoard } from "./boards.server";
import { insertCall } from "./calls.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { addDays, localToday } from "../platform/calendar.server";

/**
 * The demo's advisory board: a board covering every Annex 3.1 area, with a call for members
 * open from a week ago to a month from now. Returns the call's id (its public page is
 * /bord/<id>).
 */
export async function seedDemoBoard(
  createdBy: string | null,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ boardId: string; callId: string }> {
  const board = await createBoard(
    {
      name: "Demo advisory board",
      areas: ["legal_policy", "victim_support", "prevention_awareness", "capacity_building"],
      areasOther: "",
      residenceRule: "citizen_or_resident",
    },
    createdBy,
    db,
  );
  const today = localToday(now);
  const call = await insertCall(
    {
      boardId: board.id,
      opensOn: addDays(today, -7),
      closesOn: addDays(today, 30),
      blindMode: true,
    },
    createdBy,
    db,
  );
  return { boardId: board.id, callId: call.id };
}
