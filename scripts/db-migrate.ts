// npm run db:migrate — applies both stores' migrations (the server also does this at start).
import { migrateAll, stopApplication } from "../app/platform/startup.server";

const applied = await migrateAll();
console.log(
  `Identity store: ${applied.identity.length} migration(s) applied${applied.identity.length ? ` (${applied.identity.join(", ")})` : ""}.`,
);
console.log(
  `Response store: ${applied.responses.length} migration(s) applied${applied.responses.length ? ` (${applied.responses.join(", ")})` : ""}.`,
);
await stopApplication();
