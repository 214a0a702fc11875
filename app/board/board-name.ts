import type { Lang } from "../i18n/lang";

/**
 * A board's name in a page's or an email's language (client-safe): the English name on English
 * pages when the secretariat gave one, else the Albanian name, which is always there ("Albanian
 * first, English always"). The SQL twin for joined rows is `boardNameIn` (boards.server.ts).
 */
export function boardName(board: { name: string; nameEn: string }, lang: Lang): string {
  return lang === "en" && board.nameEn.trim() !== "" ? board.nameEn : board.name;
}
