// A survivor's way through a questionnaire, as a browser with JavaScript off would walk it:
// read each page's form, keep its hidden fields (the answers travel in the form), answer every
// radio group and checkbox group on the page, press Continue, and at the review page press
// Send where its button posts. Shared by bench/survivor.ts and bench/soak.ts.
import { type Client, decoded, form } from "./harness";

export const DEMO_TITLE = "Feedback on the support you received (demo)";
export const DEMO_CODES_TITLE = "Reintegration services: your view (demo, with codes)";

/** The slug of the demo campaign with this English title, from the English landing page. */
export async function campaignSlug(client: Client, title: string): Promise<string> {
  const home = decoded(await client.request("GET", "/en"));
  for (const match of home.matchAll(/<a\b[^>]*href="(?:\/en)?\/f\/([a-z0-9]+)"[^>]*>([^<]*)<\/a>/g))
    if (match[2]!.trim() === title) return match[1]!;
  throw new Error(`the landing page has no link to "${title}"`);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  "#x27": "'",
};
const unescape = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!);

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  return out;
}

/** The fields a person would send from this page's questionnaire form, with `nav` pressed. */
export function formFields(html: string, variant: number, nav: string): [string, string][] {
  const start = html.indexOf('class="app-questionnaire"');
  const end = html.indexOf("</form>", start);
  if (start < 0 || end < 0) throw new Error("no questionnaire form on the page");
  const body = html.slice(start, end);
  const fields: [string, string][] = [];
  const groups = new Map<string, string[]>();
  for (const m of body.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (!a.name) continue;
    if (a.type === "hidden") fields.push([a.name, a.value ?? ""]);
    else if (a.type === "radio" || a.type === "checkbox") {
      const list = groups.get(a.name) ?? [];
      list.push(a.value ?? "on");
      groups.set(a.name, list);
    }
  }
  for (const [name, values] of groups) {
    // Leave a few questions unanswered, as people do; vary the answers between flows.
    if ((name.length + variant) % 5 === 0) continue;
    fields.push([name, values[(name.length + variant) % values.length]!]);
  }
  fields.push(["nav", nav]);
  return fields;
}

/** The value of the hidden `page` field: which page of the journey this is. */
export const pageOf = (html: string) => /name="page" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** Where the review page's Send button posts (its formaction), or the form's own action. */
export function sendPath(html: string, fallback: string): string {
  const button = /<button[^>]*name="nav"[^>]*value="submit"[^>]*>/.exec(html)?.[0] ?? "";
  return /formaction="([^"]+)"/.exec(button)?.[1] ?? fallback;
}

export type Step = { method: "GET" | "POST"; path: string; body?: string };

export type Flow = {
  /** Every request, in order; the last is the Send. */
  steps: Step[];
  /** Request time of each step, ms. */
  ms: number[];
  /** True when Send was answered with a redirect to the thank-you page. */
  stored: boolean;
  /** The review page's HTML. */
  review: string;
};

const MAX_PAGES = 40;

/**
 * Walks the open campaign `slug` from its intro page to Send, answering every page (answers
 * vary with `variant`). Throws if a page is not what a browser would get (status, no form).
 */
export async function walkFlow(
  client: Client,
  slug: string,
  variant: number,
  /** False: stop at the review page, Send not pressed (its request is the last step, unsent). */
  pressSend = true,
  /** For a campaign with access codes: the code, typed on the first page. */
  code?: string,
): Promise<Flow> {
  const steps: Step[] = [];
  const times: number[] = [];
  const send = async (step: Step) => {
    steps.push(step);
    const reply = await client.request(step.method, step.path, {
      headers: { Accept: "text/html" },
      body: step.body,
    });
    times.push(reply.ms);
    return reply;
  };
  let reply = await send(
    code === undefined
      ? { method: "GET", path: `/f/${slug}` }
      : {
          method: "POST",
          path: `/f/${slug}`,
          body: form([
            ["intent", "code"],
            ["code", code],
          ]),
        },
  );
  for (let i = 0; i < MAX_PAGES; i++) {
    if (reply.status !== 200) throw new Error(`page ${steps.at(-1)!.path}: status ${reply.status}`);
    const html = decoded(reply);
    if (pageOf(html) === "review") {
      const last: Step = {
        method: "POST",
        path: sendPath(html, `/f/${slug}`),
        body: form(formFields(html, variant, "submit")),
      };
      if (!pressSend) return { steps: [...steps, last], ms: times, stored: false, review: html };
      const done = await send(last);
      const location = String(done.headers.location ?? "");
      const stored = done.status === 302 && location.endsWith("/thanks");
      return { steps, ms: times, stored, review: html };
    }
    reply = await send({
      method: "POST",
      path: `/f/${slug}`,
      body: form(formFields(html, variant, "next")),
    });
  }
  throw new Error(`no review page after ${MAX_PAGES} pages`);
}
