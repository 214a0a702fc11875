import type { requireMeetingAccess } from "./meeting-access.server";
import type { MinutesDraftAnswer } from "./minutes-forms";
import {
  approveMinutes,
  chooseActingChair,
  commentOnMinutes,
  resolveComment,
  saveAndCirculateMinutes,
  saveMinutes,
  startMinutes,
} from "./minutes.commands.server";
import {
  ActingChairSchema,
  ApproveSchema,
  CirculateSchema,
  CommentSchema,
  parseMinutesForm,
} from "./minutes.schemas";
import { getLatestRevision, listMinutesDocs } from "./minutes.server";
import { can } from "../auth/permissions";
import { dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { conflictingDraft, draftReturnAnchor, invalidDraft, readDraftIntent } from "../ui/draft";
import { formDataToValues, parseForm, type FieldErrors, type FormValues } from "../ui/parse-form";

type Access = Awaited<ReturnType<typeof requireMeetingAccess>>;

/** What a minutes form gets back when it is refused: the values kept, a message per field. */
export type MinutesActionAnswer = {
  intent: "draft" | "comment" | "resolve" | "acting_chair" | "approve" | "start";
  values: FormValues;
  errors: FieldErrors;
  /** The draft form's answer (shared draft-with-conflict shape). */
  draft?: MinutesDraftAnswer;
  /** A save of approved minutes (409): the page offers an amendment. */
  locked?: boolean;
};

type Outcome =
  | { kind: "redirect"; to: string }
  | { kind: "answer"; answer: MinutesActionAnswer; status: 400 | 403 | 409 };

const forbidden = () => new Response("Forbidden", { status: 403, statusText: "Forbidden" });

/**
 * Runs one posted form of the minutes page (`intent`): start, the draft form (save, complete,
 * save@anchor), comment, resolve, acting_chair, approve. Each parses with its schema (400 with
 * the values kept), checks who may do it (403), calls one command, and on success redirects to
 * the page with what happened (`?done=` a `minutes:page.*` key).
 */
export async function runMinutesAction(
  access: Access,
  formData: FormData,
  here: string,
  now = new Date(),
): Promise<Outcome> {
  const { user, meeting, isSecretariat, isChair } = access;
  const drafts = isSecretariat && can(user.roles, "minutes:draft");
  const raw = String(formData.get("intent") ?? "");
  const values = formDataToValues(formData, ["csrf"]);
  const refuse = (
    intent: MinutesActionAnswer["intent"],
    errors: FieldErrors,
    status: 400 | 409 = 400,
  ): Outcome => ({ kind: "answer", answer: { intent, values, errors }, status });
  const done = (key: string): Outcome => ({ kind: "redirect", to: `${here}?done=${key}` });
  const doc = (await listMinutesDocs(meeting.id)).at(-1);

  if (raw === "start") {
    if (!drafts) throw forbidden();
    const result = await startMinutes(user, meeting, undefined, now);
    return result.ok ? { kind: "redirect", to: here } : refuse("start", result.errors);
  }
  if (!doc) return refuse("start", { form: "minutes:errors.form_invalid" });

  if (raw === "comment") {
    const parsed = parseForm(CommentSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return refuse("comment", parsed.errors);
    const result = await commentOnMinutes(user, meeting, doc, parsed.data, undefined, now);
    return result.ok ? done("commented") : refuse("comment", result.errors);
  }
  if (raw === "approve") {
    const parsed = parseForm(ApproveSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return refuse("approve", parsed.errors);
    const result = await approveMinutes(
      user,
      meeting,
      doc,
      parsed.data,
      { isChair, isSecretariat },
      undefined,
      now,
    );
    return result.ok ? done("approvedNow") : refuse("approve", result.errors);
  }
  if (raw === "resolve") {
    if (!drafts) throw forbidden();
    const result = await resolveComment(
      user,
      meeting,
      doc,
      String(formData.get("commentId") ?? ""),
      undefined,
      now,
    );
    return result.ok ? done("resolvedNow") : refuse("resolve", result.errors);
  }
  if (raw === "acting_chair") {
    if (!drafts) throw forbidden();
    const parsed = parseForm(ActingChairSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return refuse("acting_chair", parsed.errors);
    const result = await chooseActingChair(
      user,
      meeting,
      doc,
      parsed.data.actingChairId,
      undefined,
      now,
    );
    return result.ok ? done("actingChairSaved") : refuse("acting_chair", result.errors);
  }

  // The draft form: save, complete (circulate, or save and tell the members), save@anchor.
  if (!drafts) throw forbidden();
  const { intent, anchor } = readDraftIntent(formData);
  const revision = await getLatestRevision(doc.id);
  const itemCount = revision?.content.items.length ?? 0;
  const { items, errors } = parseMinutesForm(values, itemCount);
  const version = Number(formData.get("version"));
  if (!Number.isInteger(version) || version < 1) errors.form = "minutes:errors.form_invalid";
  const circulating = intent === "complete" && doc.status === "draft";
  let deadline = "";
  if (circulating) {
    const parsed = CirculateSchema.safeParse({ deadline: values.deadline ?? "" });
    if (!parsed.success) errors.deadline = "minutes:errors.deadline_invalid";
    else if (parsed.data.deadline <= dateIn(getConfig().timeZone, now))
      errors.deadline = "minutes:errors.deadline_past";
    else deadline = parsed.data.deadline;
  }
  const draftAnswer = (draft: MinutesDraftAnswer, status: 400 | 409, locked = false): Outcome => ({
    kind: "answer",
    answer: { intent: "draft", values, errors: draft.errors, draft, locked },
    status,
  });
  if (doc.status === "approved") return draftAnswer(invalidDraft(values, {}), 409, true);
  if (Object.keys(errors).length > 0) return draftAnswer(invalidDraft(values, errors), 400);
  // Circulating saves the text too, in the same transaction: both happen or neither.
  const saved = circulating
    ? await saveAndCirculateMinutes(user, meeting, doc, version, items, deadline, undefined, now)
    : await saveMinutes(
        user,
        meeting,
        doc,
        version,
        items,
        { notify: intent === "complete" && doc.status === "circulated" },
        undefined,
        now,
      );
  if (!saved.ok) {
    if (saved.reason === "locked") return draftAnswer(invalidDraft(values, {}), 409, true);
    if (saved.reason === "invalid") return draftAnswer(invalidDraft(values, saved.errors), 400);
    // Someone saved meanwhile: both texts shown, neither lost.
    const latest = await getLatestRevision(doc.id);
    return draftAnswer(
      conflictingDraft(values, latest ? { current: latest.content, version: latest.number } : null),
      409,
    );
  }
  if (circulating) return done("circulatedNow");
  return { kind: "redirect", to: draftReturnAnchor(here, anchor) };
}
