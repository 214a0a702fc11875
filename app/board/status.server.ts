import { ContactSchema } from "./application.schemas";
import {
  eraseApplication,
  getApplication,
  issueAccessGrant,
  openWithReference,
  readAccessGrant,
  requestPassphraseReset,
  updateContactDetails,
  type ContactDetails,
} from "./applications.server";
import type { Lang } from "../i18n/lang";
import { formDataToValues, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * The applicant's own page, opened with the reference code and passphrase: the status, the
 * contact details to correct, and withdrawal (which erases the application at once). No cookie:
 * after the check a signed grant of 30 minutes travels in the forms.
 */
export type StatusView = {
  grant: string;
  status: "submitted" | "withdrawn" | "selected" | "not_selected";
  submittedOn: string;
  contact: FormValues;
  errors: FieldErrors;
  saved: boolean;
};

export type StatusOutcome =
  | { kind: "sign_in"; error: string | null; reference: string; status: 200 | 400 | 429 }
  | { kind: "status"; view: StatusView; status: 200 | 400 }
  | { kind: "withdrawn"; status: 200 }
  | { kind: "reset_sent"; status: 200 };

function contactValuesOf(fields: Record<string, unknown>): FormValues {
  const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "");
  return {
    email: text("email"),
    phone: text("phone"),
    channels: Array.isArray(fields.channels) ? (fields.channels as string[]) : [],
    contactTimes: text("contactTimes"),
    voicemailSafe: text("voicemailSafe"),
    sharedPhoneSafe: text("sharedPhoneSafe"),
  };
}

async function statusView(id: string, extra: Partial<StatusView> = {}): Promise<StatusView | null> {
  const application = await getApplication(id);
  if (!application) return null;
  return {
    grant: issueAccessGrant(id),
    status: application.status,
    submittedOn: application.submittedAt.slice(0, 10),
    contact: contactValuesOf(application.fields),
    errors: {},
    saved: false,
    ...extra,
  };
}

const signedOut = (error: string | null = null): StatusOutcome => ({
  kind: "sign_in",
  error,
  reference: "",
  status: error ? 400 : 200,
});

/** One post of the status page: `intent` is "open", "contact", "withdraw" or "reset". */
export async function handleStatusPost(input: {
  formData: FormData;
  lang: Lang;
  clientKey: string | undefined;
}): Promise<StatusOutcome> {
  const { formData, lang, clientKey } = input;
  const intent = formData.get("intent");
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, 200) : "";
  };
  if (intent === "reset") {
    const asked = await requestPassphraseReset({ reference: text("reference"), lang, clientKey });
    if (asked === "locked")
      return {
        kind: "sign_in",
        error: "board:status.errors.locked",
        reference: text("reference"),
        status: 429,
      };
    return { kind: "reset_sent", status: 200 };
  }
  if (intent === "open") {
    const opened = await openWithReference({
      reference: text("reference"),
      passphrase: text("passphrase"),
      clientKey,
    });
    if (!opened.ok)
      return {
        kind: "sign_in",
        error: `board:status.errors.${opened.reason}`,
        reference: text("reference"),
        status: opened.reason === "locked" ? 429 : 400,
      };
    const view = await statusView(opened.id);
    return view ? { kind: "status", view, status: 200 } : signedOut("board:status.errors.wrong");
  }
  // Acting on the application needs a valid grant from the check above.
  const id = readAccessGrant(formData.get("grant"));
  if (!id) return signedOut("board:status.errors.expired");
  if (intent === "withdraw") {
    if (formData.get("confirm") !== "yes") {
      const view = await statusView(id, { errors: { confirm: "board:status.errors.confirm" } });
      return view ? { kind: "status", view, status: 400 } : signedOut();
    }
    await eraseApplication(id);
    return { kind: "withdrawn", status: 200 };
  }
  const values = formDataToValues(formData, ["intent", "grant", "confirm"]);
  const parsed = ContactSchema.safeParse(values, { error: () => "board:apply.errors.invalid" });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0] ?? "form")] ??= issue.message;
    const view = await statusView(id, { contact: values, errors });
    return view ? { kind: "status", view, status: 400 } : signedOut();
  }
  await updateContactDetails(id, parsed.data as ContactDetails);
  const view = await statusView(id, { saved: true });
  return view ? { kind: "status", view, status: 200 } : signedOut();
}
