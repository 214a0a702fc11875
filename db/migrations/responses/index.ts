import type { Migration } from "kysely";

// The response store holds only anonymous feedback answers. Its tables arrive with the
// feedback feature; every table here is keyed by a random id and created WITHOUT ROWID, and
// nothing here may identify a person or a visit (docs/decisions/001-two-stores.md).
export const responseMigrations: Record<string, Migration> = {};
