import { pressAndLoad } from "./feedback-helpers";
import { expect, test, type Browser, type BrowserContext, type Page } from "./fixtures";
import { DEMO, signInOk } from "./helpers";

/**
 * HTML and script payloads through every form, seen by every role (issue 12 §9).
 *
 * Every text field of every form is filled with markup and script carrying a marker unique to
 * that form and field (`__xss_<id>`), and submitted. Then every page that can show that text is
 * opened as each role that can see it, and must show the text as text:
 *  - nothing ran: no `window.__xss_*` flag is set, no Content-Security-Policy violation was
 *    reported (an injected inline script or handler would be blocked by the CSP and reported),
 *    and the DOM holds no element with an event handler, script or javascript: URL carrying a
 *    marker;
 *  - nothing is unescaped: the HTML the server sent contains none of the payloads' raw markup;
 *  - the marker is there (escaped), so the page really showed what was submitted;
 *  - downloads (CSV) are attachments with their own type and nosniff, never a page.
 *
 * Table-driven: FORMS has one entry per form (how to reach it, which fields get payloads, how to
 * send it, which pages show its text and to whom). A form added later is one entry. Forms that
 * belong here when they land: forgotten password (request and new password: email, password
 * fields; the sign-in page shows the notice), restored staff input after a session ended (the
 * form shown again after sign-in).
 *
 * A campaign's wording has one payload per field and language: each public page must show its
 * own language's and not the other's (`absent`), so a page falling back to the wrong language
 * fails too. Campaigns belong to an organisation: the coordinator joins the one made below.
 */

type Who = "admin" | "coordinator" | "anonymous";

/** A page that can show submitted text, and who can open it. */
type Shows = {
  path: (ids: Ids) => string;
  as: Who[];
  download?: boolean;
  /** The payload ids this page must show; by default every field of the entry. */
  expect?: string[];
  /** Payload ids this page must not show (another language's wording, a withdrawn text). */
  absent?: string[];
};

type FormEntry = {
  name: string;
  /** Who fills in the form (a survivor's browser has JavaScript off). */
  as: Who;
  /** Opens the form; may leave ids behind for the entries after it. */
  open: (page: Page, ids: Ids) => Promise<void>;
  /** Field name → payload id; each field gets `payload(id, max)`. */
  fields: Record<string, { id: string; max?: number }>;
  /** Fills what the form needs besides the payloads and sends it. */
  send: (page: Page, ids: Ids) => Promise<void>;
  /** Which form on the page (when there are several). */
  form?: string;
  shows: Shows[];
};

type Ids = Record<string, string>;

const MARK = (id: string) => `__xss_${id}`;

/** Markup and script in one string, as many parts as fit in `max` characters. */
export function payload(id: string, max = 2000): string {
  const m = MARK(id);
  const parts = [
    `"'><img src=x onerror=${m}=1>`,
    `</textarea><script>${m}=1</script>`,
    `<svg onload=${m}=1>`,
    `javascript:${m}=1//`,
    "${" + m + "=1}`",
    `{{constructor.constructor('${m}=1')()}}`,
  ];
  let out = "";
  for (const part of parts) if ((out + part).length <= max) out += part;
  return out;
}

/** Raw markup of the payloads: present in a server's HTML only if a value was not escaped. */
const RAW = [
  /<img src=x onerror=__xss_/i,
  /<script>__xss_/i,
  /<svg onload=__xss_/i,
  /<\/textarea><script>/i,
  /(href|src|action|formaction)\s*=\s*["']?\s*javascript:__xss_/i,
];

const ids: Ids = {};

async function fillFields(page: Page, entry: FormEntry) {
  const scope = entry.form
    ? page.locator(entry.form)
    : page.locator("main form").filter({
        has: page.locator(`[name="${Object.keys(entry.fields)[0]}"]`),
      });
  // Forms folded away in <details> (e.g. rename) are opened first, as a person would.
  if (entry.as !== "anonymous")
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  for (const [name, { id, max }] of Object.entries(entry.fields)) {
    await scope.first().locator(`[name="${name}"]`).first().fill(payload(id, max));
  }
  return scope.first();
}

const submit = (page: Page, form?: string) =>
  page
    .locator(form ?? "main form")
    .filter({ has: page.locator("button[type=submit]") })
    .first()
    .locator("button[type=submit]")
    .first()
    .click();

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One entry per form. The order matters: later forms use what earlier ones made (ids).
 * Add a new form here; if it needs something made first, put it after that.
 */
const FORMS: FormEntry[] = [
  {
    name: "organisation (create)",
    as: "admin",
    open: (page) => page.goto("/en/staff/organisations").then(() => undefined),
    fields: { name: { id: "org_name", max: 200 } },
    send: async (page, ids) => {
      await page.locator("main form").getByRole("radio").first().check();
      await submit(page, "main form:has([name=name])");
      await page.waitForURL(/\/staff\/organisations\/[0-9a-f-]{36}$/);
      ids.organisation = page.url().split("/").pop()!;
      // The demo coordinator joins, so the coordinator's view is tested too.
      const member = page.locator("form:has(select[name=userId])").first();
      const coordinator = await member
        .locator("option", { hasText: DEMO.coordinator })
        .getAttribute("value");
      await member.locator("select[name=userId]").selectOption(coordinator!);
      await member.locator("button[type=submit]").click();
      await page.waitForLoadState("networkidle");
    },
    shows: [
      { path: () => "/en/staff/organisations", as: ["admin", "coordinator"] },
      {
        path: (ids) => `/en/staff/organisations/${ids.organisation}`,
        as: ["admin", "coordinator"],
      },
      { path: () => "/en/staff/admin/audit", as: ["admin"] },
    ],
  },
  {
    name: "organisation (rename)",
    as: "admin",
    open: (page, ids) =>
      page.goto(`/en/staff/organisations/${ids.organisation}`).then(() => undefined),
    form: "main form:has(input[name=intent][value=edit-organisation])",
    fields: { name: { id: "org_name2", max: 200 } },
    send: async (page) => {
      await page
        .locator("main form:has(input[name=intent][value=edit-organisation]) button[type=submit]")
        .click();
      await expect(page.getByText(MARK("org_name2")).first()).toBeVisible();
    },
    shows: [
      { path: () => "/en/staff/organisations", as: ["admin", "coordinator"] },
      {
        path: (ids) => `/en/staff/organisations/${ids.organisation}/practices`,
        as: ["admin", "coordinator"],
      },
    ],
  },
  {
    name: "programme (create)",
    as: "coordinator",
    open: (page, ids) =>
      page.goto(`/en/staff/organisations/${ids.organisation}`).then(() => undefined),
    form: "main form:not(:has(input[name=intent]))",
    fields: { name: { id: "prog_name", max: 200 }, description: { id: "prog_desc" } },
    send: async (page, ids) => {
      await submit(page, "main form:not(:has(input[name=intent])):has([name=description])");
      await page.waitForURL(/\/staff\/programmes\/[0-9a-f-]{36}$/);
      ids.programme = page.url().split("/").pop()!;
    },
    shows: [
      {
        path: (ids) => `/en/staff/organisations/${ids.organisation}`,
        as: ["admin", "coordinator"],
        expect: ["prog_name"],
      },
      { path: (ids) => `/en/staff/programmes/${ids.programme}`, as: ["admin", "coordinator"] },
    ],
  },
  {
    name: "assessment (start: participants)",
    as: "coordinator",
    open: (page, ids) => page.goto(`/en/staff/programmes/${ids.programme}`).then(() => undefined),
    form: "main form:has([name=participants])",
    fields: { participants: { id: "asmt_people", max: 1000 } },
    send: async (page, ids) => {
      const form = page.locator("main form:has([name=participants])");
      await form.locator("[name=assessedOn]").fill(today());
      await form.locator("button[type=submit]").click();
      await page.waitForURL(/\/staff\/assessments\/[0-9a-f-]{36}/);
      ids.assessment = new URL(page.url()).pathname.split("/").pop()!;
    },
    shows: [
      { path: (ids) => `/en/staff/assessments/${ids.assessment}`, as: ["admin", "coordinator"] },
    ],
  },
  {
    name: "assessment (scores and evidence notes)",
    as: "coordinator",
    open: (page, ids) => page.goto(`/en/staff/assessments/${ids.assessment}`).then(() => undefined),
    form: "main form:has(textarea[name^='note:'])",
    fields: {
      "note:employment_opportunities": { id: "asmt_note1", max: 2000 },
      "note:leadership_positions": { id: "asmt_note2", max: 2000 },
    },
    send: async (page) => {
      const form = page.locator("main form:has(textarea[name^='note:'])");
      for (const group of await form
        .locator("fieldset:has(input[type=radio][name^='score:'])")
        .all())
        await group.locator("input[type=radio][value='1']").check();
      await form.locator("button[name=intent][value=complete]").click();
      await page.waitForLoadState("networkidle");
    },
    shows: [
      { path: (ids) => `/en/staff/assessments/${ids.assessment}`, as: ["admin", "coordinator"] },
      {
        path: (ids) => `/en/staff/assessments/${ids.assessment}/export`,
        as: ["coordinator"],
        download: true,
      },
      {
        path: (ids) => `/en/staff/programmes/${ids.programme}/export`,
        as: ["coordinator"],
        download: true,
        expect: [],
      },
      {
        path: (ids) => `/en/staff/programmes/${ids.programme}`,
        as: ["admin", "coordinator"],
        expect: [],
      },
    ],
  },
  {
    name: "good practice (create)",
    as: "coordinator",
    open: (page, ids) =>
      page.goto(`/en/staff/organisations/${ids.organisation}/practices`).then(() => undefined),
    fields: { title: { id: "gp_title", max: 200 }, description: { id: "gp_desc" } },
    send: async (page, ids) => {
      await submit(page, "main form:has([name=title])");
      await page.waitForURL(/\/staff\/practices\/[0-9a-f-]{36}/);
      ids.practice = new URL(page.url()).pathname.split("/").pop()!;
    },
    shows: [
      {
        path: (ids) => `/en/staff/organisations/${ids.organisation}/practices`,
        as: ["admin", "coordinator"],
        expect: ["gp_title"],
      },
      { path: (ids) => `/en/staff/practices/${ids.practice}`, as: ["admin", "coordinator"] },
    ],
  },
  {
    name: "good practice (answers)",
    as: "coordinator",
    open: (page, ids) => page.goto(`/en/staff/practices/${ids.practice}`).then(() => undefined),
    form: "main form:has(textarea[name='answer:problem'])",
    fields: { "answer:problem": { id: "gp_answer1" }, "answer:reach": { id: "gp_answer2" } },
    send: async (page) => {
      await page.locator("main form button[name=intent][value=save]").click();
      await page.waitForURL(/saved=1/);
    },
    shows: [{ path: (ids) => `/en/staff/practices/${ids.practice}`, as: ["admin", "coordinator"] }],
  },
  {
    name: "campaign (create: questionnaire and languages, then wording in each language)",
    as: "coordinator",
    open: async (page) => {
      await page.goto("/en/staff/feedback/new");
      // Step 1 (a GET form): the demo questionnaire, in both languages (the default).
      for (const box of await page.locator('input[name="languages"]').all()) await box.check();
      await page.locator("main form button[type=submit]").click();
      await page.waitForURL(/templateId=/);
    },
    fields: campaignFields("camp"),
    send: async (page, ids) => {
      await page.locator(`input[name=organisationId][value="${ids.organisation}"]`).check();
      await page.locator("input[name=purpose][value=other]").check();
      await page.locator("input[name=collectorProvidedSupport][value=no]").check();
      for (const box of await page.locator('input[name="sections"]').all()) {
        const value = await box.getAttribute("value");
        if (value !== "first_contact" && (await box.isChecked())) await box.uncheck();
      }
      await page.locator("#minGroupSize").fill("3");
      await submit(page, "main form:has([name=title_sq])");
      await page.waitForURL(/\/staff\/feedback\/[0-9a-f-]{36}\?created=1/);
      ids.campaign = new URL(page.url()).pathname.split("/").pop()!;
      // The Albanian address (the page shows the English one on an English page).
      ids.publicLink = new URL(
        (await page.locator(".app-code").first().innerText()).trim(),
      ).pathname.replace(/^\/en\//, "/");
    },
    shows: campaignPages("camp"),
  },
  {
    name: "campaign (edit: organisation, wording in each language, dates)",
    as: "coordinator",
    open: (page, ids) => page.goto(`/en/staff/feedback/${ids.campaign}/edit`).then(() => undefined),
    form: "main form:has([name=title_sq])",
    fields: campaignFields("camp2"),
    send: async (page) => {
      await submit(page, "main form:has([name=title_sq])");
      await page.waitForURL(/updated=1/);
    },
    shows: [
      ...campaignPages("camp2"),
      {
        path: (ids) => `/en/staff/feedback/${ids.campaign}/free-text`,
        as: ["admin", "coordinator"],
        expect: ["camp2_en_title"],
      },
      { path: () => "/en/staff/admin/audit", as: ["admin"], expect: [] },
    ],
  },
  ...[1, 2, 3].map((n): FormEntry => ({
    name: `questionnaire ${n} (free text, comments and the closing answer)`,
    as: "anonymous",
    open: (page, ids) => page.goto(`/en${ids.publicLink!}`).then(() => undefined),
    fields: {},
    send: async (page) => {
      await pressAndLoad(page, page.locator("button[name=nav][value=next]").first());
      // Every text box on every page gets its own payload, through to the review page.
      for (let step = 0; step < 6; step += 1) {
        const boxes = await page.locator("main textarea").all();
        for (const [index, box] of boxes.entries())
          await box.fill(payload(`q${n}_${step}_${index}`, 1900));
        const next = page.locator("button[name=nav][value=next]");
        if (!(await next.count())) break;
        await pressAndLoad(page, next.first());
      }
      // The review page shows every answer as typed, before anything is stored.
      await expectInert(page, { javaScript: false, expect: [`q${n}_0_0`] });
      await page.locator("button[name=nav][value=submit]").click();
      await expect(page).toHaveURL(/\/thanks$/);
    },
    shows: [],
  })),
  ...(["red", "red_w"] as const).map((prefix, index): FormEntry => ({
    name: `redaction queue (preview, then approve: text, names, places, dates) ${index + 1}`,
    as: "coordinator",
    open: (page, ids) =>
      page.goto(`/en/staff/feedback/${ids.campaign}/free-text`).then(() => undefined),
    form: "main form:has(textarea[name=text])",
    fields: {
      text: { id: `${prefix}_text`, max: 4000 },
      names: { id: `${prefix}_names`, max: 1000 },
      places: { id: `${prefix}_places`, max: 1000 },
      dates: { id: `${prefix}_dates`, max: 1000 },
    },
    send: async (page, ids) => {
      // The queue shows the answers as typed, before anyone approves them.
      if (index === 0)
        await expectInert(page, { javaScript: true, expect: ["q1_0_0", "q2_0_0", "q3_0_0"] });
      const form = page.locator("main form:has(textarea[name=text])").first();
      await form.locator("button[name=decision][value=preview]").click();
      // The preview shows the redacted wording (markers and all) before it can be approved.
      await expect(page.getByTestId("redaction-preview")).toBeVisible();
      await expectInert(page, { javaScript: true, expect: [`${prefix}_text`, `${prefix}_names`] });
      await page
        .locator("main form:has([data-testid=redaction-preview])")
        .locator("button[name=decision][value=approve]")
        .click();
      await expect(page.getByText("The text has been approved")).toBeVisible();
      // Approved: it is in the results and in the approved list (checked here, before the
      // second one is withdrawn below).
      await page.goto(`/en/staff/feedback/${ids.campaign}/results`);
      await expectInert(page, { javaScript: true, expect: [`${prefix}_text`] });
    },
    shows: [
      {
        path: (ids) => `/en/staff/feedback/${ids.campaign}/free-text`,
        as: ["admin", "coordinator"],
        expect: prefix === "red" ? ["red_text"] : [],
        absent: prefix === "red" ? [] : ["red_w_text"],
      },
      {
        path: (ids) => `/en/staff/feedback/${ids.campaign}/results`,
        as: ["admin", "coordinator"],
        expect: prefix === "red" ? ["red_text"] : [],
        absent: prefix === "red" ? [] : ["red_w_text"],
      },
      {
        path: (ids) => `/en/staff/feedback/${ids.campaign}/export?kind=free-text`,
        as: ["coordinator"],
        download: true,
        expect: prefix === "red" ? ["red_text"] : [],
        absent: prefix === "red" ? [] : ["red_w_text"],
      },
    ],
  })),
  {
    name: "redaction queue (withdraw an approved text)",
    as: "coordinator",
    open: (page, ids) =>
      page.goto(`/en/staff/feedback/${ids.campaign}/free-text`).then(() => undefined),
    fields: {},
    send: async (page) => {
      await page
        .locator(".app-approved-texts__item", { hasText: MARK("red_w_text") })
        .locator("button[name=decision][value=withdraw]")
        .click();
      await expect(page.getByText("The text has been withdrawn")).toBeVisible();
      // Gone from the approved list; the other approved text stays.
      await expectInert(page, { javaScript: true, expect: ["red_text"] });
      // (The page's own loader data from before the withdrawal stays in its HTML source, so the
      // list is checked here and the server's fresh HTML below, under `absent`.)
      await expect(
        page.locator(".app-approved-texts__item", { hasText: MARK("red_w_text") }),
      ).toHaveCount(0);
    },
    shows: [],
  },
  {
    name: "access code",
    as: "anonymous",
    open: (page) => page.goto("/en").then(() => undefined),
    fields: {},
    send: async (page) => {
      await page
        .getByRole("link", { name: /with codes/ })
        .first()
        .click();
      await page.locator("[name=code]").fill(payload("code", 100));
      await page.locator("main form button[type=submit]").first().click();
      await expectInert(page, { javaScript: false, expect: ["code"] });
    },
    shows: [],
  },
  {
    name: "invitation (name; the address is refused and shown again)",
    as: "admin",
    open: (page) => page.goto("/en/staff/admin/users").then(() => undefined),
    form: "main form:has([name=displayName])",
    fields: { displayName: { id: "inv_name", max: 120 } },
    send: async (page) => {
      const form = page.locator("main form:has([name=displayName])");
      await form.locator("[name=email]").fill(`x${payload("inv_mail", 60)}@example.org`);
      await form.locator("[name=roles]").first().check();
      await form.locator("button[type=submit]").click();
      await expect(page.locator(".app-error-summary")).toBeVisible();
      await expectInert(page, { javaScript: true, expect: ["inv_mail"] });
      await form.locator("[name=email]").fill("payload-person@test.example");
      await form.locator("button[type=submit]").click();
      await expect(page.getByText("payload-person@test.example").first()).toBeVisible();
    },
    shows: [
      { path: () => "/en/staff/admin/users", as: ["admin"] },
      { path: () => "/en/staff/admin/outbox", as: ["admin"], expect: [] },
      { path: () => "/en/staff/admin/audit", as: ["admin"], expect: [] },
    ],
  },
  {
    name: "sign-in (address and redirect target, refused and shown again)",
    as: "anonymous",
    open: (page) =>
      page
        .goto(`/en/staff/sign-in?redirectTo=${encodeURIComponent(`javascript:${MARK("redir")}=1`)}`)
        .then(() => undefined),
    fields: { email: { id: "signin_mail", max: 254 } },
    send: async (page) => {
      await page.locator("[name=password]").fill("not the password at all");
      await submit(page);
      await expect(page.locator(".app-error-summary")).toBeVisible();
      await expectInert(page, { javaScript: true, expect: ["signin_mail"] });
      expect(await page.locator("[name=redirectTo]").inputValue()).not.toContain("javascript:");
    },
    shows: [{ path: () => "/en/staff/admin/audit", as: ["admin"], expect: [] }],
  },
  {
    name: "account (passwords are never shown again)",
    as: "coordinator",
    open: (page) => page.goto("/en/staff/account").then(() => undefined),
    fields: {
      currentPassword: { id: "acct_current", max: 1024 },
      password: { id: "acct_new", max: 1024 },
      confirmPassword: { id: "acct_confirm", max: 1024 },
    },
    send: async (page) => {
      await submit(page);
      await expect(page.locator(".app-error-summary")).toBeVisible();
      await expectInert(page, { javaScript: true });
      expect(await page.content()).not.toContain(MARK("acct_"));
    },
    shows: [],
  },
  {
    name: "audit log filters",
    as: "admin",
    open: (page) => page.goto("/en/staff/admin/audit").then(() => undefined),
    fields: { actor: { id: "audit_actor", max: 254 } },
    send: async (page) => {
      await submit(page);
      await page.waitForURL(/actor=/);
      // The filter's fields keep what was typed as the page is rendered by the server.
      await page.reload();
      await expectInert(page, { javaScript: true, expect: ["audit_actor"] });
      // Values that are not in the form's lists are refused and shown again.
      await page.goto(
        `/en/staff/admin/audit?action=${encodeURIComponent(payload("audit_action", 200))}&from=${encodeURIComponent(payload("audit_from", 200))}`,
      );
      await expectInert(page, { javaScript: true });
    },
    shows: [],
  },
];

/** A payload per wording field and language of the campaign form (`title_sq` ...). */
function campaignFields(prefix: string): FormEntry["fields"] {
  const fields: FormEntry["fields"] = {};
  for (const lang of ["sq", "en"] as const) {
    fields[`title_${lang}`] = { id: `${prefix}_${lang}_title`, max: 200 };
    fields[`collectingOrganisation_${lang}`] = { id: `${prefix}_${lang}_org`, max: 200 };
    fields[`purposeOther_${lang}`] = { id: `${prefix}_${lang}_purpose`, max: 300 };
  }
  return fields;
}

/**
 * Where a campaign's wording shows: staff pages in each language show that language's title;
 * the edit form shows every box; the public list and intro in each language show that
 * language's wording and never the other's.
 */
function campaignPages(prefix: string): Shows[] {
  const of = (lang: "sq" | "en", ...fields: string[]) =>
    fields.map((field) => `${prefix}_${lang}_${field}`);
  const staff: Who[] = ["admin", "coordinator"];
  return [
    { path: () => "/en/staff/feedback", as: staff, expect: of("en", "title") },
    { path: () => "/staff/feedback", as: staff, expect: of("sq", "title") },
    { path: (ids) => `/en/staff/feedback/${ids.campaign}`, as: staff, expect: of("en", "title") },
    { path: (ids) => `/en/staff/feedback/${ids.campaign}/edit`, as: staff },
    // The results and the redaction queue name the campaign in the reader's language.
    {
      path: (ids) => `/en/staff/feedback/${ids.campaign}/results`,
      as: staff,
      expect: of("en", "title"),
      absent: of("sq", "title"),
    },
    {
      path: (ids) => `/staff/feedback/${ids.campaign}/free-text`,
      as: staff,
      expect: of("sq", "title"),
      absent: of("en", "title"),
    },
    {
      path: () => "/",
      as: ["anonymous"],
      expect: of("sq", "title", "org"),
      absent: of("en", "title", "org"),
    },
    {
      path: () => "/en",
      as: ["anonymous"],
      expect: of("en", "title", "org"),
      absent: of("sq", "title", "org"),
    },
    {
      path: (ids) => ids.publicLink!,
      as: ["anonymous"],
      expect: of("sq", "title", "org", "purpose"),
      absent: of("en", "title", "org", "purpose"),
    },
    {
      path: (ids) => `/en${ids.publicLink!}`,
      as: ["anonymous"],
      expect: of("en", "title", "org", "purpose"),
      absent: of("sq", "title", "org", "purpose"),
    },
  ];
}

/** Pages whose address itself carries a payload (not found, wrong campaign). */
const ADDRESSES: { path: string; as: Who }[] = [
  { path: `/en/f/${encodeURIComponent(payload("path_campaign", 200))}`, as: "anonymous" },
  { path: `/f/${encodeURIComponent(payload("path_campaign_sq", 200))}/thanks`, as: "anonymous" },
  {
    path: `/en/staff/feedback/${encodeURIComponent(payload("path_staff", 200))}`,
    as: "coordinator",
  },
];

/**
 * Checks the open page: nothing ran, nothing is unescaped, and the given markers are shown.
 * With JavaScript off only the HTML can be checked (nothing can run there anyway).
 */
async function expectInert(page: Page, options: { javaScript: boolean; expect?: string[] }) {
  const html = await page.content();
  for (const id of options.expect ?? [])
    expect.soft(html, `${page.url()} shows ${id}`).toContain(MARK(id));
  if (!options.javaScript) {
    for (const raw of RAW) expect(html, `${page.url()}: ${raw}`).not.toMatch(raw);
    return;
  }
  const found = await page.evaluate(() => {
    const flags = Object.keys(window).filter((key) => key.startsWith("__xss_"));
    const handlers: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const value = attribute.value.trim().toLowerCase();
        if (
          (attribute.name.startsWith("on") && value.includes("__xss_")) ||
          (["href", "src", "action", "formaction"].includes(attribute.name) &&
            value.startsWith("javascript:"))
        )
          handlers.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 60)}`);
      }
    }
    const scripts = [...document.scripts]
      .map((script) => script.textContent ?? "")
      .filter((text) => text.trim().startsWith("__xss_"));
    const violations = (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
    return { flags, handlers, scripts, violations };
  });
  expect(found, page.url()).toEqual({ flags: [], handlers: [], scripts: [], violations: [] });
}

/** The server's own HTML for a page (as the given context), checked for raw payload markup. */
async function expectEscapedHtml(
  context: BrowserContext,
  path: string,
  markers: string[],
  absent: string[] = [],
) {
  const response = await context.request.get(path);
  expect(response.status(), path).toBeLessThan(500);
  const body = await response.text();
  for (const raw of RAW) expect(body, `${path}: ${raw}`).not.toMatch(raw);
  for (const id of markers) expect.soft(body, `${path} shows ${id}`).toContain(MARK(id));
  for (const id of absent) expect.soft(body, `${path} hides ${id}`).not.toContain(MARK(id));
}

async function contextFor(browser: Browser, who: Who): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: who !== "anonymous" });
  // Every CSP violation (an injected script or handler the policy blocked) is recorded.
  await context.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = log;
    document.addEventListener("securitypolicyviolation", (event) =>
      log.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  if (who !== "anonymous") {
    const page = await context.newPage();
    await signInOk(page, DEMO[who]);
    await page.close();
  }
  return context;
}

test.describe.configure({ mode: "serial" });
test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

test.describe("Markup typed into any form is shown as text to everyone who sees it", () => {
  const contexts = new Map<Who, BrowserContext>();
  const consoleErrors: string[] = [];

  test.beforeAll(async ({ browser }) => {
    for (const who of ["admin", "coordinator", "anonymous"] as const)
      contexts.set(who, await contextFor(browser, who));
  });
  test.afterAll(async () => {
    for (const context of contexts.values()) await context.close();
  });

  test("Every form takes the payloads and shows them back as text", async () => {
    test.setTimeout(300_000);
    for (const entry of FORMS) {
      await test.step(entry.name, async () => {
        const page = await contexts.get(entry.as)!.newPage();
        page.on("console", (message) => {
          if (/Content.Security.Policy|Refused to (execute|load|apply)/i.test(message.text()))
            consoleErrors.push(`${entry.name}: ${message.text()}`);
        });
        await entry.open(page, ids);
        if (Object.keys(entry.fields).length) await fillFields(page, entry);
        await entry.send(page, ids);
        if (entry.as !== "anonymous") await expectInert(page, { javaScript: true });
        await page.close();
      });
    }
    expect(consoleErrors).toEqual([]);
  });

  test("Every page that shows submitted text runs none of it, for every role that sees it", async () => {
    test.setTimeout(300_000);
    // Page → who → the markers it must show.
    const visits = new Map<
      string,
      { who: Who; markers: Set<string>; absent: Set<string>; download: boolean }
    >();
    for (const entry of FORMS) {
      for (const shows of entry.shows) {
        for (const who of shows.as) {
          const path = shows.path(ids);
          const key = `${who} ${path}`;
          const visit = visits.get(key) ?? {
            who,
            markers: new Set(),
            absent: new Set(),
            download: Boolean(shows.download),
          };
          for (const id of shows.absent ?? []) visit.absent.add(id);
          for (const id of shows.expect ?? Object.values(entry.fields).map((f) => f.id))
            visit.markers.add(id);
          visits.set(key, visit);
        }
      }
    }
    for (const [key, { who, markers, absent, download }] of visits) {
      await test.step(key, async () => {
        const context = contexts.get(who)!;
        const path = key.slice(who.length + 1);
        // A page shows the latest value of a field edited later (campaign title): only markers
        // of the latest edit are required there, the others just must not be raw.
        const required = [...markers].filter((id) => !SUPERSEDED.has(id));
        if (download) {
          const response = await context.request.get(path);
          expect(response.status(), path).toBe(200);
          const headers = response.headers();
          expect(headers["content-type"], path).toMatch(/^text\/csv/);
          expect(headers["content-disposition"], path).toMatch(/^attachment/);
          expect(headers["x-content-type-options"], path).toBe("nosniff");
          const body = await response.text();
          for (const id of required) expect.soft(body, `${path} has ${id}`).toContain(MARK(id));
          for (const id of absent) expect.soft(body, `${path} lacks ${id}`).not.toContain(MARK(id));
          return;
        }
        await expectEscapedHtml(context, path, required, [...absent]);
        const page = await context.newPage();
        await page.goto(path);
        await expectInert(page, { javaScript: who !== "anonymous", expect: required });
        await page.close();
      });
    }
  });

  test("Addresses carrying markup are answered without running it", async () => {
    for (const { path, as } of ADDRESSES) {
      await test.step(path, async () => {
        const context = contexts.get(as)!;
        await expectEscapedHtml(context, path, []);
        const page = await context.newPage();
        await page.goto(path);
        await expectInert(page, { javaScript: as !== "anonymous" });
        await page.close();
      });
    }
  });
});

/** Values a later entry replaced (the pages then show only the newer one). */
const SUPERSEDED = new Set([...Object.values(campaignFields("camp")).map((f) => f.id), "org_name"]);
