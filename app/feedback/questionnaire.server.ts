import { displayAccessCode, isWellFormedAccessCode } from "./access-codes.server";
import { campaignStatus, campaignText } from "./campaign.schemas";
import type { Campaign } from "./campaigns.server";
import {
  allowSubmission,
  checkFormNonce,
  consumeFormNonce,
  issueFormNonce,
  refundSubmission,
  releaseFormNonce,
  settledNonceState,
  signedNonceState,
  storeUnderWay,
  trackStore,
} from "./form-guards.server";
import {
  campaignQuestions,
  journeyPages,
  NavigationSchema,
  nextPageId,
  parseAnswers,
  questionsOnPage,
  type AnswerErrors,
  type FormFields,
  type Answers,
} from "./journey";
import { findCampaignIdForCode, storeSubmission } from "./responses.server";
import { coarsenSubmissionDate } from "./submission-period";
import { getTemplate } from "./templates";
import type { Lang } from "../i18n/lang";
import { localToday } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";

/**
 * The public questionnaire's server side: what page to show for a POST, and the final submit.
 * Routes only turn the outcome into a response.
 */
export type PublicCampaign = {
  slug: string;
  templateId: string;
  templateVersion: number;
  title: string;
  organisation: string;
  purpose: string;
  purposeOther: string | null;
  sections: string[];
  languages: Lang[];
  accessMode: Campaign["accessMode"];
  respondentMode: Campaign["respondentMode"];
};

export type QuestionnaireView = {
  campaign: PublicCampaign;
  pageId: string;
  answers: Answers;
  errors: AnswerErrors;
  nonce: string;
  code: string | null;
  mode: "self" | "interview" | null;
  reviewed: boolean;
};

export type Outcome =
  | { kind: "questionnaire"; status: number; view: QuestionnaireView }
  | { kind: "code"; status: number; campaign: PublicCampaign; error: string | null; code: string }
  /** `answersNotSent`: a form was sent to it (the page says its answers were not kept). */
  | { kind: "not_open"; status: number; answersNotSent?: boolean }
  | { kind: "other_language"; to: Lang }
  | { kind: "redirect"; to: "thanks" };

/** What the public pages may know of a campaign, worded in the page's language. */
export function toPublicCampaign(campaign: Campaign, lang: Lang): PublicCampaign {
  const text = campaignText(campaign, lang);
  return {
    slug: campaign.slug,
    templateId: campaign.templateId,
    templateVersion: campaign.templateVersion,
    title: text.title,
    organisation: text.collectingOrganisation,
    purpose: campaign.purpose,
    purposeOther: text.purposeOther,
    sections: campaign.sections,
    languages: campaign.languages,
    accessMode: campaign.accessMode,
    respondentMode: campaign.respondentMode,
  };
}

/** What a GET of /f/<campaign> shows: not open, the code page, or the introduction. */
export function startQuestionnaire(
  campaign: Campaign | null,
  lang: Lang,
  now = new Date(),
): Outcome {
  if (
    !campaign ||
    campaignStatus(campaign, localToday(now)) !== "open" ||
    !getTemplate(campaign.templateId, campaign.templateVersion)
  ) {
    return { kind: "not_open", status: campaign ? 200 : 404 };
  }
  // Only the languages the coordinator offered: a lone answer in another language would form a
  // group of one in the results.
  if (!campaign.languages.includes(lang))
    return { kind: "other_language", to: campaign.languages[0] ?? "sq" };
  const publicCampaign = toPublicCampaign(campaign, lang);
  if (campaign.accessMode === "codes")
    return { kind: "code", status: 200, campaign: publicCampaign, error: null, code: "" };
  return { kind: "questionnaire", status: 200, view: introView(publicCampaign, null) };
}

function introView(campaign: PublicCampaign, code: string | null): QuestionnaireView {
  return {
    campaign,
    pageId: "intro",
    answers: {},
    errors: {},
    nonce: issueFormNonce(),
    code,
    mode: null,
    reviewed: false,
  };
}

const field = (formData: FormFields, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Handles every POST of the questionnaire: code entry, moving between pages, and the submit. */
export async function handleQuestionnairePost(input: {
  campaign: Campaign | null;
  lang: Lang;
  formData: FormFields;
  clientKey?: string;
  now?: Date;
}): Promise<Outcome> {
  const { campaign, formData, lang } = input;
  const now = input.now ?? new Date();
  const template = campaign
    ? getTemplate(campaign.templateId, campaign.templateVersion)
    : undefined;
  // A questionnaire that closed while someone was answering: the page says plainly that what
  // they wrote was neither sent nor kept, instead of only that it is not open.
  if (!campaign || !template || campaignStatus(campaign, localToday(now)) !== "open") {
    return { kind: "not_open", status: campaign ? 200 : 404, answersNotSent: true };
  }
  if (!campaign.languages.includes(lang))
    return { kind: "not_open", status: 200, answersNotSent: true };
  const publicCampaign = toPublicCampaign(campaign, lang);
  const nonceField = field(formData, "nonce");
  // Signature and age are checked once (an HMAC): neither changes while this request runs.
  // Whether the nonce was used is asked afresh each time (signedNonceState).
  const nonceSigned = checkFormNonce(nonceField, now.getTime()) !== "invalid";
  // A second submit of the same form (double click, Back then Send) stores nothing more.
  // The state is read with no await after the last store under way was seen to end.
  if (field(formData, "nav") === "submit" && nonceSigned) {
    for (let pending = storeUnderWay(nonceField); pending; pending = storeUnderWay(nonceField))
      await pending;
    if (signedNonceState(nonceField) === "used") return { kind: "redirect", to: "thanks" };
  }

  // Codes: checked when typed, spent only when the answers are stored. Unknown and used codes
  // get the same message.
  let code: string | null = null;
  if (campaign.accessMode === "codes") {
    code = field(formData, "code");
    const usable =
      isWellFormedAccessCode(code) && (await findCampaignIdForCode(code)) === campaign.id;
    if (!usable) {
      if (field(formData, "nav") !== "submit") return codeRefused(publicCampaign, code);
      // The other half of a double click may have spent the code a moment ago: thank it.
      return thankOrRefuseCode(nonceField, now, publicCampaign, code);
    }
    // Carried on in hidden fields as printed on the card, however it was typed.
    code = displayAccessCode(code);
    if (field(formData, "intent") === "code") {
      return { kind: "questionnaire", status: 200, view: introView(publicCampaign, code) };
    }
  }

  const pages = journeyPages(template, campaign.sections);
  const currentId = pages.some((p) => p.id === field(formData, "page"))
    ? field(formData, "page")
    : "intro";
  const navigation = NavigationSchema.safeParse(field(formData, "nav"));
  const modeField = field(formData, "mode");
  const mode =
    campaign.respondentMode === "both"
      ? modeField === "self" || modeField === "interview"
        ? modeField
        : null
      : campaign.respondentMode;
  const { answers, errors } = parseAnswers(template, campaign.sections, formData);
  const view: QuestionnaireView = {
    campaign: publicCampaign,
    pageId: currentId,
    answers,
    errors,
    nonce: nonceSigned ? nonceField : issueFormNonce(now.getTime()),
    code,
    mode: campaign.respondentMode === "both" ? mode : null,
    reviewed: field(formData, "reviewed") === "1" || currentId === "review",
  };

  if (!navigation.success)
    return {
      kind: "questionnaire",
      status: 400,
      view: { ...view, errors: { ...errors, form: "feedback:errors.answer_invalid" } },
    };
  if (Object.keys(errors).length > 0) return { kind: "questionnaire", status: 400, view };

  if (
    currentId === "intro" &&
    campaign.respondentMode === "both" &&
    !mode &&
    navigation.data.kind === "next"
  ) {
    return {
      kind: "questionnaire",
      status: 400,
      view: { ...view, errors: { mode: "feedback:errors.mode_required" } },
    };
  }

  if (navigation.data.kind !== "submit") {
    return {
      kind: "questionnaire",
      status: 200,
      view: { ...view, pageId: nextPageId(pages, currentId, navigation.data) },
    };
  }

  // The final submit. A nonce used meanwhile is the other half of a double click.
  // Wait while another submit of this form is being stored; then check and take the nonce with
  // no await in between, so two submits of one form can never both pass.
  for (let pending = storeUnderWay(nonceField); pending; pending = storeUnderWay(nonceField))
    await pending;
  const nonceState = nonceSigned ? signedNonceState(nonceField) : "invalid";
  if (nonceState === "used") return { kind: "redirect", to: "thanks" };
  if (nonceState === "invalid") {
    return {
      kind: "questionnaire",
      status: 400,
      view: { ...view, pageId: "review", errors: { form: "feedback:errors.form_expired" } },
    };
  }
  // A filled-in honeypot is a robot: thank it and keep nothing.
  if (field(formData, "website") !== "") return { kind: "redirect", to: "thanks" };
  if (campaign.accessMode === "open" && !allowSubmission(input.clientKey)) {
    return {
      kind: "questionnaire",
      status: 429,
      view: { ...view, pageId: "review", errors: { form: "feedback:errors.too_many" } },
    };
  }

  const questions = campaignQuestions(template, campaign.sections);
  const choices: Record<string, string[]> = {};
  const freeTexts: { questionId: string; text: string }[] = [];
  for (const question of questions) {
    const answer = answers[question.id];
    if (!answer) continue;
    if (answer.choices.length) choices[question.id] = answer.choices;
    if (answer.text) freeTexts.push({ questionId: question.id, text: answer.text });
    if (answer.comment) freeTexts.push({ questionId: question.id, text: answer.comment });
  }
  // Taken before writing, so a simultaneous second submit of this form is turned away; it waits
  // for this store to end (trackStore) and is thanked only if the answers were stored.
  consumeFormNonce(nonceField, now.getTime());
  const result = await trackStore(
    nonceField,
    (async () => {
      try {
        const stored = await storeSubmission({
          campaignId: campaign.id,
          templateVersion: campaign.templateVersion,
          language: lang,
          respondentMode: mode ?? "self",
          period: coarsenSubmissionDate(now, campaign.dateGranularity, getConfig().timeZone),
          choices,
          freeTexts,
          answeredQuestionIds: Object.keys(answers),
          accessCode: code ?? undefined,
          formNonce: nonceField,
        });
        // A refused code stored nothing: the form may be sent again.
        if (stored === "code_rejected") releaseFormNonce(nonceField);
        return stored;
      } catch (error) {
        releaseFormNonce(nonceField);
        if (campaign.accessMode === "open") refundSubmission(input.clientKey);
        throw error;
      }
    })(),
  );
  if (result === "code_rejected") return thankOrRefuseCode(nonceField, now, publicCampaign, code);
  return { kind: "redirect", to: "thanks" };
}

/** Unknown and used codes get the same answer. */
function codeRefused(campaign: PublicCampaign, code: string | null): Outcome {
  return {
    kind: "code",
    status: 400,
    campaign,
    error: "feedback:errors.code_invalid",
    code: code ?? "",
  };
}

/**
 * A code refused on Send: if this very form was stored meanwhile (the other half of a double
 * click spent the code), thank; otherwise refuse the code.
 */
async function thankOrRefuseCode(
  nonce: string,
  now: Date,
  campaign: PublicCampaign,
  code: string | null,
): Promise<Outcome> {
  return (await settledNonceState(nonce, now.getTime())) === "used"
    ? { kind: "redirect", to: "thanks" }
    : codeRefused(campaign, code);
}

export { questionsOnPage };
