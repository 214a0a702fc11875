/**
 * The first version of the confidentiality declaration every board member signs before seeing
 * any meeting, agenda, briefing, minutes, action list or the members list (the board's internal
 * regulation, Art. 13 d and 14 c; seed 001 lines 2811-2852). The regulation cites the 2008 law on
 * personal data protection; it was replaced by Law no. 124/2024 "On personal data protection",
 * which the declaration cites instead (instruments.md §4). Later versions live in the database,
 * published by an admin; this text is only what migration 0012 stores as version 1.
 */
export const FIRST_DECLARATION = {
  sq: [
    "Deklaratë konfidencialiteti",
    "",
    "Si anëtar/e i/e Bordit Këshillimor, deklaroj se:",
    "",
    "1. Do të tregoj kujdes të veçantë me të dhënat personale, në përputhje me Ligjin nr. 124/2024 “Për mbrojtjen e të dhënave personale”.",
    "2. Çdo informacion personal që ndahet në bord, sidomos për viktimat e trafikimit, do ta përdor në konfidencialitet të plotë dhe nuk do ta ndaj me palë të treta pa miratimin e tyre.",
    "3. Informacionin do ta ndaj vetëm kur ka nevojë reale për të, duke respektuar standardet ligjore për ndarjen e informacionit konfidencial.",
    "4. Bordi nuk promovohet publikisht, përveç kur anëtarët vendosin ndryshe me vendim unanim.",
    "",
    "E kuptoj që ky detyrim vazhdon edhe pasi të largohem nga bordi.",
  ].join("\n"),
  en: [
    "Confidentiality declaration",
    "",
    "As a member of the Advisory Board, I declare that:",
    "",
    "1. I will take particular care with personal data, in line with Law no. 124/2024 “On personal data protection”.",
    "2. Any personal information shared in the board, above all about victims of trafficking, I will use in total confidentiality and will not share with third parties without their approval.",
    "3. I will share information only where there is a real need for it, respecting the legal standards for sharing confidential information.",
    "4. The board is not promoted publicly unless its members decide otherwise unanimously.",
    "",
    "I understand that this duty continues after I leave the board.",
  ].join("\n"),
} as const;
