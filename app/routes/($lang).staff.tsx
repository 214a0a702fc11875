import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";

import { getStaffContext } from "~/auth/guard.server";
import type { RouteHandle } from "~/root";
import { ErrorContent } from "~/ui/error-content";
import { StaffShell } from "~/ui/staff-shell";

export const handle: RouteHandle = { hydrate: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const context = await getStaffContext(request);
  if (!context) return { user: null, csrfToken: null };
  const { displayName, email, roles } = context.user;
  return { user: { displayName, email, roles }, csrfToken: context.csrfToken };
}

export default function StaffLayout() {
  const { user, csrfToken } = useLoaderData<typeof loader>();
  return (
    <StaffShell user={user} csrfToken={csrfToken}>
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
