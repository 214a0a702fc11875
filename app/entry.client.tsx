import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";

import { createI18n } from "./i18n/i18n";
import { getLangFromPath } from "./i18n/lang";

// Only staff pages ship this script; survivor pages are plain HTML (docs/decisions/002).
const i18n = createI18n(getLangFromPath(window.location.pathname));

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
