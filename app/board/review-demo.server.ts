import { setCallReviewers } from "./review.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * The demo's review: the demo reviewer is assigned to the demo call and works for Demo NGO
 * Tirana, which nominated one of the demo applicants, so the portal finds that conflict by
 * itself and the reviewer never sees that application. The names list, the redaction and the
 * scores are left for whoever walks the demo.
 */
export async function seedDemoReview(
  callId: string,
  reviewerId: string | undefined,
  assignedBy: string | null,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  if (!reviewerId) return;
  await setCallReviewers(callId, [reviewerId], assignedBy, new Date(), db);
  const organisation = await db
    .selectFrom("organisations")
    .select("id")
    .where("name", "=", "Demo NGO Tirana")
    .executeTakeFirst();
  if (organisation)
    await db
      .insertInto("organisation_members")
      .values({ organisation_id: organisation.id, user_id: reviewerId })
      .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doNothing())
      .execute();
}
