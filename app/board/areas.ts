/**
 * The areas of work a survivor advisory board may cover, and in which an applicant may have
 * expertise: the Annex 3.1 list ("Possible functions of the advisory body", instruments.md §4,
 * seed 001 lines 2384-2440). Codes are stored; labels live in locales/{sq,en}/board.json under
 * `areas.<code>`.
 */
export const BOARD_AREAS = [
  // Legal and policy response: evaluating the NRM, SOPs, strategies and action plans,
  // developing new ones, advocacy for policy and legislative change.
  "legal_policy",
  // Support to victims: in shelters and crisis units, preparing for court, after leaving the
  // support network, fundraising for reintegration packages and grants.
  "victim_support",
  // Prevention and awareness: campaigns for the public and vulnerable groups, work with media.
  "prevention_awareness",
  // Capacity building of practitioners: advice on training content, taking part as trainers.
  "capacity_building",
] as const;

export type BoardArea = (typeof BOARD_AREAS)[number];

/** True when `value` is one of the Annex 3.1 area codes. */
export function isBoardArea(value: unknown): value is BoardArea {
  return typeof value === "string" && (BOARD_AREAS as readonly string[]).includes(value);
}
