import type { ScoreSheet } from "./assessment-form";
import {
  createOrganisation,
  createProgramme,
  saveScores,
  startAssessment,
  changeMembership,
} from "./assessment.commands.server";
import { allItems, type Score } from "./instrument";
import type { StaffUser } from "../auth/users.server";
import { addDays, localToday } from "../platform/calendar.server";

/** A demo organisation with one programme and two completed self-assessments, six months apart. */
export async function seedDemoAssessment(
  coordinator: StaffUser,
  admin: StaffUser,
  today: Date,
): Promise<void> {
  const created = await createOrganisation(admin, { name: "Demo NGO Tirana", type: "ngo" });
  if (!created.ok) return;
  await changeMembership(
    admin,
    { id: created.value, name: "Demo NGO Tirana" },
    coordinator.id,
    true,
  );
  const programmeId = await createProgramme(coordinator, created.value, {
    name: "Shelter and reintegration programme (demo)",
    description: "Residential shelter, case management and reintegration support.",
  });
  const earlier: Score[] = [1, 0, 1, 2, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0];
  const later: Score[] = [2, 1, 1, 2, 1, 2, 1, 1, 2, 2, 1, 1, 2, 1, 2];
  const sixMonthsAgo = addDays(localToday(today), -182);
  for (const [date, scores] of [
    [sixMonthsAgo, earlier],
    [localToday(today), later],
  ] as const) {
    const id = await startAssessment(coordinator, programmeId, {
      assessedOn: date,
      participants: "Programme manager, two social workers, survivor consultant",
    });
    const sheet: ScoreSheet = { scores: {}, notes: {} };
    allItems().forEach(({ itemId }, index) => {
      sheet.scores[itemId] = scores[index] ?? 0;
      sheet.notes[itemId] = "";
    });
    await saveScores(coordinator, id, 1, {
      assessedOn: date,
      participants: "Programme manager, two social workers, survivor consultant",
      sheet,
      complete: true,
    });
  }
}
