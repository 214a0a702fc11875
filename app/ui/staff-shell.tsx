import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { can, type Permission } from "~/auth/permissions";
import { useRestoreKeptInput } from "~/auth/restore-kept-input";
import { SessionTimeoutWarning } from "~/auth/session-timeout-warning";
import { getLangFromPath, localePath, switchLanguagePath, type Lang } from "~/i18n/lang";

import { CsrfField } from "./form-fields";
import type { FormValues } from "./parse-form";

export type ShellUser = { displayName: string; email: string; roles: string[] };

const NAV: { path: string; key: string; permission: Permission }[] = [
  { path: "/staff", key: "nav.home", permission: "home:view" },
  { path: "/staff/feedback", key: "nav.feedback", permission: "campaigns:manage" },
  { path: "/staff/organisations", key: "nav.assessment", permission: "assessments:manage" },
  { path: "/staff/membership", key: "nav.membership", permission: "board:membership" },
  { path: "/staff/meetings", key: "nav.meetings", permission: "meetings:view" },
  { path: "/staff/board", key: "nav.board", permission: "boards:manage" },
  { path: "/staff/review", key: "nav.review", permission: "board_review:score" },
  { path: "/staff/admin/users", key: "nav.users", permission: "users:manage" },
  { path: "/staff/admin/audit", key: "nav.audit", permission: "audit:read" },
  { path: "/staff/admin/outbox", key: "nav.outbox", permission: "outbox:read" },
  { path: "/staff/admin/closed-days", key: "nav.closedDays", permission: "closed_days:manage" },
  {
    path: "/staff/admin/applicants",
    key: "nav.applicants",
    permission: "board_applicants:export",
  },
  { path: "/staff/account", key: "nav.account", permission: "account:manage" },
];

/**
 * The frame of staff pages: navigation for what this person's roles allow, sign-out, the
 * session timeout warning, and input kept across a sign-in put back on the page's form.
 */
export function StaffShell({
  user,
  csrfToken,
  session,
  restored,
  children,
}: {
  user: ShellUser | null;
  csrfToken: string | null;
  session?: { endsInMs: number; absoluteEndsInMs: number } | null;
  restored?: FormValues | null;
  children: ReactNode;
}) {
  useRestoreKeptInput(restored);
  const { t } = useTranslation("staff");
  const { pathname } = useLocation();
  const lang = getLangFromPath(pathname);
  const otherLang: Lang = lang === "sq" ? "en" : "sq";
  return (
    <>
      <a href="#main" className="app-skip-link">
        {t("common:shell.skipToContent")}
      </a>
      <header className="app-header app-header--staff">
        <div className="app-width-container app-header__inner">
          <Link
            to={localePath(lang, user ? "/staff" : "/")}
            className="app-header__name"
            reloadDocument={!user}
          >
            {t("common:site.name")} <span className="app-header__tag">{t("shell.tag")}</span>
          </Link>
          <a
            href={switchLanguagePath(pathname, otherLang)}
            className="app-header__language"
            lang={otherLang}
            hrefLang={otherLang}
          >
            {t(`common:language.switchTo.${otherLang}`)}
          </a>
        </div>
        {user ? (
          <nav className="app-width-container app-nav" aria-label={t("nav.label")}>
            <ul className="app-nav__list">
              {NAV.filter((item) => can(user.roles, item.permission)).map((item) => {
                const href = localePath(lang, item.path);
                const current =
                  pathname === href || (item.path !== "/staff" && pathname.startsWith(`${href}/`));
                return (
                  <li key={item.path}>
                    <Link
                      to={href}
                      className="app-nav__link"
                      aria-current={current ? "page" : undefined}
                    >
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
            <Form
              method="post"
              action={localePath(lang, "/staff/sign-out")}
              className="app-nav__sign-out"
              reloadDocument
            >
              {csrfToken ? <CsrfField token={csrfToken} /> : null}
              <span className="app-nav__user">
                {t("shell.signedInAs", { name: user.displayName })}
              </span>
              <button type="submit" className="app-button app-button--secondary app-button--small">
                {t("nav.signOut")}
              </button>
            </Form>
          </nav>
        ) : null}
      </header>
      <main id="main" className="app-width-container app-main" tabIndex={-1}>
        {restored ? (
          <div className="app-notification" role="status" id="restored-notice">
            <p className="app-body">{t("shell.restored")}</p>
            <noscript>
              <p className="app-body">{t("shell.restoredNeedsScript")}</p>
            </noscript>
          </div>
        ) : null}
        {children}
      </main>
      {user && csrfToken && session ? (
        <SessionTimeoutWarning
          endsInMs={session.endsInMs}
          absoluteEndsInMs={session.absoluteEndsInMs}
          csrfToken={csrfToken}
          lang={lang}
        />
      ) : null}
    </>
  );
}
