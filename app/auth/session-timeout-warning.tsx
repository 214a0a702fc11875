import { useFetcher, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { localePath, type Lang } from "~/i18n/lang";
import { CsrfField } from "~/ui/form-fields";

/** How long before the idle timeout the warning opens (GOV.UK: long enough to act). */
export const WARNING_BEFORE_MS = 2 * 60 * 1000;
const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
// The server writes "last seen" at most once a minute, so a page load may refresh the session
// up to a minute less than it seems; the warning counts from the earlier moment.
const TOUCH_SLACK_MS = 60 * 1000;

type Phase = "quiet" | "warning" | "ended";

/**
 * The GOV.UK timeout-warning pattern for hydrated staff pages: a modal dialog two minutes
 * before the idle timeout, focus moved into it and returned afterwards, the time left in a
 * polite live region (updated each minute, not each second, so a screen reader is not flooded),
 * and "Stay signed in", which refreshes the session with a small POST carrying the CSRF token.
 * Once the session has ended the dialog says so: pressing Save still keeps the input for
 * after sign-in (decision 013).
 *
 * `endsInMs`: how long the session had left when the page's data was loaded; `absoluteEndsInMs`:
 * the 12-hour limit, which "Stay signed in" cannot move.
 */
export function SessionTimeoutWarning({
  endsInMs,
  absoluteEndsInMs,
  csrfToken,
  lang,
}: {
  endsInMs: number;
  absoluteEndsInMs: number;
  csrfToken: string;
  lang: Lang;
}) {
  const { t } = useTranslation("auth");
  const fetcher = useFetcher<{ endsInMs: number }>();
  const location = useLocation();
  const navigation = useNavigation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [loadedAt] = useState(() => Date.now());
  const [deadline, setDeadline] = useState(() => Date.now() + endsInMs);
  const [phase, setPhase] = useState<Phase>("quiet");
  const [now, setNow] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState(false);
  const absoluteEnd = loadedAt + absoluteEndsInMs;

  // Every finished navigation or submission reached a loader or action, which touched the session.
  useEffect(() => {
    if (navigation.state !== "idle") return;
    const at = Date.now();
    setDeadline((current) =>
      Math.min(Math.max(current, at + IDLE_TIMEOUT_MS - TOUCH_SLACK_MS), absoluteEnd),
    );
  }, [location.key, navigation.state, absoluteEnd]);

  // "Stay signed in" answered: the server says how long the session now has.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.endsInMs) {
      setDeadline(Date.now() + fetcher.data.endsInMs);
    }
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    const tick = () => {
      const at = Date.now();
      setNow(at);
      setPhase(
        at >= deadline
          ? dismissed
            ? "quiet"
            : "ended"
          : at >= deadline - WARNING_BEFORE_MS
            ? "warning"
            : "quiet",
      );
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [deadline, dismissed]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (phase !== "quiet" && !dialog.open) {
      returnFocus.current = document.activeElement;
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      dialog.querySelector<HTMLElement>(".js-timeout-heading")?.focus();
    } else if (phase === "quiet" && dialog.open) {
      dialog.close();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [phase]);

  const minutes = Math.max(1, Math.ceil((deadline - now) / 60_000));
  const close = () => {
    setDismissed(true);
    setPhase("quiet");
  };
  return (
    <dialog
      ref={dialogRef}
      className="app-timeout-dialog"
      aria-labelledby="timeout-heading"
      aria-describedby="timeout-message"
      onCancel={(event) => {
        // Escape means "I am still here" in the GOV.UK pattern: keep the session alive.
        event.preventDefault();
        const form = event.currentTarget.querySelector("form");
        if (phase === "warning" && form) fetcher.submit(form);
        else close();
      }}
    >
      <h2 className="app-heading-m js-timeout-heading" id="timeout-heading" tabIndex={-1}>
        {phase === "ended" ? t("timeout.endedTitle") : t("timeout.title")}
      </h2>
      <p className="app-body" id="timeout-message" aria-live="polite">
        {phase === "ended" ? t("timeout.ended") : t("timeout.message", { count: minutes })}
      </p>
      {phase === "ended" ? (
        <button type="button" className="app-button" onClick={close}>
          {t("timeout.close")}
        </button>
      ) : (
        <fetcher.Form method="post" action={localePath(lang, "/staff/session")}>
          <CsrfField token={csrfToken} />
          <button type="submit" className="app-button">
            {t("timeout.staySignedIn")}
          </button>
        </fetcher.Form>
      )}
    </dialog>
  );
}
