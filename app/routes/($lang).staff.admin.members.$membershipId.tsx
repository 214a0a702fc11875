import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { MemberExportView } from "~/board/held-sections";
import { auditMemberExport, requireMemberDataForAdmin } from "~/board/member-data-access.server";
import { MemberDataView } from "~/board/member-data-forms";
import { eraseMember, exportMember, type MemberExport } from "~/board/member-data.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("members:data.title");

/**
 * Everything held about one board member for an admin answering the person's request
 * (decision 035): the readable page (each view audited), the file, erasure once ended.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, csrfToken } = await requireMemberDataForAdmin(
    request,
    params.membershipId,
  );
  const exported = await exportMember(membership.id);
  if (!exported) throw new Response("Not Found", { status: 404 });
  await auditMemberExport(user, membership, { by: "admin", format: "page" });
  return {
    exported: JSON.stringify(exported),
    erased: membership.erased,
    canErase: membership.status === "ended" && !membership.erased,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, membership } = await requireMemberDataForAdmin(
    request,
    params.membershipId,
    formData,
  );
  if (formData.get("intent") !== "erase") throw new Response("Bad Request", { status: 400 });
  if (formData.get("confirm") !== "yes")
    return data({ errors: { confirm: "members:data.confirmRequired" } }, { status: 400 });
  const result = await eraseMember({ id: user.id, email: user.email, by: "admin" }, membership.id);
  if (!result.ok)
    return data({ errors: { confirm: result.errors.membershipId! } }, { status: 400 });
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/admin/members/${membership.id}?erased=1`));
}

export default function AdminMemberDataPage() {
  const { exported, erased, canErase, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const justErased = new URLSearchParams(location.search).get("erased") === "1";
  return (
    <MemberDataView
      back={
        <Link to={localePath(lang, "/staff/admin/applicants")}>
          {t("board:admin.search.title")}
        </Link>
      }
      exportHref={`${location.pathname}/export`}
      erased={erased}
      justErased={justErased}
      canErase={canErase}
      csrfToken={csrfToken}
      errors={actionData?.errors}
    >
      <MemberExportView exported={JSON.parse(exported) as MemberExport} />
    </MemberDataView>
  );
}
