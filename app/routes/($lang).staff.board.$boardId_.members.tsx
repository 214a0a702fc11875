import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { boardName } from "~/board/board-name";
import { AddMemberSchema, CompositionReasonSchema, formatDay } from "~/board/membership";
import { requireBoard, requireMembersListAccess } from "~/board/membership-access.server";
import { AddMemberForm, CompositionStatusBox, MemberActions } from "~/board/membership-forms";
import {
  activateMember,
  addMember,
  endMembership,
  listMembers,
  renewTerm,
  termEndsSoon,
} from "~/board/membership.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireSignedDeclaration } from "~/meetings/declaration.commands.server";
import { localToday } from "~/platform/calendar.server";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("members:members.tableCaption");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, board, isSecretariat, csrfToken } = await requireMembersListAccess(
    request,
    params.boardId,
  );
  const today = localToday();
  const { members, composition } = await listMembers(board.id, today);
  // Art. 14 d: every view of the members list with contacts is recorded.
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "board_members_viewed",
    subject: board.name,
  });
  return {
    board: {
      id: board.id,
      name: boardName(board, getLangFromPath(new URL(request.url).pathname)),
    },
    members: members.map((m) => ({
      ...m,
      endsSoon: m.status === "active" && termEndsSoon(m.termEndsOn, today),
    })),
    composition,
    isSecretariat,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, board } = await requireBoard(
    request,
    params.boardId,
    "board:members:manage",
    formData,
  );
  // Art. 13-14: the members list is the board's, as the page itself (requireMembersListAccess).
  await requireSignedDeclaration(user);
  const intent = String(formData.get("intent") ?? "");
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (intent === "add") {
    const parsed = parseForm(AddMemberSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent, membershipId: "", values: parsed.values, errors: parsed.errors, done: null },
        { status: 400 },
      );
    const result = await addMember(user, { boardId: board.id, ...parsed.data, lang });
    if (!result.ok)
      return data(
        { intent, membershipId: "", values: parsed.data, errors: result.errors, done: null },
        { status: 400 },
      );
    return data({ intent, membershipId: "", values: {}, errors: {}, done: "added" as const });
  }
  const parsed = parseForm(CompositionReasonSchema, formData, { secretFields: ["csrf"] });
  const membershipId = String(formData.get("membershipId") ?? "");
  if (!parsed.ok)
    return data(
      { intent, membershipId, values: parsed.values, errors: parsed.errors, done: null },
      { status: 400 },
    );
  const input = { membershipId: parsed.data.membershipId, reason: parsed.data.reason };
  const result =
    intent === "activate"
      ? await activateMember(user, input)
      : intent === "renew"
        ? await renewTerm(user, input.membershipId)
        : intent === "end"
          ? await endMembership(user, { ...input, kind: "ended", lang })
          : ({ ok: false, errors: { form: "common:errors.field_invalid" } } as const);
  if (!result.ok)
    return data(
      { intent, membershipId, values: parsed.data, errors: result.errors, done: null },
      { status: 400 },
    );
  const done = intent === "activate" ? "activated" : intent === "renew" ? "renewed" : "ended";
  return data({ intent, membershipId, values: {}, errors: {}, done });
}

export default function BoardMembersPage() {
  const { board, members, composition, isSecretariat, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const lang = getLangFromPath(useLocation().pathname);
  // Errors of a member's row point at that row's reason field.
  const summaryErrors = Object.fromEntries(
    Object.entries((actionData?.errors ?? {}) as Record<string, string>).map(([field, message]) => [
      field === "reason" && actionData?.membershipId ? `reason-${actionData.membershipId}` : field,
      message,
    ]),
  );
  return (
    <>
      <ErrorSummary errors={summaryErrors} fieldOrder={["fullName", "email", "phone"]} />
      <h1 className="app-heading-l">{t("members.title", { board: board.name })}</h1>
      {actionData?.done ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`members.${actionData.done}`)}</p>
        </div>
      ) : null}
      <CompositionStatusBox composition={composition} />
      <p className="app-body">{t("members.lead")}</p>
      {isSecretariat ? (
        <p className="app-body">
          <Link to={localePath(lang, `/staff/board/${board.id}/elections`)}>
            {t("members.elections")}
          </Link>
        </p>
      ) : null}
      {members.length === 0 ? (
        <p className="app-body">{t("members.empty")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("members.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("members.columns.name")}</th>
              <th scope="col">{t("members.columns.contact")}</th>
              <th scope="col">{t("members.columns.status")}</th>
              <th scope="col">{t("members.columns.term")}</th>
              {isSecretariat ? <th scope="col">{t("members.columns.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.erased ? t("data.erasedName") : m.fullName}
                  {m.positions.length > 0 ? (
                    <>
                      <br />
                      <span className="app-hint">
                        {m.positions.map((p) => t(`positions.${p}`)).join(", ")}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  <span className="app-email">{m.email}</span>
                  <br />
                  {m.phone || <span className="app-hint">{t("members.noPhone")}</span>}
                </td>
                <td>
                  {m.status === "ended" && m.endKind
                    ? t(`endKind.${m.endKind}`, { date: formatDay(m.endedOn) })
                    : t(`status.${m.status}`)}
                </td>
                <td>
                  {m.termStartsOn && m.status === "active" ? (
                    <>
                      {t("membership.termDates", {
                        start: formatDay(m.termStartsOn),
                        end: formatDay(m.termEndsOn),
                      })}
                      {m.endsSoon ? (
                        <>
                          <br />
                          <strong>{t("members.termEndsSoon")}</strong>
                        </>
                      ) : null}
                      {m.renewals > 0 ? (
                        <>
                          <br />
                          <span className="app-hint">
                            {t("members.renewals", { count: m.renewals })}
                          </span>
                        </>
                      ) : null}
                    </>
                  ) : null}
                </td>
                {isSecretariat ? (
                  <td>
                    <p className="app-body">
                      <Link to={localePath(lang, `/staff/board/${board.id}/members/${m.id}`)}>
                        {t("data.link")}{" "}
                        <span className="app-visually-hidden">
                          {t("data.linkName", {
                            name: m.erased ? t("data.erasedName") : m.fullName,
                          })}
                        </span>
                      </Link>
                    </p>
                    <MemberActions
                      csrfToken={csrfToken}
                      membershipId={m.id}
                      memberName={m.fullName}
                      status={m.status}
                      state={actionData?.intent !== "add" ? actionData : undefined}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isSecretariat ? (
        <AddMemberForm
          csrfToken={csrfToken}
          state={actionData?.intent === "add" ? actionData : undefined}
        />
      ) : null}
    </>
  );
}
