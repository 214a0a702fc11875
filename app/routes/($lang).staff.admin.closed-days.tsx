import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { titleMeta } from "~/i18n/meta";
import { AddClosedDayForm, ClosedDayList } from "~/meetings/closed-days-forms";
import { addClosedDay, removeClosedDay } from "~/meetings/closed-days.commands.server";
import { AddClosedDaySchema, RemoveClosedDaySchema } from "~/meetings/closed-days.schemas";
import { listClosedDays } from "~/meetings/closed-days.server";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:closedDays.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "closed_days:manage");
  const days = (await listClosedDays()).map((row) => ({
    ...row,
    shown: row.day.split("-").reverse().join("."),
  }));
  return { days, csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "closed_days:manage", formData);
  const refused = (intent: "add" | "remove", errors: Record<string, string>) =>
    data({ intent, values: formDataToValues(formData, ["csrf"]), errors }, { status: 400 });
  if (formData.get("intent") === "remove") {
    const parsed = parseForm(RemoveClosedDaySchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok) return refused("remove", parsed.errors);
    const result = await removeClosedDay(user, parsed.data.day);
    if (!result.ok) return refused("remove", result.errors);
    return { intent: "remove" as const, values: {}, errors: {} as Record<string, string> };
  }
  const parsed = parseForm(AddClosedDaySchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return refused("add", parsed.errors);
  const result = await addClosedDay(user, parsed.data);
  if (!result.ok) return refused("add", result.errors);
  return { intent: "add" as const, values: {}, errors: {} as Record<string, string> };
}

export default function ClosedDaysPage() {
  const { days, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const done = actionData && Object.keys(actionData.errors).length === 0 ? actionData.intent : null;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["day", "label"]} />
      {done ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">
            {t(done === "add" ? "closedDays.added" : "closedDays.removed")}
          </p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("closedDays.title")}</h1>
      <p className="app-body">{t("closedDays.lead")}</p>
      <h2 className="app-heading-m">{t("closedDays.listHeading")}</h2>
      <ClosedDayList csrfToken={csrfToken} days={days} />
      <h2 className="app-heading-m">{t("closedDays.addHeading")}</h2>
      <AddClosedDayForm
        csrfToken={csrfToken}
        values={actionData?.intent === "add" && !done ? actionData.values : undefined}
        errors={actionData?.intent === "add" ? actionData.errors : undefined}
      />
    </>
  );
}
