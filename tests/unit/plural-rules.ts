/**
 * The plural rules every message with a number follows (issue 12 §4), as pure checks the
 * locale test runs over the real locales and the real call sites, and over small examples to
 * prove each check catches what it should.
 *
 * Albanian and English both have exactly two CLDR plural categories, `one` and `other`
 * (Intl.PluralRules("sq" | "en")), so a message with a number is a pair of keys
 * `<key>_one` / `<key>_other` read with `t(key, { count })`. The number the plural follows is
 * the one the noun agrees with ("These {{count}} codes", "{{count}} of the {{received}}
 * responses" follows received). A number that no word agrees with (an ordinal, a score out of
 * a maximum, a percentage, a bare bound such as "From 1 to {{max}}") may keep its own name; each
 * such use is listed in BARE_NUMBERS with the reason.
 */
import ts from "typescript";

export type Flat = Map<string, string>;

export const PLURAL_SUFFIXES = ["_one", "_other"] as const;
const PLURAL_SUFFIX = /_(one|other)$/;
const OTHER_CLDR_SUFFIX = /_(zero|two|few|many)$/;

/**
 * Messages that interpolate a number under a name other than `count`, because no word in
 * either language agrees with it. Key (with namespace, without plural suffix) → variables.
 */
export const BARE_NUMBERS: Record<string, { variables: string[]; why: string }> = {
  // Minutes (app/meetings/minutes*): ordinals and positions, never counts.
  "minutes:page.amendmentHeading": { variables: ["number"], why: "an amendment's ordinal" },
  "minutes:approvedHere.amendment": { variables: ["number"], why: "an amendment's ordinal" },
  "minutes:page.itemTitle": { variables: ["number"], why: "an agenda item's position: '3. …'" },
  "minutes:locked.offer": { variables: ["number"], why: "the next amendment's ordinal" },
  "minutes:amendment.heading": { variables: ["number"], why: "the next amendment's ordinal" },
  "minutes:compare.documentAmendment": { variables: ["number"], why: "an amendment's ordinal" },
  "minutes:compare.revision": { variables: ["number"], why: "a revision's ordinal" },
  "minutes:comments.by": { variables: ["revision"], why: "the revision commented on, an ordinal" },
  "review:scores.cell": {
    variables: ["experience", "expertise", "participation", "total"],
    why: "scores 0-3 and a total out of 9: '3 / 2 / 1 (total 6)'",
  },
  "review:scores.spreadOf": {
    variables: ["spread"],
    why: "a score difference after a criterion's name: 'Experience 2'",
  },
  "assessment:assessment.sectionHeading": {
    variables: ["max"],
    why: "a section's maximum score in brackets: '(maksimumi 8)'",
  },
  "assessment:assessment.itemLegend": { variables: ["number"], why: "an item's position: '3. …'" },
  "assessment:programme.pageOf": {
    variables: ["page"],
    why: "a page's ordinal beside the count of pages: 'Page 2 of 20'",
  },
  "assessment:assessment.scaleOption": { variables: ["score"], why: "a score in brackets" },
  "assessment:assessment.theirValue": {
    variables: ["score"],
    why: "the label of a score someone else saved: 'Ndonjëherë (1)'",
  },
  "assessment:result.totalLine": {
    variables: ["score", "max", "percent"],
    why: "'Totali: 21 nga 30 (70%)'",
  },
  "assessment:result.percentValue": { variables: ["percent"], why: "a percentage" },
  "assessment:result.ofMax": { variables: ["score", "max"], why: "'21 nga 30'" },
  "assessment:result.ofMaxPercent": {
    variables: ["score", "max", "percent"],
    why: "'21 nga 30 (70%)'",
  },
  "meetings:admin.publishedNotice": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:declaration.signedNotice": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:declaration.statusSigned": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:declaration.statusNewVersion": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:declaration.versionHeading": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:declaration.signatureLink": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "meetings:signed.heading": {
    variables: ["version"],
    why: "the confidentiality declaration's version number",
  },
  "assessment:revisions.item": { variables: ["number"], why: "a version's number" },
  "assessment:revisions.thisOne": { variables: ["number"], why: "a version's number" },
  "feedback:questionnaire.sectionOf": {
    variables: ["number", "total"],
    why: "a position: 'Pjesa 2 nga 5'",
  },
  "feedback:staff.fields.kHint": {
    variables: ["min"],
    why: "a bare lower bound after 'At least' / 'Të paktën'",
  },
  "feedback:staff.campaign.fewerThanK": {
    variables: ["k"],
    why: "a bare bound: 'më pak se 5'",
  },
  "feedback:staff.codes.counts": {
    variables: ["used"],
    why: "the noun agrees with count (codes made); used is a bare number",
  },
  "feedback:staff.codes.countHint": {
    variables: ["max"],
    why: "a bare range: 'Nga 1 deri në 500'",
  },
  "feedback:staff.codes.invalid": { variables: ["max"], why: "a bare range: 'nga 1 deri në 500'" },
  "feedback:staff.results.notEnough": {
    variables: ["k"],
    why: "a bare bound after 'at least' / 'të paktën'",
  },
  "feedback:staff.results.fewerThan": { variables: ["k"], why: "a bare bound: 'më pak se 5'" },
  "feedback:staff.results.countPercent": {
    variables: ["percent"],
    why: "a percentage beside the count",
  },
  "feedback:staff.freeText.itemHeading": { variables: ["number"], why: "a text's position" },
  "feedback:staff.freeText.approved.itemHeading": {
    variables: ["number"],
    why: "an approved text's position",
  },
  "feedback:staff.results.summary.includedOf": {
    variables: ["published"],
    why: "the noun agrees with count (responses received); published is a bare number",
  },
  "feedback:staff.new.step": {
    variables: ["step", "steps"],
    why: "a position: 'Hapi 1 nga 2'",
  },
  "feedback:staff.results.folded.answersHidden": {
    variables: ["answered", "skipped"],
    why: "counts as values after labels: 'Answered: 12 · Skipped: 3'",
  },
  "feedback:staff.results.summary.questions": {
    variables: ["shown"],
    why: "the noun agrees with count (questions); shown is a bare number",
  },
  "practices:list.answeredValue": {
    variables: ["answered", "total"],
    why: "'3 nga 10' in the column 'Questions answered'",
  },
  "practices:practice.questionLabel": { variables: ["number"], why: "a question's position" },
};

/** Variable names that hold a number wherever they appear in the locales. */
export const NUMERIC_VARIABLES = new Set([
  "count",
  "n",
  "num",
  "number",
  "total",
  "max",
  "min",
  "k",
  "used",
  "published",
  "shown",
  "received",
  "percent",
  "score",
  "answered",
  "skipped",
  "step",
  "steps",
  "minutes",
  "hours",
  "days",
]);

const variablesOf = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!);

/** `ns:key_one` / `ns:key_other` → `ns:key`; any other key unchanged. */
export const pluralBase = (key: string) => key.replace(PLURAL_SUFFIX, "");

/** True when `key` (with namespace) exists as a pair of plural keys in `locale`. */
export const hasPluralForms = (locale: Flat, key: string) =>
  PLURAL_SUFFIXES.every((suffix) => locale.has(`${key}${suffix}`));

/**
 * Problems in the locale files themselves: a plural key without its sibling (in either
 * language), a plural category sq/en do not have, a `{{count}}` message that is not a plural
 * pair, and a numeric variable other than `count` that BARE_NUMBERS does not explain.
 * `numericNames` adds the names the call sites were seen passing numbers under.
 */
export function localePluralProblems(
  locales: Record<string, Flat>,
  numericNames: Iterable<string> = [],
): string[] {
  const numeric = new Set([...NUMERIC_VARIABLES, ...numericNames]);
  const problems: string[] = [];
  for (const [lang, locale] of Object.entries(locales)) {
    for (const [key, text] of locale) {
      const suffix = PLURAL_SUFFIX.exec(key)?.[0];
      const base = pluralBase(key);
      // "errors.too_many" is a plain key; "x_many" beside "x_other" is a category sq/en lack.
      const extra = OTHER_CLDR_SUFFIX.exec(key)?.[0];
      if (extra && locale.has(`${key.slice(0, -extra.length)}_other`))
        problems.push(`${lang} ${key}: Albanian and English have only _one and _other`);
      if (suffix) {
        for (const [otherLang, other] of Object.entries(locales))
          for (const needed of PLURAL_SUFFIXES)
            if (!other.has(`${base}${needed}`))
              problems.push(`${otherLang} ${base}${needed}: missing beside the other plural form`);
        if (locale.has(base))
          problems.push(`${lang} ${base}: both a plain key and plural keys; keep only the pair`);
      }
      for (const name of variablesOf(text)) {
        if (!numeric.has(name)) continue;
        if (name === "count") {
          if (!suffix)
            problems.push(`${lang} ${key}: has {{count}} but no _one/_other plural forms`);
        } else if (!BARE_NUMBERS[base]?.variables.includes(name)) {
          problems.push(
            `${lang} ${key}: interpolates the number {{${name}}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)`,
          );
        }
      }
    }
  }
  return [...new Set(problems)];
}

/** Each BARE_NUMBERS entry names a message that exists and a variable it uses. */
export function staleBareNumbers(locale: Flat): string[] {
  const stale: string[] = [];
  for (const [key, { variables }] of Object.entries(BARE_NUMBERS)) {
    const texts = [locale.get(key), ...PLURAL_SUFFIXES.map((s) => locale.get(`${key}${s}`))];
    const used = new Set(texts.flatMap((text) => (text ? variablesOf(text) : [])));
    for (const name of variables) if (!used.has(name)) stale.push(`${key}: {{${name}}}`);
  }
  return stale;
}

const usesVariable = (locales: Record<string, Flat>, key: string, name: string) =>
  Object.values(locales).some((locale) =>
    [key, ...PLURAL_SUFFIXES.map((suffix) => `${key}${suffix}`)].some((k) =>
      variablesOf(locale.get(k) ?? "").includes(name),
    ),
  );

export type CallSite = {
  where: string;
  /**
   * The key as written, with namespace, when it can be read statically (a string literal, or
   * either branch of `cond ? "a" : "b"`); null when it is built at run time.
   */
  keys: string[] | null;
  /** Option names whose value is a number. */
  numbers: string[];
  /** Every option name passed (empty when there are no options). */
  names: string[];
};

const isNumberish = (checker: ts.TypeChecker, node: ts.Expression): boolean => {
  const type = checker.getTypeAtLocation(node);
  const numeric = (t: ts.Type) =>
    (t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) !== 0;
  if (numeric(type) || (type.isUnion() && type.types.every(numeric))) return true;
  // A number turned into text on the way: String(n), n.toString(), n.toFixed(1), n.toLocaleString().
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isIdentifier(callee) && callee.text === "String" && node.arguments[0])
      return isNumberish(checker, node.arguments[0]);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ["toString", "toFixed", "toLocaleString"].includes(callee.name.text)
    )
      return isNumberish(checker, callee.expression);
  }
  return false;
};

/**
 * Every call of a translate function (`t(...)`, `i18n.t(...)`) in the program's files under
 * `sourceRoot`, with the key when it is a string literal and the options that carry numbers
 * (by their type, so a count computed anywhere is found). `defaultNs` gives a file's namespace.
 */
export function findTranslateCalls(
  program: ts.Program,
  sourceRoot: string,
  defaultNs: (source: ts.SourceFile) => string,
): CallSite[] {
  const checker = program.getTypeChecker();
  const calls: CallSite[] = [];
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(sourceRoot) || source.isDeclarationFile) continue;
    const ns = defaultNs(source);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : null;
        const [keyArg, options] = node.arguments;
        if (name === "t" && keyArg && (!options || ts.isObjectLiteralExpression(options))) {
          const numbers: string[] = [];
          const names: string[] = [];
          for (const property of options?.properties ?? []) {
            if (property.name) names.push(property.name.getText(source));
            const value = ts.isPropertyAssignment(property)
              ? property.initializer
              : ts.isShorthandPropertyAssignment(property)
                ? property.name
                : null;
            if (value && property.name && isNumberish(checker, value))
              numbers.push(property.name.getText(source));
          }
          const literal = (e: ts.Expression): string[] | null => {
            if (ts.isStringLiteralLike(e))
              return [e.text.includes(":") ? e.text : `${ns}:${e.text}`];
            if (ts.isParenthesizedExpression(e)) return literal(e.expression);
            if (ts.isConditionalExpression(e)) {
              const [a, b] = [literal(e.whenTrue), literal(e.whenFalse)];
              return a && b ? [...a, ...b] : null;
            }
            return null;
          };
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          calls.push({
            where: `${source.fileName.slice(sourceRoot.length + 1)}:${line + 1}`,
            keys: literal(keyArg),
            numbers,
            names,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/**
 * Problems at the call sites: a number passed under a name other than `count` (unless the
 * message is in BARE_NUMBERS for that name), and a `count` passed to a message that has no
 * plural forms in one of the languages.
 */
export function callSitePluralProblems(calls: CallSite[], locales: Record<string, Flat>): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    // A message that exists only as plural forms shows its key when read without count.
    for (const key of call.keys ?? []) {
      if (call.names.includes("count")) continue;
      for (const [lang, locale] of Object.entries(locales))
        if (!locale.has(key) && PLURAL_SUFFIXES.some((suffix) => locale.has(`${key}${suffix}`)))
          problems.push(
            `${call.where}: t("${key}") is a plural message read without count (${lang})`,
          );
    }
    const keys = call.keys ?? [null];
    for (const name of call.numbers) {
      for (const key of keys) {
        if (name === "count") {
          if (key === null) continue; // the locale check covers every {{count}} message
          for (const [lang, locale] of Object.entries(locales))
            if (!hasPluralForms(locale, key))
              problems.push(`${call.where}: t("${key}", { count }) has no _one/_other in ${lang}`);
        } else if (key !== null && !usesVariable(locales, key, name)) {
          continue; // passed but not shown, e.g. one branch of `cond ? "a" : "b"`
        } else if (key === null || !BARE_NUMBERS[key]?.variables.includes(name)) {
          problems.push(
            `${call.where}: t(${key ? `"${key}"` : "…"}) passes the number "${name}" without count`,
          );
        }
      }
    }
  }
  return problems;
}

/** A program over the given in-memory files (for the examples that prove the checks). */
export function programFromSources(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    noLib: false,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName in files
      ? ts.createSourceFile(fileName, files[fileName]!, languageVersion, true)
      : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName in files || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => files[fileName] ?? readFile(fileName);
  return ts.createProgram(Object.keys(files), options, host);
}
