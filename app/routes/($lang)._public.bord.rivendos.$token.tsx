import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

import { passphraseResetPath } from "~/board/applicant-paths";
import { getLangFromPath, localePath } from "~/i18n/lang";

/** The reset link's former address, in messages sent before it moved: a permanent redirect. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, passphraseResetPath(params.token ?? "")), 301);
}
