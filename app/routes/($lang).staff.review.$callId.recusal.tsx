import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { namesForRecusal } from "~/board/recusal.server";
import { requireCallForReviewer } from "~/board/review-access.server";
import { RecusalForm } from "~/board/review-forms";
import { submitRecusal } from "~/board/review.commands.server";
import { RecusalSchema } from "~/board/review.schemas";
import { listCallApplications } from "~/board/review.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("review:recusal.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, board, csrfToken, recusalDone, recusalDoneAt } = await requireCallForReviewer(
    request,
    params.callId,
  );
  const listedAt = new Date().toISOString();
  const names = await namesForRecusal(
    call.id,
    user.id,
    await listCallApplications(call.id),
    undefined,
    recusalDoneAt,
  );
  const lang = getLangFromPath(new URL(request.url).pathname);
  return {
    callId: call.id,
    boardName: boardName(board, lang),
    csrfToken,
    recusalDone,
    names,
    listedAt,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call } = await requireCallForReviewer(request, params.callId, formData);
  const parsed = parseForm(RecusalSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await submitRecusal(
    user,
    call.id,
    parsed.data.known,
    undefined,
    undefined,
    undefined,
    parsed.data.listedAt,
  );
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/review/${call.id}?recused=1`));
}

export default function RecusalPage() {
  const { callId, boardName, csrfToken, recusalDone, names, listedAt } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("review");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/review")}>{t("mine.title")}</Link>
      </p>
      <h1 className="app-heading-l">{t("recusal.title")}</h1>
      <p className="app-body">{t("recusal.lead", { board: boardName })}</p>
      <p className="app-body">{t("recusal.why")}</p>
      {recusalDone ? (
        <p className="app-body">
          {t("recusal.again")}{" "}
          <Link to={localePath(lang, `/staff/review/${callId}`)}>{t("recusal.toList")}</Link>
        </p>
      ) : null}
      <RecusalForm csrfToken={csrfToken} names={names} listedAt={listedAt} />
    </>
  );
}
