import { ThanksPage } from "~/feedback/public-views";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("feedback:thanks.title");

export default function ThanksRoute() {
  return <ThanksPage />;
}
