import type Database from "better-sqlite3";
import { createSqliteInbox } from "./sqlite-request-inbox.ts";
import { createSqliteRequestDetail } from "./sqlite-request-detail.ts";
import { createSqliteRetention } from "./sqlite-retention.ts";
import { createSqliteSupportUsers } from "./sqlite-support-users.ts";
import type { SupportStore } from "./support-types.ts";

/** The support console's storage on an open, migrated database (migration 2). */
export function createSqliteSupportStore(db: Database.Database): SupportStore {
  return {
    ...createSqliteSupportUsers(db),
    ...createSqliteInbox(db),
    ...createSqliteRequestDetail(db),
    ...createSqliteRetention(db),
  };
}
