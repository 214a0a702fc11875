import {
  ALL_FIELDS,
  ageFromValues,
  checkApplication,
  checkStep,
  stepsFor,
  APPLICATION_STEPS,
  type ApplicationStep,
} from "./application.schemas";
import { storeApplication } from "./applications.server";
import { boardName } from "./board-name";
import { getBoard, type Board } from "./boards.server";
import { callState, getCall, type BoardCall } from "./calls.server";
import {
  allowSubmission,
  checkFormNonce,
  consumeFormNonce,
  issueFormNonce,
  refundSubmission,
  releaseFormNonce,
} from "../feedback/form-guards.server";
import type { Lang } from "../i18n/lang";
import { localToday } from "../platform/calendar.server";
import { formDataToValues, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * The application journey (public, no account): pages, check-your-answers and Send. Nothing is
 * kept on the server between pages: every value travels in the form. A form nonce (in memory,
 * as the questionnaire's) makes a double Send store one application.
 */
export type PublicCall = { board: Board; call: BoardCall; state: "upcoming" | "open" | "closed" };

/** The call and its board as the public pages show them, or null (unknown call). */
export async function loadPublicCall(callId: string): Promise<PublicCall | null> {
  const call = await getCall(callId);
  const board = call ? await getBoard(call.boardId) : null;
  if (!call || !board) return null;
  return { board, call, state: callState(call, localToday()) };
}

export type StepView = {
  step: ApplicationStep;
  steps: ApplicationStep[];
  values: FormValues;
  errors: FieldErrors;
  nonce: string;
  /** Age from the date of birth typed so far, for the check page. */
  age: number | null;
  today: string;
  boardName: string;
  residenceRule: Board["residenceRule"];
};

export type ApplyOutcome =
  | { kind: "closed"; state: "upcoming" | "closed"; status: 200 }
  | { kind: "step"; view: StepView; status: 200 | 400 }
  | { kind: "too_young"; status: 200 }
  | { kind: "sent"; reference: string; passphrase: string; status: 200 }
  | { kind: "already_sent"; status: 200 }
  | { kind: "busy"; status: 429 };

function view(
  publicCall: PublicCall,
  lang: Lang,
  step: ApplicationStep,
  values: FormValues,
  errors: FieldErrors,
  nonce: string,
): StepView {
  const today = localToday();
  return {
    step,
    steps: stepsFor(values, today),
    values,
    errors,
    nonce,
    age: ageFromValues(values, today),
    today,
    boardName: boardName(publicCall.board, lang),
    residenceRule: publicCall.board.residenceRule,
  };
}

/**
 * The first page of a new application in `lang` (or the calm page of a call that is not open).
 */
export function startApplication(publicCall: PublicCall, lang: Lang): ApplyOutcome {
  if (publicCall.state !== "open") return { kind: "closed", state: publicCall.state, status: 200 };
  return {
    kind: "step",
    view: view(publicCall, lang, "about", {}, {}, issueFormNonce()),
    status: 200,
  };
}

const isStep = (value: unknown): value is ApplicationStep =>
  typeof value === "string" && (APPLICATION_STEPS as readonly string[]).includes(value);

/**
 * One post of the journey. `nav` says where to go: "next" (checks this page), "back",
 * "goto:<page>" (a Change button on the check page) or "send" (checks every page, then stores).
 */
export async function handleApplicationPost(input: {
  publicCall: PublicCall;
  formData: FormData;
  lang: Lang;
  clientKey: string | undefined;
}): Promise<ApplyOutcome> {
  const { publicCall, formData, lang, clientKey } = input;
  if (publicCall.state !== "open") return { kind: "closed", state: publicCall.state, status: 200 };
  const all = formDataToValues(formData, ["nonce", "nav", "step"]);
  // Only the journey's own fields travel on: anything else posted is dropped.
  const values: FormValues = Object.fromEntries(
    Object.entries(all).filter(([name]) => ALL_FIELDS.includes(name)),
  );
  const nonceValue = formData.get("nonce");
  const nonce = typeof nonceValue === "string" ? nonceValue : "";
  const freshNonce = checkFormNonce(nonce) === "invalid" ? issueFormNonce() : nonce;
  const today = localToday();
  const rule = publicCall.board.residenceRule;
  const stepValue = formData.get("step");
  const step: ApplicationStep = isStep(stepValue) ? stepValue : "about";
  const nav = String(formData.get("nav") ?? "next");
  const steps = stepsFor(values, today);
  const here = Math.max(0, steps.indexOf(step));

  if (nav === "back")
    return {
      kind: "step",
      view: view(publicCall, lang, steps[Math.max(0, here - 1)]!, values, {}, freshNonce),
      status: 200,
    };
  if (nav.startsWith("goto:")) {
    const target = nav.slice(5);
    return {
      kind: "step",
      view: view(
        publicCall,
        lang,
        isStep(target) && steps.includes(target) ? target : step,
        values,
        {},
        freshNonce,
      ),
      status: 200,
    };
  }
  if (nav !== "send") {
    const { errors, tooYoung } = checkStep(step, values, today, rule);
    if (tooYoung) return { kind: "too_young", status: 200 };
    if (Object.keys(errors).length > 0)
      return {
        kind: "step",
        view: view(publicCall, lang, step, values, errors, freshNonce),
        status: 400,
      };
    const next = stepsFor(values, today);
    const target = next[Math.min(next.indexOf(step) + 1, next.length - 1)] ?? "check";
    return {
      kind: "step",
      view: view(publicCall, lang, target, values, {}, freshNonce),
      status: 200,
    };
  }

  const checked = checkApplication(values, today, rule);
  if (!checked.ok) {
    if (checked.tooYoung) return { kind: "too_young", status: 200 };
    return {
      kind: "step",
      view: view(publicCall, lang, checked.step, values, checked.errors, freshNonce),
      status: 400,
    };
  }
  const state = checkFormNonce(nonce);
  if (state === "used") return { kind: "already_sent", status: 200 };
  if (state === "invalid")
    return {
      kind: "step",
      view: view(publicCall, lang, "check", values, {}, freshNonce),
      status: 200,
    };
  if (!allowSubmission(clientKey)) return { kind: "busy", status: 429 };
  consumeFormNonce(nonce);
  try {
    const credentials = await storeApplication({
      call: publicCall.call,
      application: checked.application,
      lang,
    });
    return {
      kind: "sent",
      reference: credentials.reference,
      passphrase: credentials.passphrase,
      status: 200,
    };
  } catch (error) {
    releaseFormNonce(nonce);
    refundSubmission(clientKey);
    throw error;
  }
}
