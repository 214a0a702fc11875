import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { listConflicts } from "~/board/recusal.server";
import { requireCallForSecretariat } from "~/board/review-access.server";
import { AssignReviewersForm, ConflictForm } from "~/board/review-forms";
import {
  applicationLabel,
  assignReviewers,
  isBlind,
  recordConflictCommand,
} from "~/board/review.commands.server";
import {
  AssignReviewersSchema,
  CONFLICT_FIELD_ORDER,
  ConflictSchema,
} from "~/board/review.schemas";
import {
  listCallApplications,
  listCallReviewers,
  listRedactedIds,
  listReviewerAccounts,
} from "~/board/review.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("review:call.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { call, board, csrfToken } = await requireCallForSecretariat(request, params);
  const reviewers = await listCallReviewers(call.id);
  const applications = await listCallApplications(call.id);
  const redacted = await listRedactedIds(call.id);
  const names = new Map(
    applications.map((a) => [a.id, `${String(a.fields.firstName)} ${String(a.fields.lastName)}`]),
  );
  const conflicts = await listConflicts(
    call.id,
    reviewers.map((r) => r.userId),
    applications,
  );
  return {
    call,
    board,
    csrfToken,
    blind: await isBlind(call),
    accounts: await listReviewerAccounts(),
    reviewers,
    applicants: applications
      .map((a) => ({
        id: a.id,
        name: names.get(a.id)!,
        label: applicationLabel(a.id),
        redacted: redacted.has(a.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    conflicts: conflicts
      .map((c) => ({
        reviewer: reviewers.find((r) => r.userId === c.reviewerId)?.displayName ?? "",
        applicant: names.get(c.applicationId) ?? "",
        source: c.source,
      }))
      .sort(
        (a, b) => a.reviewer.localeCompare(b.reviewer) || a.applicant.localeCompare(b.applicant),
      ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call, board } = await requireCallForSecretariat(request, params, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const back = localePath(lang, `/staff/board/${board.id}/calls/${call.id}/review`);
  if (formData.get("intent") === "conflict") {
    const parsed = parseForm(ConflictSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { form: "conflict", values: parsed.values, errors: parsed.errors },
        { status: 400 },
      );
    const result = await recordConflictCommand(user, call.id, parsed.data);
    if (!result.ok)
      return data(
        { form: "conflict", values: formDataToValues(formData, ["csrf"]), errors: result.errors },
        { status: 400 },
      );
    return redirect(`${back}?saved=conflict`);
  }
  const parsed = parseForm(AssignReviewersSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { form: "reviewers", values: parsed.values, errors: parsed.errors },
      { status: 400 },
    );
  await assignReviewers(user, call.id, parsed.data.reviewers);
  return redirect(`${back}?saved=reviewers`);
}

export default function CallReviewPage() {
  const { call, board, csrfToken, blind, accounts, reviewers, applicants, conflicts } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("review");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const saved = new URLSearchParams(location.search).get("saved");
  const base = `/staff/board/${board.id}/calls/${call.id}`;
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={actionData?.form === "conflict" ? [...CONFLICT_FIELD_ORDER] : ["reviewers"]}
      />
      {saved ? (
        <div className="app-notification" role="status">
          <p className="app-body">
            {t(saved === "conflict" ? "call.conflicts.saved" : "call.reviewers.saved")}
          </p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${board.id}`)}>{boardName(board, lang)}</Link>
      </p>
      <h1 className="app-heading-l">{t("call.title")}</h1>
      <p className="app-body">{t(blind ? "call.blindOn" : "call.blindOff")}</p>
      <ul className="app-list">
        <li>
          <Link to={localePath(lang, `${base}/scores`)}>{t("call.links.scores")}</Link>
        </li>
        <li>
          <Link to={localePath(lang, `${base}/shortlist`)}>{t("call.links.shortlist")}</Link>
        </li>
        <li>
          <Link to={localePath(lang, `${base}/selection`)}>{t("call.links.selection")}</Link>
        </li>
      </ul>

      <h2 className="app-heading-m">{t("call.reviewers.title")}</h2>
      {reviewers.length ? (
        <table className="app-table">
          <thead>
            <tr>
              <th scope="col">{t("call.reviewers.name")}</th>
              <th scope="col">{t("call.reviewers.recusal")}</th>
            </tr>
          </thead>
          <tbody>
            {reviewers.map((r) => (
              <tr key={r.userId}>
                <td>{r.displayName}</td>
                <td>
                  {t(
                    r.recusalDone ? "call.reviewers.recusalDone" : "call.reviewers.recusalPending",
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("call.reviewers.none")}</p>
      )}
      <AssignReviewersForm
        csrfToken={csrfToken}
        accounts={accounts}
        assigned={reviewers.map((r) => r.userId)}
        error={actionData?.form === "reviewers" ? actionData.errors.reviewers : undefined}
      />

      <h2 className="app-heading-m">{t("call.conflicts.title")}</h2>
      <p className="app-body">{t("call.conflicts.lead")}</p>
      {conflicts.length ? (
        <table className="app-table">
          <thead>
            <tr>
              <th scope="col">{t("call.conflicts.reviewerId")}</th>
              <th scope="col">{t("call.conflicts.applicationId")}</th>
              <th scope="col">{t("call.conflicts.source")}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={`${c.reviewer}|${c.applicant}`}>
                <td>{c.reviewer}</td>
                <td>{c.applicant}</td>
                <td>{t(`call.conflicts.sources.${c.source}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("call.conflicts.none")}</p>
      )}
      {reviewers.length && applicants.length ? (
        <ConflictForm
          csrfToken={csrfToken}
          reviewers={reviewers}
          applicants={applicants}
          values={actionData?.form === "conflict" ? actionData.values : undefined}
          errors={actionData?.form === "conflict" ? actionData.errors : undefined}
        />
      ) : null}

      <h2 className="app-heading-m">{t("call.applications.title")}</h2>
      {applicants.length ? (
        <table className="app-table">
          <thead>
            <tr>
              <th scope="col">{t("call.applications.name")}</th>
              <th scope="col">{t("call.applications.label")}</th>
              <th scope="col">{t("call.applications.redaction")}</th>
            </tr>
          </thead>
          <tbody>
            {applicants.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.label}</td>
                <td>
                  <Link to={localePath(lang, `${base}/redact/${a.id}`)}>
                    {t(a.redacted ? "call.applications.redacted" : "call.applications.redact")}{" "}
                    <span className="app-visually-hidden">{a.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("call.applications.none")}</p>
      )}
    </>
  );
}
