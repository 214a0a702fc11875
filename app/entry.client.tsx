import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";

import { createI18n, loadLanguage } from "./i18n/i18n";
import { getLangFromPath } from "./i18n/lang";
import { keepTextTypedBeforeHydration } from "./ui/typed-before-hydration";

// Only staff pages ship this script; survivor pages are plain HTML (docs/decisions/002).
const lang = getLangFromPath(window.location.pathname);
// What was typed into the plain page meanwhile is put back once hydrated (root.tsx).
keepTextTypedBeforeHydration();

// The page's language only: its texts are a chunk of their own, fetched before hydrating
// (docs/decisions/063). If they cannot be fetched, the page stays as the server sent it: its
// links and forms work without JavaScript.
void loadLanguage(lang).then(() => {
  const i18n = createI18n(lang);
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
}, console.error);
