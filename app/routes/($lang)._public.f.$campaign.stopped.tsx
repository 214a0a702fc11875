import { StoppedPage } from "~/feedback/public-views";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("feedback:stopped.title");

export default function StoppedRoute() {
  return <StoppedPage />;
}
