import type { Template } from "../template.schema";
import { annex61Template } from "./annex-6-1";
import { reintegrationTemplate } from "./reintegration";

/** Every questionnaire template the portal offers, by id. */
export const TEMPLATES: Readonly<Record<string, Template>> = {
  [annex61Template.id]: annex61Template,
  [reintegrationTemplate.id]: reintegrationTemplate,
};

/** The template with this id, or undefined (never an inherited object property). */
export function getTemplate(id: string): Template | undefined {
  return Object.hasOwn(TEMPLATES, id) ? TEMPLATES[id] : undefined;
}
