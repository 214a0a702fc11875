import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";

import { AUDIT_ACTIONS } from "~/auth/audit-actions";
import {
  describeAuditDetails,
  formatAuditTime,
  listAuditEvents,
  nameAuditIds,
} from "~/auth/audit.server";
import { requireUser } from "~/auth/guard.server";
import { getLangFromPath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary, FieldError } from "~/ui/form-fields";
import { parseForm, valueOf, type FieldErrors, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("staff:audit.title");

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "staff:audit.errors.date" })
  .optional()
  .or(z.literal("").transform(() => undefined));

const AuditFilterSchema = z.object({
  action: z
    .enum(AUDIT_ACTIONS, { error: "staff:audit.errors.action" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  actor: z.string().trim().max(254, { error: "staff:audit.errors.actor" }).optional(),
  from: IsoDate,
  to: IsoDate,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "audit:read");
  const searchParams = new URL(request.url).searchParams;
  const formData = new FormData();
  for (const [key, value] of searchParams) formData.append(key, value);
  const parsed = parseForm(AuditFilterSchema, formData);
  if (!parsed.ok) {
    return data(
      {
        events: [],
        hasMore: false,
        timeZone: getConfig().timeZone,
        page: 1,
        values: parsed.values,
        errors: parsed.errors,
      },
      { status: 400 },
    );
  }
  const { page = 1, ...filter } = parsed.data;
  const result = await listAuditEvents({ ...filter, actor: filter.actor || undefined }, page);
  const { timeZone } = getConfig();
  // Names rather than raw ids; times in the portal's time zone, which the table names.
  const names = await nameAuditIds(result.events, getLangFromPath(new URL(request.url).pathname));
  const events = result.events.map((event) => ({
    id: event.id,
    occurredAt: event.occurred_at,
    when: formatAuditTime(event.occurred_at, timeZone),
    // A board member's sealed account is logged by its id (decision 046): named here.
    actorEmail: event.actor_email ? (names.get(event.actor_email) ?? event.actor_email) : null,
    action: event.action,
    subject: event.subject ? (names.get(event.subject) ?? event.subject) : "",
    details: describeAuditDetails(event.details, names),
  }));
  return {
    events,
    hasMore: result.hasMore,
    timeZone,
    page,
    values: Object.fromEntries(searchParams) as FormValues,
    errors: {} as FieldErrors,
  };
}

export default function AuditLogPage() {
  const { events, hasMore, page, values, errors, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { pathname, search } = useLocation();
  const pageLink = (to: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(to));
    return `${pathname}?${params.toString()}`;
  };
  return (
    <>
      <ErrorSummary errors={errors} fieldOrder={["action", "actor", "from", "to"]} />
      <h1 className="app-heading-l">{t("audit.title")}</h1>
      <p className="app-body">{t("audit.lead")}</p>
      <Form method="get" className="app-filter">
        <div className="app-form-group">
          <label className="app-label" htmlFor="action">
            {t("audit.filters.action")}
          </label>
          <FieldError name="action" error={errors.action} />
          <select
            className="app-select"
            id="action"
            name="action"
            aria-describedby={errors.action ? "action-error" : undefined}
            aria-invalid={errors.action ? true : undefined}
            defaultValue={valueOf(values, "action")}
          >
            <option value="">{t("audit.filters.anyAction")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="app-form-group">
          <label className="app-label" htmlFor="actor">
            {t("audit.filters.actor")}
          </label>
          <FieldError name="actor" error={errors.actor} />
          <input
            className="app-input"
            id="actor"
            name="actor"
            aria-describedby={errors.actor ? "actor-error" : undefined}
            aria-invalid={errors.actor ? true : undefined}
            type="search"
            defaultValue={valueOf(values, "actor")}
          />
        </div>
        <div className="app-form-group">
          <label className="app-label" htmlFor="from">
            {t("audit.filters.from")}
          </label>
          <FieldError name="from" error={errors.from} />
          <input
            className="app-input"
            id="from"
            name="from"
            aria-describedby={errors.from ? "from-error" : undefined}
            aria-invalid={errors.from ? true : undefined}
            type="date"
            defaultValue={valueOf(values, "from")}
          />
        </div>
        <div className="app-form-group">
          <label className="app-label" htmlFor="to">
            {t("audit.filters.to")}
          </label>
          <FieldError name="to" error={errors.to} />
          <input
            className="app-input"
            id="to"
            name="to"
            aria-describedby={errors.to ? "to-error" : undefined}
            aria-invalid={errors.to ? true : undefined}
            type="date"
            defaultValue={valueOf(values, "to")}
          />
        </div>
        <button type="submit" className="app-button app-button--secondary">
          {t("audit.filters.submit")}
        </button>
      </Form>
      {events.length === 0 ? (
        <p className="app-body">{t("audit.empty")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("audit.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.columns.whenIn", { zone: timeZone })}</th>
              <th scope="col">{t("audit.columns.who")}</th>
              <th scope="col">{t("audit.columns.what")}</th>
              <th scope="col">{t("audit.columns.subject")}</th>
              <th scope="col">{t("audit.columns.details")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td className="app-nowrap">
                  <time dateTime={event.occurredAt}>{event.when}</time>
                </td>
                <td className="app-email">{event.actorEmail ?? t("audit.anonymous")}</td>
                <td>{t(`audit.actions.${event.action}`, { defaultValue: event.action })}</td>
                <td>{event.subject}</td>
                <td>
                  {event.details.length > 0 ? (
                    <ul className="app-list app-list--plain">
                      {event.details.map((detail) => (
                        <li key={detail.key}>
                          {t("audit.detail", {
                            key: t(`audit.detailKeys.${detail.key}`, { defaultValue: detail.key }),
                            value: detail.value,
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="app-pagination" aria-label={t("audit.pagination")}>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("audit.previous")}</Link> : null}
        {hasMore ? <Link to={pageLink(page + 1)}>{t("audit.next")}</Link> : null}
      </nav>
    </>
  );
}
