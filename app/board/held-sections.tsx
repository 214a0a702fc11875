import { useTranslation } from "react-i18next";

import type { MemberExport } from "./member-data.server";

/**
 * One part of an export as rows of field and value (one list per entry); nothing when empty.
 * Each row is named by `label(key)`, by default the export's own key (the JSON file's), so the
 * page and the file read alike; a nested value is shown as JSON.
 */
export function HeldSection({
  title,
  value,
  label = (key) => key,
}: {
  title: string;
  value: unknown;
  label?: (key: string) => string;
}) {
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
                {Array.isArray(field) && field.every((item) => typeof item !== "object")
                  ? field.join(", ")
                  : field && typeof field === "object"
                    ? JSON.stringify(field)
                    : String(field ?? "")}
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
 * Everything held about one member as a readable page (decision 035): every part of
 * `exportMember`'s answer, so the page shows what the JSON file holds, part by part, each field
 * under its name in the page's language (the file's key where none is written, such as the
 * fields of the application inside it).
 */
export function MemberExportView({ exported }: { exported: MemberExport }) {
  const { t } = useTranslation("members");
  return (
    <>
      {MEMBER_SECTIONS.map((section) => (
        <HeldSection
          key={section}
          title={t(`data.sections.${section}`)}
          value={exported[section]}
          label={(key) => t(`data.fields.${key}`, { defaultValue: key })}
        />
      ))}
    </>
  );
}
