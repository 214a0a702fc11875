import en from "./texts.en";
import sq from "./texts.sq";

/**
 * Both languages' texts, for the server, which renders pages and writes mail in either. Browsers
 * never get this module (a `.server` module): a staff page loads only its own language
 * (app/i18n/i18n.ts, loadLanguage).
 */
export const resources = { sq, en } as const;
