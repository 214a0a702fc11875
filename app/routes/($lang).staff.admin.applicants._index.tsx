import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { findApplications } from "~/board/applications.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, TextField } from "~/ui/form-fields";

export const meta = titleMeta("board:admin.search.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "board_applicants:export");
  return { csrfToken };
}

// A POST, so an email address never appears in an address or a request log.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await requireUser(request, "board_applicants:export", formData);
  const query = String(formData.get("query") ?? "").slice(0, 254);
  return data({ query, results: await findApplications(query) });
}

export default function ApplicantSearchPage() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const found = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("admin.search.title")}</h1>
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
      {found ? (
        found.results.length === 0 ? (
          <p className="app-body" role="status">
            {t("admin.search.none")}
          </p>
        ) : (
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
        )
      ) : null}
    </div>
  );
}
