import type { Template } from "../template.schema";
import { annex61Template } from "./annex-6-1";
import { reintegrationTemplate } from "./reintegration";

/**
 * Every version of every questionnaire template. Changing a template means adding a new version
 * (a new object with `version` + 1) here and keeping the old one: campaigns, and the answers
 * given under them, always keep the version they were started with. New campaigns get the
 * latest version. Text keys are shared, so a changed wording needs a new question id.
 */
const ALL_VERSIONS: readonly Template[] = [annex61Template, reintegrationTemplate];

/** The latest version of each template, by id: what new campaigns are offered. */
export const TEMPLATES: Readonly<Record<string, Template>> = Object.fromEntries(
  ALL_VERSIONS.map((template) => [template.id, latest(template.id)!]),
);

function latest(id: string): Template | undefined {
  return ALL_VERSIONS.filter((t) => t.id === id).sort((a, b) => b.version - a.version)[0];
}

/** A template by id: the given version, or the latest one. Undefined when there is none. */
export function getTemplate(id: string, version?: number): Template | undefined {
  if (version === undefined) return Object.hasOwn(TEMPLATES, id) ? TEMPLATES[id] : undefined;
  return ALL_VERSIONS.find((t) => t.id === id && t.version === version);
}
