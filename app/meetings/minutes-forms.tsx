import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { ActionItemList, type ActionItemView } from "./action-item-forms";
import type { DiffSection } from "./minutes-diff";
import type { MinutesContent, NamedAttendance } from "./minutes-rules";
import { localePath, type Lang } from "../i18n/lang";
import { draftProblems, type DraftAnswer } from "../ui/draft";
import { DraftForm, DraftSaveHere, TheirValue } from "../ui/draft-form";
import {
  CsrfField,
  FieldError,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../ui/form-fields";
import { valueOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * The minutes pages' pieces (GOV.UK patterns, working without JavaScript). Texts are
 * `minutes:*` keys; Markdown arrives already rendered and made safe on the server
 * (markdown.server.ts), as `RenderedItems`.
 */

/** Per agenda item id, the safe HTML of its discussion and decisions. */
export type RenderedItems = Record<string, { discussion: string; decisions: string }>;

/**
 * What to show under each agenda item's decisions, on screen and in print: given an agenda
 * item's id, a node (its action items). Leave it out and nothing is shown.
 */
export type ActionItemsSlot = (agendaItemId: string) => ReactNode;

/**
 * The slot showing a meeting's action items (`listActionItemsForMeeting`) under the agenda item
 * each belongs to, read-only; an item without any shows nothing.
 */
export function actionItemsOf(items: readonly ActionItemView[]): ActionItemsSlot {
  return function ActionItemsOfAgendaItem(agendaItemId: string) {
    const own = items.filter((item) => item.agendaItemId === agendaItemId);
    return own.length ? <ActionItemList items={own} /> : null;
  };
}

function Html({ html }: { html: string }) {
  // Rendered by markdown.server.ts: markdown-it with HTML off, no images, safe links only.
  return <div className="app-prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The attendance recorded at the meeting: name and status ("excused", never a reason); a
 * member whose data was erased is shown as "Erased member".
 */
export function MinutesAttendance({ attendance }: { attendance: NamedAttendance[] }) {
  const { t } = useTranslation("minutes");
  return (
    <section aria-labelledby="minutes-attendance">
      <h2 className="app-heading-m" id="minutes-attendance">
        {t("page.attendance")}
      </h2>
      {attendance.length === 0 ? (
        <p className="app-body">{t("page.attendanceNone")}</p>
      ) : (
        <ul className="app-list">
          {attendance.map((person) => (
            <li key={person.userId}>
              {person.name || t("page.erasedName")}:{" "}
              {t(`attendanceStatus.${person.status ?? "none"}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The text of one minutes document: attendance, then per agenda item its discussion and
 * decisions, the confidential mark, and the `actionItems` slot. `idPrefix` keeps ids apart when
 * two documents are shown side by side.
 */
export function MinutesText({
  content,
  rendered,
  actionItems,
  idPrefix = "item",
  headingLevel = 2,
}: {
  content: MinutesContent;
  rendered: RenderedItems;
  actionItems?: ActionItemsSlot;
  idPrefix?: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("minutes");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <>
      {content.items.map((item, i) => {
        const html = rendered[item.agendaItemId] ?? { discussion: "", decisions: "" };
        return (
          <section
            key={item.agendaItemId}
            className="app-minutes-item"
            aria-labelledby={`${idPrefix}-${i + 1}`}
          >
            <Heading className="app-heading-m" id={`${idPrefix}-${i + 1}`}>
              {t("page.itemTitle", { number: i + 1, title: item.title })}
            </Heading>
            {item.confidential ? (
              <p className="app-body app-minutes-item__confidential">
                <strong>{t("page.confidentialItem")}</strong>
              </p>
            ) : null}
            <Sub className="app-heading-s">{t("page.discussion")}</Sub>
            {html.discussion ? (
              <Html html={html.discussion} />
            ) : (
              <p className="app-hint">{t("page.empty")}</p>
            )}
            <Sub className="app-heading-s">{t("page.decisions")}</Sub>
            {html.decisions ? (
              <Html html={html.decisions} />
            ) : (
              <p className="app-hint">{t("page.empty")}</p>
            )}
            {actionItems ? actionItems(item.agendaItemId) : null}
          </section>
        );
      })}
    </>
  );
}

/** What the draft form sends back to show again: per field name, the typed text. */
export type MinutesDraftAnswer = DraftAnswer<FormValues, MinutesContent>;

/**
 * The secretariat's form (the shared draft-with-conflict component): per agenda item the
 * discussion, the decisions and the confidential mark. On a draft, "complete" circulates with
 * the deadline; on circulated minutes it saves and tells the members of the revision. During a
 * conflict what the other person saved is shown under each field.
 */
export function MinutesDraftForm({
  csrfToken,
  version,
  status,
  content,
  answer,
  saved,
}: {
  csrfToken: string;
  version: number;
  status: "draft" | "circulated";
  content: MinutesContent;
  answer?: MinutesDraftAnswer;
  saved: boolean;
}) {
  const { t } = useTranslation("minutes");
  const values = answer?.values;
  const theirs = answer?.conflict?.current;
  const value = (name: string, fallback: string) => (values ? valueOf(values, name) : fallback);
  const problems = draftProblems(answer, {
    formId: "minutes-form",
    text: (key) => t(key),
    missingItem: (id) => ({ fieldId: id, text: id }),
  });
  return (
    <DraftForm
      id="minutes-form"
      csrfToken={csrfToken}
      version={answer?.conflict?.version ?? version}
      posted={Boolean(answer)}
      problems={problems}
      missingTitle={t("draft.missingTitle")}
      conflictText={answer?.conflict ? t("draft.conflict") : undefined}
      savedText={saved ? t("page.saved") : undefined}
      saveLabel={t("draft.save")}
      completeLabel={status === "draft" ? t("draft.circulate") : t("draft.saveNotify")}
      intro={
        <>
          <h2 className="app-heading-m">{t("draft.heading")}</h2>
          <p className="app-hint">{t("draft.lead")}</p>
        </>
      }
    >
      {content.items.map((item, i) => {
        const n = i + 1;
        const other = theirs?.items[i];
        return (
          <fieldset
            key={item.agendaItemId}
            className="app-fieldset app-minutes-draft-item"
            id={`draft-item-${n}`}
            data-draft-anchor=""
          >
            <legend className="app-fieldset__legend app-heading-s">
              {t("page.itemTitle", { number: n, title: item.title })}
            </legend>
            <TextAreaField
              id={`discussion${n}`}
              name={`discussion${n}`}
              label={t("draft.discussionLabel", { title: item.title })}
              error={
                answer?.errors[`discussion${n}`] ? t(answer.errors[`discussion${n}`]!) : undefined
              }
              defaultValue={value(`discussion${n}`, item.discussion)}
              rows={6}
            />
            {other ? <TheirValue text={`${t("draft.theirs")} ${other.discussion}`} /> : null}
            <TextAreaField
              id={`decisions${n}`}
              name={`decisions${n}`}
              label={t("draft.decisionsLabel", { title: item.title })}
              error={
                answer?.errors[`decisions${n}`] ? t(answer.errors[`decisions${n}`]!) : undefined
              }
              defaultValue={value(`decisions${n}`, item.decisions)}
              rows={4}
            />
            {other ? <TheirValue text={`${t("draft.theirs")} ${other.decisions}`} /> : null}
            <div className="app-checkboxes__item">
              <input
                className="app-checkboxes__input"
                type="checkbox"
                id={`confidential${n}`}
                name={`confidential${n}`}
                value="yes"
                defaultChecked={
                  values ? valueOf(values, `confidential${n}`) === "yes" : item.confidential
                }
              />
              <label className="app-label app-checkboxes__label" htmlFor={`confidential${n}`}>
                {t("draft.confidentialLabel")}
              </label>
            </div>
            <DraftSaveHere anchor={`draft-item-${n}`} label={t("draft.save")} />
          </fieldset>
        );
      })}
      {status === "draft" ? (
        <TextField
          name="deadline"
          type="date"
          label={t("draft.deadline")}
          hint={t("draft.deadlineHint")}
          error={answer?.errors.deadline ? t(answer.errors.deadline) : undefined}
          defaultValue={values ? valueOf(values, "deadline") : ""}
        />
      ) : null}
    </DraftForm>
  );
}

/** Approved minutes: locked; the secretariat is offered the next numbered amendment. */
export function AmendmentOffer({
  csrfToken,
  action,
  number,
}: {
  csrfToken: string;
  action: string;
  number: number;
}) {
  const { t } = useTranslation("minutes");
  return (
    <section className="app-inset" aria-labelledby="locked-heading" id="amendment-offer">
      <h2 className="app-heading-m" id="locked-heading">
        {t("locked.heading")}
      </h2>
      <p className="app-body">{t("locked.lead")}</p>
      <Form method="post" action={action}>
        <CsrfField token={csrfToken} />
        <button type="submit" className="app-button app-button--secondary">
          {t("locked.offer", { number })}
        </button>
      </Form>
    </section>
  );
}

/** A member's answer to circulated minutes: a comment on an item or the whole, or no objection. */
export function CommentForm({
  csrfToken,
  items,
  values,
  errors,
}: {
  csrfToken: string;
  items: { title: string }[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("minutes");
  const item = valueOf(values, "item") || "all";
  return (
    <Form method="post" noValidate className="app-narrow" id="comment-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="comment" />
      <RadioGroup
        name="kind"
        legend={t("comments.kind")}
        error={errors?.kind ? t(errors.kind) : undefined}
        checked={valueOf(values, "kind") || undefined}
        options={[
          { value: "comment", label: t("comments.kindComment") },
          { value: "no_objection", label: t("comments.kindNoObjection") },
        ]}
      />
      <SelectField name="item" label={t("comments.item")} error={errors?.item} defaultValue={item}>
        <option value="all">{t("comments.itemAll")}</option>
        {items.map((agendaItem, i) => (
          <option key={i} value={String(i + 1)}>
            {t("page.itemTitle", { number: i + 1, title: agendaItem.title })}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="body"
        name="body"
        label={t("comments.body")}
        hint={t("comments.bodyHint")}
        error={errors?.body ? t(errors.body) : undefined}
        defaultValue={valueOf(values, "body")}
      />
      <button type="submit" className="app-button">
        {t("comments.send")}
      </button>
    </Form>
  );
}

export type CommentView = {
  id: string;
  authorName: string;
  revision: number;
  itemTitle: string | null;
  kind: "comment" | "no_objection";
  body: string;
  resolved: boolean;
};

/** The comments, each with its item; the secretariat may mark one as dealt with. */
export function CommentList({
  comments,
  csrfToken,
  canResolve,
}: {
  comments: CommentView[];
  csrfToken: string;
  canResolve: boolean;
}) {
  const { t } = useTranslation("minutes");
  if (comments.length === 0) return <p className="app-body">{t("comments.none")}</p>;
  return (
    <ul className="app-list app-minutes-comments">
      {comments.map((comment) =>
        comment.kind === "no_objection" ? (
          <li key={comment.id}>
            {t("comments.noObjection", { name: comment.authorName || t("page.erasedName") })}
          </li>
        ) : (
          <li key={comment.id} className="app-minutes-comment">
            <p className="app-hint">
              {t("comments.by", {
                name: comment.authorName || t("page.erasedName"),
                revision: comment.revision,
              })}
              {" · "}
              {comment.itemTitle
                ? t("comments.onItem", { title: comment.itemTitle })
                : t("comments.onAll")}
              {comment.resolved ? ` · ${t("comments.resolved")}` : ""}
            </p>
            <p className="app-body app-minutes-comment__body">{comment.body}</p>
            {canResolve && !comment.resolved ? (
              <Form method="post">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="intent" value="resolve" />
                <input type="hidden" name="commentId" value={comment.id} />
                <button type="submit" className="app-link-button">
                  {t("comments.resolve")}
                </button>
              </Form>
            ) : null}
          </li>
        ),
      )}
    </ul>
  );
}

/** The approve button of the chair or the acting chair. */
export function ApproveForm({
  csrfToken,
  kind,
  error,
}: {
  csrfToken: string;
  kind: "chair" | "acting_chair";
  error?: string;
}) {
  const { t } = useTranslation("minutes");
  return (
    <Form method="post" noValidate id="approvalKind">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="approvalKind" value={kind} />
      <FieldError name="approvalKind" error={error ? t(error) : undefined} />
      <button type="submit" className="app-button">
        {t("approve.button")}
      </button>
    </Form>
  );
}

/** The secretariat records the acting chair the members chose. */
export function ActingChairForm({
  csrfToken,
  members,
  current,
  error,
}: {
  csrfToken: string;
  members: { userId: string; fullName: string }[];
  current: string | null;
  error?: string;
}) {
  const { t } = useTranslation("minutes");
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="acting_chair" />
      <RadioGroup
        name="actingChairId"
        legend={t("approve.actingLabel")}
        error={error ? t(error) : undefined}
        checked={current ?? undefined}
        options={members.map((m) => ({ value: m.userId, label: m.fullName }))}
      />
      <button type="submit" className="app-button app-button--secondary">
        {t("approve.actingSave")}
      </button>
    </Form>
  );
}

/** The secretariat records approval by decision at a later meeting that has taken place. */
export function MeetingApprovalForm({
  csrfToken,
  meetings,
  error,
}: {
  csrfToken: string;
  meetings: { id: string; day: string }[];
  error?: string;
}) {
  const { t } = useTranslation("minutes");
  if (meetings.length === 0) return <p className="app-body">{t("approve.meetingNone")}</p>;
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="approvalKind" value="meeting" />
      <RadioGroup
        name="approvalMeetingId"
        legend={t("approve.meetingLabel")}
        error={error ? t(error) : undefined}
        checked={undefined}
        options={meetings.map((m) => ({ value: m.id, label: m.day }))}
      />
      <button type="submit" className="app-button app-button--secondary">
        {t("approve.meetingSave")}
      </button>
    </Form>
  );
}

/**
 * A word-level comparison: each section's runs, added words in `<ins>` and removed ones in
 * `<del>`, each also marked by visible signs (CSS "[+ … +]", "[− … −]", underline and strike
 * through) and a hidden "added:"/"removed:" for screen readers: never colour alone.
 */
export function DiffView({ sections, labels }: { sections: DiffSection[]; labels: string[] }) {
  const { t } = useTranslation("minutes");
  return (
    <>
      {sections.map((section, i) => (
        <section key={`${section.agendaItemId}-${section.field}`} className="app-diff">
          <h2 className="app-heading-s">{labels[i]}</h2>
          {section.changed ? (
            <p className="app-body app-diff__text">
              {section.parts.map((part, j) =>
                part.kind === "ins" ? (
                  <ins key={j} className="app-diff__ins">
                    <span className="app-visually-hidden">{t("compare.added")} </span>
                    {part.text}
                  </ins>
                ) : part.kind === "del" ? (
                  <del key={j} className="app-diff__del">
                    <span className="app-visually-hidden">{t("compare.removed")} </span>
                    {part.text}
                  </del>
                ) : (
                  <span key={j}>{part.text}</span>
                ),
              )}
            </p>
          ) : (
            <p className="app-hint">{t("compare.unchanged")}</p>
          )}
        </section>
      ))}
    </>
  );
}

/**
 * The line on a meeting's page about its minutes (members are told in the portal when the
 * minutes are circulated): their state and a link; once the meeting is held and before minutes
 * exist, the link alone (the secretariat starts them there).
 */
export function MinutesNotice({
  href,
  held,
  notice,
}: {
  href: string;
  held: boolean;
  notice: { status: "draft" | "circulated" | "approved"; deadline: string | null } | null;
}) {
  const { t } = useTranslation("minutes");
  if (!notice)
    return held ? (
      <p className="app-body">
        <Link to={href}>{t("notice.link")}</Link>
      </p>
    ) : null;
  return (
    <div className="app-notification" role="status" id="minutes-notice">
      <p className="app-body">
        {notice.status === "circulated"
          ? t("notice.circulated", { day: notice.deadline })
          : t(`notice.${notice.status}`)}{" "}
        <Link to={href}>{t("notice.link")}</Link>
      </p>
    </div>
  );
}

/** Minutes of an earlier meeting approved by decision at this one (`listApprovedHere`). */
export type ApprovedHereView = { meetingId: string; day: string; number: number };

/**
 * On a meeting's page, its minutes and their print: the minutes of earlier meetings approved
 * by decision at this meeting (Art. 10, recorded there), each linking to those minutes unless
 * `links` is false (a guest, who may open this meeting only). Nothing when there are none.
 */
export function ApprovedHere({
  approved,
  lang,
  links,
}: {
  approved: readonly ApprovedHereView[];
  lang: Lang;
  links: boolean;
}) {
  const { t } = useTranslation("minutes");
  if (approved.length === 0) return null;
  return (
    <section aria-labelledby="approved-here-heading" id="approved-here">
      <h2 className="app-heading-m" id="approved-here-heading">
        {t("approvedHere.heading")}
      </h2>
      <ul className="app-list">
        {approved.map((item) => {
          const label =
            item.number > 0
              ? t("approvedHere.amendment", { number: item.number, day: item.day })
              : t("approvedHere.minutes", { day: item.day });
          return (
            <li key={`${item.meetingId}-${item.number}`}>
              {links ? (
                <Link to={localePath(lang, `/staff/meetings/${item.meetingId}/minutes`)}>
                  {label}
                </Link>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * For the secretariat, while minutes are circulated: the members who allowed only phone or SMS
 * (they got no email) and have not answered yet, with the number and what they allowed.
 */
export function MinutesPhoneList({
  contacts,
}: {
  contacts: { userId: string; fullName: string; phone: string; channels: string[] }[];
}) {
  const { t } = useTranslation("minutes");
  if (contacts.length === 0) return null;
  return (
    <section aria-labelledby="minutes-phone-heading">
      <h2 className="app-heading-m" id="minutes-phone-heading">
        {t("phone.heading")}
      </h2>
      <p className="app-body">{t("phone.lead")}</p>
      <table className="app-table">
        <caption className="app-table__caption app-visually-hidden">{t("phone.heading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("phone.name")}</th>
            <th scope="col">{t("meetings:phone.number")}</th>
            <th scope="col">{t("meetings:phone.channels")}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((person) => (
            <tr key={person.userId}>
              <td>{person.fullName || t("page.erasedName")}</td>
              <td>{person.phone}</td>
              <td>
                {person.channels
                  .map((channel) => t(`meetings:phone.channel.${channel}`))
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
