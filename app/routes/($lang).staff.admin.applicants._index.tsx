import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { findApplications } from "~/board/applications.server";
import { boardName } from "~/board/board-name";
import { findMemberships } from "~/board/member-data.server";
import { StayInformedEntries } from "~/board/stay-informed-forms";
import { eraseStayInformedAudited, findStayInformedAudited } from "~/board/stay-informed.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";

export const meta = titleMeta("board:admin.search.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "board_applicants:export");
  return { csrfToken };
}

// A POST, so an email address never appears in an address or a request log. Finds the
// applications, the board memberships (by exact email only: one person on request, never a list
// of members; each opened is audited on its page) and the addresses kept to stay informed (each
// shown is audited); erases a kept address on request (audited), then shows what is left.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "board_applicants:export", formData);
  const actor = { id: user.id, email: user.email };
  const query = String(formData.get("query") ?? "").slice(0, 254);
  let errors: Record<string, string> | undefined;
  let erased = false;
  if (formData.get("intent") === "erase-kept") {
    const id = String(formData.get("id") ?? "");
    if (formData.get("confirm") !== "yes")
      errors = { [`confirm-${id}`]: "board:admin.applicant.confirmRequired" };
    else if (!(await eraseStayInformedAudited(actor, id)))
      throw new Response("Not Found", { status: 404 });
    else erased = true;
  }
  const { timeZone } = getConfig();
  const lang = getLangFromPath(new URL(request.url).pathname);
  const found = {
    query,
    errors,
    erased,
    results: await findApplications(query),
    memberships: (await findMemberships(query, lang)).map((membership) => ({
      ...membership,
      addedAt: displayDay(membership.addedAt, timeZone),
    })),
    kept: (await findStayInformedAudited(actor, query)).map((entry) => ({
      id: entry.id,
      email: entry.email,
      boardName: boardName({ name: entry.boardName, nameEn: entry.boardNameEn }, lang),
      keptSince: displayDay(entry.keptSince, timeZone),
    })),
  };
  return data(found, { status: errors ? 400 : 200 });
}

export default function ApplicantSearchPage() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const found = useActionData<typeof action>();
  const nothing =
    found &&
    found.results.length === 0 &&
    found.memberships.length === 0 &&
    found.kept.length === 0;
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <ErrorSummary errors={found?.errors} />
      <h1 className="app-heading-l">{t("admin.search.title")}</h1>
      {found?.erased ? (
        <p className="app-body" role="status">
          {t("admin.stayInformed.erased")}
        </p>
      ) : null}
      <p className="app-body">{t("admin.search.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="query"
          label={t("admin.search.query")}
          defaultValue={found?.query ?? ""}
          autoComplete="off"
        />
        <button type="submit" className="app-button">
          {t("admin.search.submit")}
        </button>
      </Form>
      {nothing ? (
        <p className="app-body" role="status">
          {t("admin.search.none")}
        </p>
      ) : null}
      {found && found.results.length > 0 ? (
        <ul className="app-list" aria-label={t("admin.search.results")}>
          {found.results.map((result) => (
            <li key={result.id}>
              <Link to={localePath(lang, `/staff/admin/applicants/${result.id}`)}>
                {t("admin.search.result", {
                  reference: result.reference,
                  date: result.submittedAt.slice(0, 10),
                })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {found && found.memberships.length > 0 ? (
        <ul className="app-list" aria-label={t("admin.search.members")}>
          {found.memberships.map((membership) => (
            <li key={membership.id}>
              <Link to={localePath(lang, `/staff/admin/members/${membership.id}`)}>
                {t("admin.search.member", {
                  board: membership.boardName,
                  date: membership.addedAt,
                  status: t(`members:status.${membership.status}`),
                })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {found ? (
        <StayInformedEntries
          csrfToken={csrfToken}
          query={found.query}
          entries={found.kept}
          errors={found.errors}
        />
      ) : null}
    </div>
  );
}
