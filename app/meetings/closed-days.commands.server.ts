import type { AddClosedDayInput } from "./closed-days.schemas";
import { deleteClosedDay, insertClosedDay } from "./closed-days.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { inTransaction } from "../../db/transaction";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";

type Invalid = { ok: false; errors: Record<string, string> };

/**
 * Adds a day the office is closed (decision 038): from then on the notice rules count it as a
 * non-working day, like weekends and public holidays. Refused, writing nothing, when the day
 * is already listed (`day`: closed_day_exists). The row and its audit row ("closed_day_added",
 * with the day) are one transaction.
 */
export async function addClosedDay(
  actor: StaffUser,
  input: AddClosedDayInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  const added = await inTransaction(db, async (trx) => {
    if (!(await insertClosedDay({ ...input, createdBy: actor.id }, trx, now))) return false;
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email },
        action: "closed_day_added",
        subject: input.day,
        details: { day: input.day },
      },
      trx,
      now,
    );
    return true;
  });
  return added ? { ok: true } : { ok: false, errors: { day: "meetings:errors.closed_day_exists" } };
}

/**
 * Removes a closed day. Refused when it is not listed (`day`: closed_day_unknown). Meetings
 * already scheduled are not checked again. The removal and its audit row ("closed_day_removed",
 * with the day) are one transaction.
 */
export async function removeClosedDay(
  actor: StaffUser,
  day: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  const removed = await inTransaction(db, async (trx) => {
    if (!(await deleteClosedDay(day, trx))) return false;
    await recordAudit(
      {
        actor: { id: actor.id, email: actor.email },
        action: "closed_day_removed",
        subject: day,
        details: { day },
      },
      trx,
      now,
    );
    return true;
  });
  return removed
    ? { ok: true }
    : { ok: false, errors: { day: "meetings:errors.closed_day_unknown" } };
}
