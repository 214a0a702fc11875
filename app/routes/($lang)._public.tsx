import { Outlet } from "@remix-run/react";

import type { RouteHandle } from "~/root";
import { PublicShell } from "~/ui/public-shell";

// Survivor-facing pages: plain HTML, no framework JavaScript, no cookies.
export const handle: RouteHandle = { hydrate: false, public: true };

export default function PublicLayout() {
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
