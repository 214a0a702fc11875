import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("staff:home.title");

const AREAS = [
  { key: "feedback", path: "/staff/feedback", permission: "campaigns:manage" },
  { key: "assessment", path: "/staff/organisations", permission: "assessments:manage" },
  { key: "membership", path: "/staff/membership", permission: "board:membership" },
  { key: "users", path: "/staff/admin/users", permission: "users:manage" },
  { key: "audit", path: "/staff/admin/audit", permission: "audit:read" },
  { key: "outbox", path: "/staff/admin/outbox", permission: "outbox:read" },
  { key: "declaration", path: "/staff/declaration", permission: "declaration:sign" },
  { key: "account", path: "/staff/account", permission: "account:manage" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "home:view");
  return { displayName: user.displayName, roles: user.roles };
}

export default function StaffHomePage() {
  const { displayName, roles } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("home.title")}</h1>
      <p className="app-body-l">{t("home.greeting", { name: displayName })}</p>
      <p className="app-body">
        {t("home.yourRoles")} {roles.map((role) => t(`roles.${role}`)).join(", ")}
      </p>
      <ul className="app-card-list">
        {AREAS.filter((area) => can(roles, area.permission)).map((area) => (
          <li key={area.key} className="app-card">
            <h2 className="app-heading-s">
              <Link to={localePath(lang, area.path)}>{t(`home.areas.${area.key}.title`)}</Link>
            </h2>
            <p className="app-body">{t(`home.areas.${area.key}.description`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
