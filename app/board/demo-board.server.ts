import type { Application } from "./application.schemas";
import { storeApplication } from "./applications.server";
import { insertCall } from "./calls.server";
import { keepStayInformedEmail } from "./stay-informed.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { addDays, localToday } from "../platform/calendar.server";

/**
 * The demo board's call for members (the board named `DEMO_BOARD_NAME` in
 * app/board/membership-demo.server.ts): open from a week ago to a month from now, blind review on, with three
 * invented applications (one of them a 17-year-old with a guardian), and the address of an
 * earlier applicant kept to stay informed (`DEMO_KEPT_EMAIL`, for the admin's data requests).
 * Returns the call's id (its public page is /bord/<id>).
 */
export async function seedDemoCall(
  boardId: string,
  createdBy: string | null,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ boardId: string; callId: string }> {
  const today = localToday(now);
  const call = await insertCall(
    {
      boardId,
      opensOn: addDays(today, -7),
      closesOn: addDays(today, 30),
      blindMode: true,
    },
    createdBy,
    db,
  );
  for (const applicant of DEMO_APPLICANTS)
    await storeApplication(
      { call, application: { ...applicant, signedOn: today }, lang: "sq", now },
      db,
    );
  await keepStayInformedEmail(db, boardId, DEMO_KEPT_EMAIL, now);
  return { boardId, callId: call.id };
}

/** The demo's address kept after retention because its applicant chose to stay informed. */
export const DEMO_KEPT_EMAIL = "kept.news@demo.example";

const BASE = {
  placeOfBirth: "Tiranë",
  nationality: "Shqiptare",
  residence: "citizen",
  phone: "",
  channels: ["email"],
  contactTimes: "",
  voicemailSafe: "no",
  sharedPhoneSafe: "no",
  motivation: "",
  additional: "",
  nominated: "no",
  nominatingOrganisation: "",
  acknowledged: ["yes"],
  stayInformed: false,
  signatureConfirmed: ["yes"],
} as const;

const DEMO_APPLICANTS: Omit<Application, "signedOn">[] = [
  {
    ...BASE,
    channels: ["email"],
    acknowledged: ["yes"],
    signatureConfirmed: ["yes"],
    firstName: "Demo",
    lastName: "Aplikante Një",
    dateOfBirth: "1994-02-11",
    email: "applicant1@demo.example",
    activity: "Vullnetare në një qendër komunitare për gra (demo).",
    suitability: "Kam ndjekur trajnime për të drejtat e viktimave (demo).",
    gender: "woman",
    region: "tirane",
    expertise: ["victim_support"],
    signature: "Demo Aplikante Një",
  },
  {
    ...BASE,
    channels: ["email", "sms"],
    acknowledged: ["yes"],
    signatureConfirmed: ["yes"],
    phone: "+355 69 000 0000",
    firstName: "Demo",
    lastName: "Aplikant Dy",
    dateOfBirth: "1988-09-30",
    placeOfBirth: "Shkodër",
    email: "applicant2@demo.example",
    activity: "Kam folur në dy fushata ndërgjegjësimi në shkolla (demo).",
    suitability: "Dua që të rinjtë të dinë rreziqet (demo).",
    nominated: "yes",
    nominatingOrganisation: "Demo NGO Tirana",
    gender: "man",
    region: "shkoder",
    expertise: ["prevention_awareness"],
    stayInformed: true,
    signature: "Demo Aplikant Dy",
  },
  {
    ...BASE,
    channels: ["email"],
    acknowledged: ["yes"],
    signatureConfirmed: ["yes"],
    firstName: "Demo",
    lastName: "Aplikante Tre",
    dateOfBirth: "2009-01-15",
    email: "applicant3@demo.example",
    guardianName: "Demo Kujdestare",
    guardianContact: "guardian@demo.example",
    guardianConfirmed: ["yes"],
    activity: "Ndihmoj në një grup të rinjsh (demo).",
    suitability: "Dua që zëri i të rinjve të dëgjohet (demo).",
    gender: "prefer_not",
    region: "prefer_not",
    expertise: ["prefer_not"],
    signature: "Demo Aplikante Tre",
  },
];
