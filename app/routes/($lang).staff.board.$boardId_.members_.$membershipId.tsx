import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { auditMemberExport, requireMemberData } from "~/board/member-data-access.server";
import { MemberDataView } from "~/board/member-data-forms";
import { eraseMember, exportMember } from "~/board/member-data.server";
import { formatDay } from "~/board/membership";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("members:data.title");

/** One member's data for the secretariat: a readable summary (audited), the file, erasure. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, board, membership, csrfToken } = await requireMemberData(request, params);
  const exported = await exportMember(membership.id);
  if (!exported) throw new Response("Not Found", { status: 404 });
  await auditMemberExport(user, membership, { by: "secretariat", format: "page" });
  return {
    board: {
      id: board.id,
      name: boardName(board, getLangFromPath(new URL(request.url).pathname)),
    },
    membership: exported.membership,
    counts: {
      meetings: exported.meetings.length,
      declarations: exported.declarations.length,
      elections: exported.elections.length,
    },
    hasApplication: exported.application !== null,
    erased: membership.erased,
    canErase: membership.status === "ended" && !membership.erased,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, board, membership } = await requireMemberData(request, params, formData);
  if (formData.get("intent") !== "erase") throw new Response("Bad Request", { status: 400 });
  if (formData.get("confirm") !== "yes")
    return data({ errors: { confirm: "members:data.confirmRequired" } }, { status: 400 });
  const result = await eraseMember(user, membership.id);
  if (!result.ok)
    return data({ errors: { confirm: result.errors.membershipId! } }, { status: 400 });
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/board/${board.id}/members/${membership.id}?erased=1`));
}

export default function MemberDataPage() {
  const { board, membership, counts, hasApplication, erased, canErase, csrfToken } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const justErased = new URLSearchParams(location.search).get("erased") === "1";
  const rows: [string, string][] = [
    [t("members.fullName"), membership.fullName],
    [t("members.email"), membership.email],
    [t("members.phone"), membership.phone],
    [t("membership.status"), t(`status.${membership.status}`)],
    [
      t("membership.term"),
      membership.termStartsOn
        ? t("membership.termDates", {
            start: formatDay(membership.termStartsOn),
            end: formatDay(membership.termEndsOn),
          })
        : "",
    ],
    // The secretariat's Art. 5 reasons, opened with the member's key, when one was recorded.
    ...(membership.activationReason
      ? [[t("data.activationReason"), membership.activationReason] as [string, string]]
      : []),
    ...(membership.endCompositionReason
      ? [[t("data.endCompositionReason"), membership.endCompositionReason] as [string, string]]
      : []),
    [t("data.meetings"), t("data.count", { count: counts.meetings })],
    [t("data.declarations"), t("data.count", { count: counts.declarations })],
    [t("data.elections"), t("data.count", { count: counts.elections })],
    [t("data.application"), hasApplication ? t("data.held") : t("data.notHeld")],
  ];
  return (
    <MemberDataView
      back={
        <Link to={localePath(lang, `/staff/board/${board.id}/members`)}>
          {t("members.title", { board: board.name })}
        </Link>
      }
      exportHref={`${location.pathname}/export`}
      erased={erased}
      justErased={justErased}
      canErase={canErase}
      csrfToken={csrfToken}
      errors={actionData?.errors}
    >
      <dl className="app-summary-list">
        {rows.map(([label, value]) => (
          <div className="app-summary-list__row" key={label}>
            <dt className="app-summary-list__key">{label}</dt>
            <dd className="app-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </MemberDataView>
  );
}
