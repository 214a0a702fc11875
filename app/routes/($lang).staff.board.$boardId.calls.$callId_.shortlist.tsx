import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCallForSecretariat } from "~/board/review-access.server";
import { ShortlistForm } from "~/board/review-forms";
import { BALANCE_DIMENSIONS } from "~/board/review-rules";
import { changeShortlist, fixShortlistCommand } from "~/board/review.commands.server";
import { ShortlistSchema } from "~/board/review.schemas";
import { listCallApplications } from "~/board/review.server";
import { balanceTable, isShortlistFixed, listShortlistIds } from "~/board/shortlist.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("review:shortlist.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { call, board, csrfToken } = await requireCallForSecretariat(request, params);
  const applications = await listCallApplications(call.id);
  const shortlist = await listShortlistIds(call.id);
  return {
    callId: call.id,
    boardId: board.id,
    csrfToken,
    fixed: await isShortlistFixed(call.id),
    size: shortlist.size,
    applicants: applications
      .map((a) => ({
        id: a.id,
        name: `${String(a.fields.firstName)} ${String(a.fields.lastName)}`,
        shortlisted: shortlist.has(a.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    balance: balanceTable(applications.filter((a) => shortlist.has(a.id))),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call, board } = await requireCallForSecretariat(request, params, formData);
  const parsed = parseForm(ShortlistSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result =
    parsed.data.intent === "fix"
      ? await fixShortlistCommand(user, call.id)
      : await changeShortlist(user, call.id, parsed.data.shortlist);
  if (!result.ok)
    return data(
      { values: formDataToValues(formData, ["csrf"]), errors: result.errors },
      { status: 409 },
    );
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(
    localePath(
      lang,
      `/staff/board/${board.id}/calls/${call.id}/shortlist?saved=${parsed.data.intent}`,
    ),
  );
}

export default function ShortlistPage() {
  const { callId, boardId, csrfToken, fixed, size, applicants, balance } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["review", "board"]);
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const saved = new URLSearchParams(location.search).get("saved");
  const labelOf = (dimension: keyof typeof BALANCE_DIMENSIONS, value: string) =>
    value === "prefer_not"
      ? t("board:apply.preferNot")
      : dimension === "expertise"
        ? t(`review:areas.${value}`)
        : t(`board:apply.${dimension}.${value}`);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["shortlist", "intent"]} />
      {saved ? (
        <div className="app-notification" role="status">
          <p className="app-body">
            {t(saved === "fix" ? "review:shortlist.fixedNow" : "review:shortlist.saved")}
          </p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${boardId}/calls/${callId}/review`)}>
          {t("review:call.title")}
        </Link>
      </p>
      <h1 className="app-heading-l">{t("review:shortlist.title")}</h1>
      <p className="app-body">{t("review:shortlist.lead")}</p>
      {fixed ? (
        <p className="app-body">{t("review:shortlist.fixed")}</p>
      ) : (
        <ShortlistForm csrfToken={csrfToken} applicants={applicants} values={actionData?.values} />
      )}
      <h2 className="app-heading-m">{t("review:shortlist.balanceTitle")}</h2>
      <p className="app-body">{t("review:shortlist.balanceLead", { count: size })}</p>
      {(Object.keys(BALANCE_DIMENSIONS) as (keyof typeof BALANCE_DIMENSIONS)[]).map((dimension) => (
        <table className="app-table" key={dimension}>
          <caption className="app-table__caption">
            {t(`review:shortlist.dimensions.${dimension}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("review:shortlist.answer")}</th>
              <th scope="col">{t("review:shortlist.count")}</th>
            </tr>
          </thead>
          <tbody>
            {balance[dimension].length ? (
              balance[dimension].map((cell) => (
                <tr key={cell.value}>
                  <th scope="row">{labelOf(dimension, cell.value)}</th>
                  <td>{cell.count === "fewer" ? t("review:shortlist.fewer") : cell.count}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={2}>{t("review:shortlist.noneYet")}</td>
              </tr>
            )}
          </tbody>
        </table>
      ))}
      {!fixed ? (
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="fix" />
          <p className="app-body">{t("review:shortlist.fixLead")}</p>
          <button type="submit" className="app-button app-button--secondary">
            {t("review:shortlist.fix")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
