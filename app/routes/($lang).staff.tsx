import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";

import { getStaffContext } from "~/auth/guard.server";
import { keptInputPath, takeKeptInput } from "~/auth/kept-input.server";
import type { RouteHandle } from "~/root";
import { ErrorContent } from "~/ui/error-content";
import { StaffShell } from "~/ui/staff-shell";

export const handle: RouteHandle = { hydrate: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const context = await getStaffContext(request);
  if (!context) return { user: null, csrfToken: null, session: null, restored: null };
  const { displayName, email, roles } = context.user;
  const url = new URL(request.url);
  const restoreToken = url.searchParams.get("restore");
  // Input kept when the session ended, back once on the page it came from (decision 013).
  const restored = restoreToken
    ? await takeKeptInput(restoreToken, { userId: context.user.id, path: keptInputPath(url) })
    : null;
  const now = Date.now();
  return {
    user: { displayName, email, roles },
    csrfToken: context.csrfToken,
    session: {
      endsInMs: context.sessionEndsAt - now,
      absoluteEndsInMs: context.sessionAbsoluteEndsAt - now,
    },
    restored,
  };
}

export default function StaffLayout() {
  const { user, csrfToken, session, restored } = useLoaderData<typeof loader>();
  return (
    <StaffShell user={user} csrfToken={csrfToken} session={session} restored={restored}>
      <Outlet />
    </StaffShell>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/($lang).staff");
  return (
    <StaffShell user={data?.user ?? null} csrfToken={data?.csrfToken ?? null}>
      <ErrorContent error={useRouteError()} />
    </StaffShell>
  );
}
