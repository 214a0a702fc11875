import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { ActionItem } from "./action-items.server";
import { KeptTextField } from "./meeting-forms";
import { CsrfField, FieldError, SelectField } from "../ui/form-fields";
import { valueOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * Action items on screen and in print (Art. 12 e): the list, the chair's and the secretariat's
 * form to assign a task at the end of a meeting, and the small forms that change one task.
 * Everything works without JavaScript; messages are `meetings:*` keys.
 */

/**
 * One action item as a page receives it: ActionItem of action-items.server.ts (a type only,
 * nothing of the server module reaches the browser), all plain strings, numbers and booleans.
 */
export type ActionItemView = ActionItem;

/** Someone a task may be given to (Owner of action-items.server.ts). */
export type OwnerOption = { userId: string; fullName: string; secretariat: boolean };

/** What a viewer may do on each row; without it the list is read-only (minutes, print). */
export type ActionItemControls = {
  csrfToken: string;
  /** The viewer's account id: their own open tasks offer "done" and "decline". */
  viewerId: string;
  /** The chair of the board or the secretariat: drop, reopen, give to someone else. */
  manages: boolean;
  /** Needed when `manages`: who a task may be given to. */
  owners?: OwnerOption[];
};

/**
 * The action items given, as a table (task, owner, due date, status; and the agenda item when
 * `showAgendaItem`). Read-only unless `controls` is given, so the minutes can place it under
 * each agenda item on screen and in print: `<ActionItemList items={items.filter((i) =>
 * i.agendaItemId === item.id)} />`. `highlightOverdue` (for the chair and the secretariat)
 * marks open tasks past their due date with the word "Overdue" and a border, not colour
 * alone. An empty list renders `emptyText` when given, else nothing.
 */
export function ActionItemList({
  items,
  caption,
  showAgendaItem = false,
  highlightOverdue = false,
  controls,
  emptyText,
}: {
  items: ActionItemView[];
  /** The table's caption (visually hidden); defaults to "Action items". */
  caption?: string;
  showAgendaItem?: boolean;
  highlightOverdue?: boolean;
  controls?: ActionItemControls;
  emptyText?: string;
}) {
  const { t } = useTranslation("meetings");
  if (items.length === 0) return emptyText ? <p className="app-body">{emptyText}</p> : null;
  return (
    <table className="app-table app-action-items">
      <caption className="app-table__caption app-visually-hidden">
        {caption ?? t("actions.heading")}
      </caption>
      <thead>
        <tr>
          {showAgendaItem ? <th scope="col">{t("actions.agendaItem")}</th> : null}
          <th scope="col">{t("actions.task")}</th>
          <th scope="col">{t("actions.owner")}</th>
          <th scope="col">{t("actions.due")}</th>
          <th scope="col">{t("actions.status")}</th>
          {controls ? <th scope="col">{t("actions.change")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const overdue = highlightOverdue && item.overdue;
          return (
            <tr key={item.id} className={overdue ? "app-action-items__row--overdue" : undefined}>
              {showAgendaItem ? (
                <td>
                  {t("actions.agendaItemLabel", {
                    count: item.agendaItemNumber,
                    title: item.agendaItemTitle,
                  })}
                </td>
              ) : null}
              <td className="app-action-items__task">{item.task}</td>
              <td>
                {item.ownerName === ""
                  ? t("minutes:page.erasedName")
                  : (item.ownerName ??
                    (item.declined ? t("actions.declinedNoOwner") : t("actions.noOwner")))}
              </td>
              <td>
                {item.dueDay}
                {overdue ? (
                  <>
                    {" "}
                    <strong className="app-tag app-tag--overdue">{t("actions.overdue")}</strong>
                  </>
                ) : null}
              </td>
              <td>{t(`actions.statuses.${item.status}`)}</td>
              {controls ? (
                <td>
                  <ActionItemChangeForms item={item} controls={controls} />
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The buttons (and owner choice) one viewer may use on one task; each is its own small form. */
function ActionItemChangeForms({
  item,
  controls,
}: {
  item: ActionItemView;
  controls: ActionItemControls;
}) {
  const { t } = useTranslation("meetings");
  const isOwner = item.ownerId === controls.viewerId;
  const statusButton = (status: ActionItemView["status"], label: string) => (
    <Form method="post" className="app-button-stack">
      <CsrfField token={controls.csrfToken} />
      <input type="hidden" name="intent" value="action_change" />
      <input type="hidden" name="change" value="status" />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" className="app-button app-button--secondary app-button--small">
        {label}{" "}
        <span className="app-visually-hidden">{t("actions.forTask", { task: item.task })}</span>
      </button>
    </Form>
  );
  return (
    <>
      {item.status === "open" && (isOwner || controls.manages)
        ? statusButton("done", t("actions.markDone"))
        : null}
      {item.status !== "open" && (controls.manages || (isOwner && item.status === "done"))
        ? statusButton("open", t("actions.reopen"))
        : null}
      {item.status === "open" && isOwner ? (
        <Form method="post" className="app-button-stack">
          <CsrfField token={controls.csrfToken} />
          <input type="hidden" name="intent" value="action_change" />
          <input type="hidden" name="change" value="decline" />
          <input type="hidden" name="itemId" value={item.id} />
          <button type="submit" className="app-button app-button--secondary app-button--small">
            {t("actions.decline")}{" "}
            <span className="app-visually-hidden">{t("actions.forTask", { task: item.task })}</span>
          </button>
        </Form>
      ) : null}
      {item.status === "open" && controls.manages
        ? statusButton("dropped", t("actions.drop"))
        : null}
      {item.status === "open" && controls.manages && controls.owners ? (
        <Form method="post" className="app-button-stack">
          <CsrfField token={controls.csrfToken} />
          <input type="hidden" name="intent" value="action_change" />
          <input type="hidden" name="change" value="owner" />
          <input type="hidden" name="itemId" value={item.id} />
          <label className="app-label" htmlFor={`owner-${item.id}`}>
            {t("actions.newOwner")}{" "}
            <span className="app-visually-hidden">{t("actions.forTask", { task: item.task })}</span>
          </label>
          <select
            className="app-select"
            id={`owner-${item.id}`}
            name="ownerId"
            defaultValue={item.ownerId ?? ""}
          >
            <OwnerOptions owners={controls.owners} />
          </select>
          <button type="submit" className="app-button app-button--secondary app-button--small">
            {t("actions.giveTo")}{" "}
            <span className="app-visually-hidden">{t("actions.forTask", { task: item.task })}</span>
          </button>
        </Form>
      ) : null}
    </>
  );
}

function OwnerOptions({ owners }: { owners: OwnerOption[] }) {
  const { t } = useTranslation("meetings");
  return (
    <>
      <option value="">{t("actions.chooseOwner")}</option>
      {owners.map((owner) => (
        <option key={owner.userId} value={owner.userId}>
          {owner.secretariat
            ? t("actions.secretariatOwner", { name: owner.fullName })
            : owner.fullName}
        </option>
      ))}
    </>
  );
}

/**
 * The chair's and the secretariat's form to assign a task at the end of a meeting (Art. 12 e),
 * on the meeting's page beside attendance: agenda item, task, owner, due date. Values come back
 * as typed after a refusal.
 */
export function AssignActionItemForm({
  csrfToken,
  agenda,
  owners,
  values,
  errors,
}: {
  csrfToken: string;
  agenda: { id: string; title: string }[];
  owners: OwnerOption[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate className="app-narrow" id="assign-task">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="action_assign" />
      <FieldError name="form" error={errors?.form} />
      <SelectField
        name="agendaItemId"
        label={t("actions.agendaItem")}
        error={errors?.agendaItemId}
        defaultValue={valueOf(values, "agendaItemId")}
      >
        <option value="">{t("actions.chooseAgendaItem")}</option>
        {agenda.map((item, i) => (
          <option key={item.id} value={item.id}>
            {t("actions.agendaItemLabel", { count: i + 1, title: item.title })}
          </option>
        ))}
      </SelectField>
      <KeptTextField
        name="task"
        label={t("actions.task")}
        hint={t("actions.taskHint")}
        values={values}
        errors={errors}
      />
      <SelectField
        name="ownerId"
        label={t("actions.owner")}
        hint={t("actions.ownerHint")}
        error={errors?.ownerId}
        defaultValue={valueOf(values, "ownerId")}
      >
        <OwnerOptions owners={owners} />
      </SelectField>
      <KeptTextField
        name="dueOn"
        type="date"
        label={t("actions.due")}
        hint={t("actions.dueHint")}
        values={values}
        errors={errors}
      />
      <button type="submit" className="app-button">
        {t("actions.assign")}
      </button>
    </Form>
  );
}
