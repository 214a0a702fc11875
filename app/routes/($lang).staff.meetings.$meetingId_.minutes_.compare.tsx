import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireMeetingAccess } from "~/meetings/meeting-access.server";
import { compareMinutes } from "~/meetings/minutes-diff";
import { DiffView } from "~/meetings/minutes-forms";
import { reportContent } from "~/meetings/minutes-rules";
import {
  getRevision,
  listConfidentialItemIds,
  listMinutesDocs,
  listRevisions,
} from "~/meetings/minutes.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { SelectField } from "~/ui/form-fields";

export const meta = titleMeta("minutes:compare.title");

/**
 * Two revisions of one minutes document compared word by word (`?doc=` its number, `a` and `b`
 * revision numbers; by default the latest document's last two). Audited as "minutes_compared".
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, guestOnly } = await requireMeetingAccess(request, params.meetingId);
  const url = new URL(request.url);
  const docs = await listMinutesDocs(meeting.id);
  // Without `doc`, the latest document (an amendment once there is one).
  const wanted = url.searchParams.get("doc");
  const doc = docs.find((d) => wanted !== null && String(d.number) === wanted) ?? docs.at(-1);
  if (!doc) throw new Response("Not Found", { status: 404 });
  const { timeZone } = getConfig();
  const revisions = (await listRevisions(doc.id)).map((r) => ({
    number: r.number,
    day: displayDay(r.createdAt, timeZone),
    authorName: r.authorName,
  }));
  const latest = revisions[0]?.number ?? 1;
  const pick = (name: string, fallback: number) => {
    const n = Number(url.searchParams.get(name) ?? "none");
    return revisions.some((r) => r.number === n) ? n : fallback;
  };
  const b = pick("b", latest);
  const a = pick("a", Math.max(1, b - 1));
  const [before, after] = await Promise.all([getRevision(doc.id, a), getRevision(doc.id, b)]);
  if (!before || !after) throw new Response("Not Found", { status: 404 });
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "minutes_compared",
    subject: meeting.id,
    details: { document: doc.number, from: a, to: b },
  });
  const t = getFixedT(getLangFromPath(url.pathname));
  // A guest compares the report's text: the confidential agenda items are the members' only,
  // also in an older revision written before an item was marked confidential.
  const forGuest = guestOnly ? await listConfidentialItemIds(meeting.id) : null;
  const textOf = (revision: typeof before) =>
    forGuest ? reportContent(revision.content, forGuest) : revision.content;
  const sections = compareMinutes(textOf(before), textOf(after), (c) =>
    c ? t("minutes:compare.yes") : t("minutes:compare.no"),
  );
  return {
    meetingId: meeting.id,
    docs: docs.map((d) => d.number),
    doc: doc.number,
    revisions,
    a,
    b,
    sections,
  };
}

export default function MinutesComparePage() {
  const { meetingId, docs, doc, revisions, a, b, sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation("minutes");
  const lang = getLangFromPath(useLocation().pathname);
  const revisionLabel = (r: (typeof revisions)[number]) =>
    t("compare.revision", { number: r.number, day: r.day, name: r.authorName });
  const labels = sections.map((s) => t(`compare.field_${s.field}`, { title: s.title }));
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/meetings/${meetingId}/minutes`)}>{t("page.back")}</Link>
      </p>
      <p className="app-minutes-mark">{t("page.confidentialMark")}</p>
      <h1 className="app-heading-l">{t("compare.heading")}</h1>
      <p className="app-body">{t("compare.lead")}</p>
      {revisions.length < 2 ? <p className="app-body">{t("compare.noRevisions")}</p> : null}
      <Form method="get" className="app-narrow app-no-print">
        {docs.length > 1 ? (
          <SelectField name="doc" label={t("compare.document")} defaultValue={String(doc)}>
            {docs.map((n) => (
              <option key={n} value={String(n)}>
                {n === 0
                  ? t("compare.documentOriginal")
                  : t("compare.documentAmendment", { number: n })}
              </option>
            ))}
          </SelectField>
        ) : null}
        {(["a", "b"] as const).map((name) => (
          <SelectField
            key={name}
            name={name}
            label={t(name === "a" ? "compare.from" : "compare.to")}
            defaultValue={String(name === "a" ? a : b)}
          >
            {revisions.map((r) => (
              <option key={r.number} value={String(r.number)}>
                {revisionLabel(r)}
              </option>
            ))}
          </SelectField>
        ))}
        <button type="submit" className="app-button app-button--secondary">
          {t("compare.show")}
        </button>
      </Form>
      <DiffView sections={sections} labels={labels} />
    </>
  );
}
