import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { listOrganisationsFor } from "~/assessment/organisations.server";
import {
  changeRoles,
  inviteUser,
  resendInvitation,
  setAccountEnabled,
} from "~/auth/auth.commands.server";
import { ChangeRolesSchema, InviteSchema, ResendInvitationSchema } from "~/auth/auth.schemas";
import { requireUser } from "~/auth/guard.server";
import { ROLES } from "~/auth/permissions";
import { listTwoFactorUserIds } from "~/auth/totp.server";
import { resetTwoFactor } from "~/auth/two-factor.commands.server";
import { listUsers } from "~/auth/users.server";
import { getLangFromPath, type Lang } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, TextField } from "~/ui/form-fields";
import {
  formDataToValues,
  parseForm,
  valueOf,
  valuesOf,
  type FieldErrors,
  type FormValues,
} from "~/ui/parse-form";

export const meta = titleMeta("staff:users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "users:manage");
  const [users, organisations, twoFactor] = await Promise.all([
    listUsers(),
    listOrganisationsFor(user),
    listTwoFactorUserIds(),
  ]);
  return {
    users: users.map((person) => ({ ...person, twoFactor: twoFactor.has(person.id) })),
    organisations,
    currentUserId: user.id,
    csrfToken,
  };
}

type ActionResult = {
  intent: string;
  userId?: string;
  values?: FormValues;
  errors: FieldErrors;
  notice?: string;
  /** The address already has an invitation that was not accepted: offer to send it again. */
  pending?: { userId: string; email: string; lang: Lang };
  /** Changes after each success, so the invitation form is shown empty again. */
  doneAt?: number;
};

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "users:manage", formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const intent = String(formData.get("intent") ?? "");
  const fail = (result: ActionResult) => data(result, { status: 400 });

  if (intent === "invite") {
    const parsed = parseForm(InviteSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return fail({ intent, values: parsed.values, errors: parsed.errors });
    const result = await inviteUser(user, parsed.data);
    if (!result.ok && "pendingInvitation" in result) {
      return data<ActionResult>({
        intent,
        values: formDataToValues(formData, ["csrf"]),
        errors: {},
        pending: { ...result.pendingInvitation, lang: parsed.data.lang },
      });
    }
    if (!result.ok)
      return fail({ intent, values: formDataToValues(formData, ["csrf"]), errors: result.errors });
    return data<ActionResult>({
      intent,
      errors: {},
      notice: `invited_${result.value.delivery}`,
      doneAt: Date.now(),
    });
  }
  if (intent === "roles") {
    const parsed = parseForm(ChangeRolesSchema, formData);
    if (!parsed.ok) return fail({ intent, errors: parsed.errors });
    const result = await changeRoles(user, parsed.data);
    if (!result.ok) return fail({ intent, userId: parsed.data.userId, errors: result.errors });
    return data<ActionResult>({ intent, errors: {}, notice: "roles_changed" });
  }
  if (intent === "resend" || intent === "disable" || intent === "enable") {
    const parsed = parseForm(ResendInvitationSchema, formData);
    if (!parsed.ok) return fail({ intent, errors: parsed.errors });
    const result =
      intent === "resend"
        ? await resendInvitation(user, parsed.data.userId, parsed.data.lang ?? lang)
        : await setAccountEnabled(user, parsed.data.userId, intent === "enable");
    if (!result.ok) return fail({ intent, userId: parsed.data.userId, errors: result.errors });
    const notice =
      intent === "resend" && "value" in result && result.value
        ? `invited_${result.value.delivery}`
        : `account_${intent}d`;
    return data<ActionResult>({ intent, errors: {}, notice, doneAt: Date.now() });
  }
  if (intent === "reset_two_factor") {
    const parsed = parseForm(ResendInvitationSchema, formData);
    if (!parsed.ok) return fail({ intent, errors: parsed.errors });
    const result = await resetTwoFactor(user, parsed.data.userId);
    if (!result.ok) return fail({ intent, userId: parsed.data.userId, errors: result.errors });
    return data<ActionResult>({
      intent,
      errors: {},
      notice: "two_factor_reset",
      doneAt: Date.now(),
    });
  }
  return fail({ intent, errors: { intent: "common:errors.unknownAction" } });
}

export default function UsersPage() {
  const { users, organisations, currentUserId, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation("staff");
  const lang = getLangFromPath(useLocation().pathname);
  const inviteErrors = actionData?.intent === "invite" ? actionData.errors : undefined;
  const rowErrors = actionData && actionData.intent !== "invite" ? actionData.errors : undefined;
  const described = ROLES.map((role) => ({
    value: role,
    label: t(`roles.${role}`),
    hint: t(`roleHints.${role}`),
  }));
  const inviteValues = inviteErrors || actionData?.pending ? actionData?.values : undefined;
  // After a success the message is at the top, in view and announced; the form starts empty.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.notice || actionData?.pending) noticeRef.current?.focus();
  }, [actionData]);
  return (
    <>
      <ErrorSummary
        errors={
          rowErrors && actionData?.userId
            ? Object.fromEntries(
                Object.entries(rowErrors).map(([, message]) => [
                  `roles-${actionData.userId}`,
                  message,
                ]),
              )
            : (rowErrors ?? inviteErrors)
        }
        fieldOrder={["displayName", "email", "roles", "organisations", "lang"]}
      />
      {actionData?.notice ? (
        <div
          className="app-notification app-notification--success"
          role="status"
          tabIndex={-1}
          ref={noticeRef}
          id="users-notice"
        >
          <p className="app-body">{t(`users.notice.${actionData.notice}`)}</p>
        </div>
      ) : null}
      {actionData?.pending ? (
        <div className="app-notification" role="status" tabIndex={-1} ref={noticeRef}>
          <p className="app-body">
            {t("users.pending.message", { email: actionData.pending.email })}
          </p>
          <Form method="post">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="userId" value={actionData.pending.userId} />
            <input type="hidden" name="lang" value={actionData.pending.lang} />
            <button type="submit" name="intent" value="resend" className="app-button">
              {t("users.pending.resend")}
            </button>
          </Form>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("users.title")}</h1>
      <table className="app-table">
        <caption className="app-table__caption">{t("users.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("users.columns.person")}</th>
            <th scope="col">{t("users.columns.status")}</th>
            <th scope="col">{t("users.columns.roles")}</th>
            <th scope="col">{t("users.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((person) => (
            <tr key={person.id}>
              <td>
                {person.displayName}
                <br />
                <span className="app-hint app-email">{person.email}</span>
              </td>
              <td>
                {t(`users.status.${person.status}`)}
                {person.status === "invited" ? null : (
                  <>
                    <br />
                    <span className="app-hint">
                      {t(person.twoFactor ? "users.twoFactor.on" : "users.twoFactor.off")}
                    </span>
                  </>
                )}
              </td>
              <td>
                <details className="app-details">
                  <summary>
                    {person.roles.map((role) => t(`roles.${role}`)).join(", ")}
                    <span className="app-visually-hidden">
                      {t("users.changeRolesFor", { name: person.displayName })}
                    </span>
                  </summary>
                  <Form method="post" className="app-details__body">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="intent" value="roles" />
                    <input type="hidden" name="userId" value={person.id} />
                    <CheckboxGroup
                      name="roles"
                      idPrefix={`roles-${person.id}`}
                      legend={t("users.rolesLegend", { name: person.displayName })}
                      options={described}
                      checked={person.roles}
                      error={actionData?.userId === person.id ? rowErrors?.roles : undefined}
                    />
                    <button type="submit" className="app-button app-button--small">
                      {t("users.saveRoles")}
                    </button>
                  </Form>
                </details>
              </td>
              <td>
                {person.id === currentUserId ? (
                  <span className="app-hint">{t("users.you")}</span>
                ) : (
                  <Form method="post" className="app-button-stack">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="userId" value={person.id} />
                    {person.status === "invited" ? (
                      <button
                        type="submit"
                        name="intent"
                        value="resend"
                        className="app-button app-button--secondary app-button--small"
                      >
                        {t("users.resend")}
                        <span className="app-visually-hidden"> {person.email}</span>
                      </button>
                    ) : (
                      <button
                        type="submit"
                        name="intent"
                        value={person.status === "active" ? "disable" : "enable"}
                        className="app-button app-button--secondary app-button--small"
                      >
                        {t(person.status === "active" ? "users.disable" : "users.enable")}
                        <span className="app-visually-hidden"> {person.email}</span>
                      </button>
                    )}
                    {person.twoFactor ? (
                      <button
                        type="submit"
                        name="intent"
                        value="reset_two_factor"
                        className="app-button app-button--secondary app-button--small"
                      >
                        {t("users.twoFactor.reset")}
                        <span className="app-visually-hidden"> {person.email}</span>
                      </button>
                    ) : null}
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="app-heading-m" id="invite">
        {t("users.inviteTitle")}
      </h2>
      <p className="app-body">{t("users.inviteLead")}</p>
      <Form
        method="post"
        noValidate
        className="app-narrow"
        lang={lang}
        key={actionData?.doneAt ?? "invite"}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="invite" />
        <TextField
          name="displayName"
          label={t("users.fields.displayName")}
          autoComplete="off"
          defaultValue={valueOf(inviteValues, "displayName")}
          error={inviteErrors?.displayName}
        />
        <TextField
          name="email"
          type="email"
          label={t("users.fields.email")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={valueOf(inviteValues, "email")}
          error={inviteErrors?.email}
        />
        <CheckboxGroup
          name="roles"
          legend={t("users.fields.roles")}
          hint={t("users.fields.rolesHint")}
          options={described}
          checked={valuesOf(inviteValues, "roles")}
          error={inviteErrors?.roles}
        />
        {organisations.length > 0 ? (
          <CheckboxGroup
            name="organisations"
            legend={t("users.fields.organisations")}
            hint={t("users.fields.organisationsHint")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            checked={valuesOf(inviteValues, "organisations")}
            error={inviteErrors?.organisations}
          />
        ) : null}
        <RadioGroup
          name="lang"
          legend={t("users.fields.language")}
          hint={t("users.fields.languageHint")}
          options={[
            { value: "sq", label: t("users.languages.sq") },
            { value: "en", label: t("users.languages.en") },
          ]}
          checked={valueOf(inviteValues, "lang") || lang}
          error={inviteErrors?.lang}
        />
        <button type="submit" className="app-button">
          {t("users.inviteSubmit")}
        </button>
      </Form>
    </>
  );
}
