import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type SerializeFrom,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getStaffContext, requireUser } from "~/auth/guard.server";
import { WithdrawalSchema } from "~/board/membership";
import { WithdrawalForm } from "~/board/membership-forms";
import { endMembership, getMembership, listMyMemberships } from "~/board/membership.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { DeclarationText, SignDeclarationForm } from "~/meetings/declaration-forms";
import { signDeclaration } from "~/meetings/declaration.commands.server";
import { SignDeclarationSchema } from "~/meetings/declaration.schemas";
import { getCurrentDeclaration, listSignatures } from "~/meetings/declarations.server";
import { displayDay, localToday } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:declaration.title");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // After leaving the board the person's sessions are gone: the page after the withdrawal says
  // it is done (static text, nothing of the board) instead of asking them to sign in. Only for
  // a membership withdrawn today, so a link made up by someone else cannot show it.
  const withdrawnId = url.searchParams.get("withdrawn");
  if (withdrawnId && !(await getStaffContext(request))) {
    const ended = UUID.test(withdrawnId) ? await getMembership(withdrawnId) : null;
    if (ended?.endKind === "withdrawn" && ended.endedOn === localToday())
      return { withdrawn: true as const };
  }
  const { user, csrfToken } = await requireUser(request, "declaration:sign");
  const lang = getLangFromPath(url.pathname);
  const [current, signatures] = await Promise.all([
    getCurrentDeclaration(),
    listSignatures(user.id),
  ]);
  const { timeZone } = getConfig();
  const signedCurrent = signatures.some((s) => s.version === current.version);
  // A member who does not want to sign (again) can leave the board from this page (Art. 15).
  const memberships =
    signedCurrent || !user.roles.includes("board_member")
      ? []
      : (await listMyMemberships(user.id, lang))
          .filter((m) => m.status === "active")
          .map((m) => ({ id: m.id, boardName: m.boardName }));
  return {
    withdrawn: false as const,
    version: current.version,
    text: current.text[lang],
    signedCurrent,
    memberships,
    signedEarlier: signatures.some((s) => s.version < current.version),
    signatures: signatures.map((s) => ({
      version: s.version,
      day: displayDay(s.signedAt, timeZone),
    })),
    justSigned: url.searchParams.get("signed") === "1",
    csrfToken,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (formData.get("intent") === "withdraw") {
    // The same withdrawal as on /staff/membership: ended at once, audited, chair and
    // secretariat told; the person's sessions end, so the answer is the last page they see.
    const { user } = await requireUser(request, "board:vote", formData);
    const parsed = parseForm(WithdrawalSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent: "withdraw", values: parsed.values, errors: parsed.errors },
        { status: 400 },
      );
    const result = await endMembership(user, {
      membershipId: parsed.data.membershipId,
      kind: "withdrawn",
      reason: parsed.data.reason,
      lang,
    });
    if (!result.ok)
      return data(
        {
          intent: "withdraw",
          values: { reason: parsed.data.reason },
          errors: result.errors,
        },
        { status: 400 },
      );
    return redirect(
      `${localePath(lang, "/staff/declaration")}?withdrawn=${parsed.data.membershipId}`,
      303,
    );
  }
  const { user } = await requireUser(request, "declaration:sign", formData);
  const parsed = parseForm(SignDeclarationSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { intent: "sign", values: parsed.values, errors: parsed.errors, withdrawn: false },
      { status: 400 },
    );
  const result = await signDeclaration(user, parsed.data, lang);
  if (!result.ok) {
    // A newer version was published while the page was open: it must be read before signing.
    return data(
      {
        intent: "sign",
        values: { fullName: parsed.data.fullName },
        errors: { fullName: "meetings:errors.version_stale" },
      },
      { status: 409 },
    );
  }
  return redirect(`${localePath(lang, "/staff/declaration")}?signed=1`, 303);
}

export default function DeclarationPage() {
  const loaderData = useLoaderData<typeof loader>();
  return loaderData.withdrawn ? <WithdrawnNotice /> : <Declaration {...loaderData} />;
}

function WithdrawnNotice() {
  const { t } = useTranslation("meetings");
  return (
    <div className="app-narrow" role="status">
      <h1 className="app-heading-l">{t("members:membership.withdrawnTitle")}</h1>
      <p className="app-body">{t("members:membership.withdrawnText")}</p>
    </div>
  );
}

function Declaration(loaderData: Extract<SerializeFrom<typeof loader>, { withdrawn: false }>) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  const { version, signedCurrent, signedEarlier, signatures, memberships } = loaderData;
  const signState = actionData?.intent === "sign" ? actionData : undefined;
  const withdrawState = actionData?.intent === "withdraw" ? actionData : undefined;
  return (
    <div className="app-narrow">
      {loaderData.justSigned && signedCurrent ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("declaration.signedNotice", { version })}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("declaration.title")}</h1>
      <p className="app-body">
        {signedCurrent
          ? t("declaration.statusSigned", { version })
          : signedEarlier
            ? t("declaration.statusNewVersion", { version })
            : t("declaration.statusNotSigned")}
      </p>
      <p className="app-body">{t("declaration.why")}</p>
      <h2 className="app-heading-m">{t("declaration.versionHeading", { version })}</h2>
      <DeclarationText text={loaderData.text} lang={lang} />
      {signedCurrent ? null : (
        <>
          <SignDeclarationForm
            version={version}
            csrfToken={loaderData.csrfToken}
            values={signState?.values}
            errors={signState?.errors}
          />
          <p className="app-body">
            {memberships.length > 0
              ? t("declaration.notSigningLeave")
              : t("declaration.notSigning")}
          </p>
          {withdrawState ? (
            <ErrorSummary
              errors={withdrawErrorsForSummary(withdrawState.errors)}
              fieldOrder={["reason", "withdraw-confirm"]}
            />
          ) : null}
          {memberships.map((m) => (
            <WithdrawalForm
              key={m.id}
              csrfToken={loaderData.csrfToken}
              membershipId={m.id}
              state={withdrawState}
            />
          ))}
        </>
      )}
      {signatures.length > 0 ? (
        <>
          <h2 className="app-heading-m">{t("declaration.yourSignatures")}</h2>
          <ul className="app-list">
            {signatures.map((signature) => (
              <li key={signature.version}>
                <Link to={localePath(lang, `/staff/declaration/${signature.version}`)}>
                  {t("declaration.signatureLink", {
                    version: signature.version,
                    day: signature.day,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The withdrawal's confirm box has its own id on this page (the declaration has a `confirm`). */
function withdrawErrorsForSummary(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field === "confirm" ? "withdraw-confirm" : field,
      message,
    ]),
  );
}
