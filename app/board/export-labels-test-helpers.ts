import { getFixedT } from "../i18n/i18n";

/**
 * The labels missing for an export shown on the admin's pages (`ApplicantExportView`,
 * `MemberExportView`): for each part of `held` with a value, the part's own heading
 * (`sectionKey(part)`) and every field of it (`members:data.fields.<part>.<key>` or
 * `members:data.fields.<key>`), in Albanian and English. Returns "<lang>: <key>" for each one
 * missing (empty: all named). Parts that are null or empty lists have nothing to check.
 */
export function unlabelledFields(
  held: Record<string, unknown>,
  sectionKey: (section: string) => string,
): string[] {
  const missing: string[] = [];
  for (const lang of ["sq", "en"] as const) {
    const t = getFixedT(lang);
    const named = (key: string | string[]) => !String(t(key)).includes("⟦missing");
    for (const [section, value] of Object.entries(held)) {
      const entries = [value].flat().filter((entry) => entry && typeof entry === "object");
      if (entries.length === 0) continue;
      if (!named(sectionKey(section))) missing.push(`${lang}: ${sectionKey(section)}`);
      for (const key of new Set(entries.flatMap((entry) => Object.keys(entry as object))))
        if (!named([`members:data.fields.${section}.${key}`, `members:data.fields.${key}`]))
          missing.push(`${lang}: ${section}.${key}`);
    }
  }
  return missing;
}
