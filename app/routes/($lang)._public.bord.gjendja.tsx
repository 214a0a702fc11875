import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

import { APPLICANT_STATUS_PATH } from "~/board/applicant-paths";
import { getLangFromPath, localePath } from "~/i18n/lang";

/** The status page's former address, in messages sent before it moved: a permanent redirect. */
export function loader({ request }: LoaderFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, APPLICANT_STATUS_PATH), 301);
}
