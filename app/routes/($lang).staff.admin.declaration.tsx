import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { PublishDeclarationForm } from "~/meetings/declaration-forms";
import { publishDeclaration } from "~/meetings/declaration.commands.server";
import { PublishDeclarationSchema } from "~/meetings/declaration.schemas";
import { listDeclarationVersions } from "~/meetings/declarations.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "declaration:publish");
  const versions = await listDeclarationVersions();
  const { timeZone } = getConfig();
  return {
    current: versions[0]!.text,
    versions: versions.map((v) => ({
      version: v.version,
      day: displayDay(v.publishedAt, timeZone),
      signatures: v.signatures,
    })),
    published: new URL(request.url).searchParams.get("published"),
    csrfToken,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "declaration:publish", formData);
  const parsed = parseForm(PublishDeclarationSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const version = await publishDeclaration(user, parsed.data);
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(`${localePath(lang, "/staff/admin/declaration")}?published=${version}`, 303);
}

export default function PublishDeclarationPage() {
  const { current, versions, published, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      {published ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("admin.publishedNotice", { version: Number(published) })}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("admin.title")}</h1>
      <p className="app-body">{t("admin.lead")}</p>
      <table className="app-table">
        <caption className="app-table__caption">{t("admin.versionsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.version")}</th>
            <th scope="col">{t("admin.published")}</th>
            <th scope="col">{t("admin.signatures")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{v.day}</td>
              <td>{t("admin.signatureCount", { count: v.signatures })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="app-heading-m">{t("admin.newVersion")}</h2>
      <p className="app-body">
        <a href={localePath(lang, "/staff/declaration")}>{t("admin.readCurrent")}</a>
      </p>
      <PublishDeclarationForm
        current={current}
        csrfToken={csrfToken}
        values={actionData?.values}
        errors={actionData?.errors}
      />
    </div>
  );
}
