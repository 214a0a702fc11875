import { useTranslation } from "react-i18next";

import type { MemberExport } from "./member-data.server";

/**
 * One part of an export as rows of field and value (one list per entry); nothing when empty.
 * Each row is named by `label(key)`, by default the export's own key (the JSON file's); a yes/no
 * value reads as Yes or No in the page's language, a nested value is shown as JSON.
 */
export function HeldSection({
  title,
  value,
  label = (key) => key,
  show = (_key, text) => text,
}: {
  title: string;
  value: unknown;
  label?: (key: string) => string;
  /** A stored code of field `key` in words (the code itself where it has none). */
  show?: (key: string, code: string) => string;
}) {
  const { t } = useTranslation("members");
  const entries = (Array.isArray(value) ? value : value ? [value] : []) as Record<
    string,
    unknown
  >[];
  if (entries.length === 0) return null;
  return (
    <>
      <h2 className="app-heading-m">{title}</h2>
      {entries.map((entry, index) => (
        <dl className="app-summary-list" key={index}>
          {Object.entries(entry).map(([key, field]) => (
            <div className="app-summary-list__row" key={key}>
              <dt>{label(key)}</dt>
              <dd>
                {typeof field === "boolean"
                  ? t(field ? "data.yes" : "data.no")
                  : Array.isArray(field) && field.every((item) => typeof item !== "object")
                    ? field.map((item) => show(key, String(item))).join(", ")
                    : field && typeof field === "object"
                      ? JSON.stringify(field)
                      : show(key, String(field ?? ""))}
              </dd>
            </div>
          ))}
        </dl>
      ))}
    </>
  );
}

/** The parts of a member's export, in the file's order, each under its own heading. */
const MEMBER_SECTIONS = [
  "membership",
  "positions",
  "account",
  "meetingMessages",
  "declarations",
  "meetings",
  "elections",
  "minutesComments",
  "tasks",
  "application",
] as const satisfies readonly (keyof MemberExport)[];

/**
 * The label of field `key` of an export, in the page's language: `members:data.fields.<key>`,
 * or `members:data.fields.<section>.<key>` where one key means different things in two parts
 * (an application's areas of expertise, a reviewer's expertise score). Both pages and every
 * part share these labels, so a field reads the same wherever it is shown; a key with no label
 * shows as missing (and fails the browser tests) instead of falling back to the file's name.
 */
function useFieldLabel(section: string): (key: string) => string {
  const { t } = useTranslation("members");
  return (key) => t([`data.fields.${section}.${key}`, `data.fields.${key}`]);
}

/**
 * Where an application's stored codes have words (the same the applicant chose from): its
 * status, language, residence, ways of contact, yes/no answers, gender, county and areas.
 */
const APPLICATION_CODES: Record<string, string> = {
  status: "board:status.states",
  language: "common:language.switchTo",
  residence: "board:apply.residence",
  channels: "board:apply.channels",
  voicemailSafe: "board:apply",
  sharedPhoneSafe: "board:apply",
  nominated: "board:apply",
  gender: "board:apply.gender",
  region: "board:apply.region",
  expertise: "board:areas",
};

function LabelledSection({
  section,
  title,
  value,
}: {
  section: string;
  title: string;
  value: unknown;
}) {
  const { t, i18n } = useTranslation("members");
  const show = (key: string, code: string) => {
    const prefix = section === "application" ? APPLICATION_CODES[key] : undefined;
    const words = prefix ? `${prefix}.${code}` : "";
    return words && i18n.exists(words) ? t(words) : code;
  };
  return <HeldSection title={title} value={value} label={useFieldLabel(section)} show={show} />;
}

/**
 * Everything held about one member as a readable page (decision 035): every part of
 * `exportMember`'s answer, so the page shows what the JSON file holds, part by part, each field
 * under its name in the page's language.
 */
export function MemberExportView({ exported }: { exported: MemberExport }) {
  const { t } = useTranslation("members");
  return (
    <>
      {MEMBER_SECTIONS.map((section) => (
        <LabelledSection
          key={section}
          section={section}
          title={t(`data.sections.${section}`)}
          value={exported[section]}
        />
      ))}
    </>
  );
}

/** The parts of an applicant's export (`exportApplicant`), in the file's order. */
const APPLICANT_SECTIONS = [
  "application",
  "call",
  "reviews",
  "recusals",
  "redaction",
  "shortlist",
  "selectionVote",
  "stayInformed",
  "retention",
] as const;

/**
 * Everything held about one applicant as a readable page: every part of `exportApplicant`'s
 * answer, each field under its name in the page's language, so the page and the JSON file hold
 * the same.
 */
export function ApplicantExportView({ exported }: { exported: Record<string, unknown> }) {
  const { t } = useTranslation("board");
  return (
    <>
      {APPLICANT_SECTIONS.map((section) => (
        <LabelledSection
          key={section}
          section={section}
          title={t(`admin.applicant.sections.${section}`)}
          value={exported[section]}
        />
      ))}
    </>
  );
}
