import type pg from "pg";
import { mapStoreFaults } from "../store-faults.ts";
import type { SupportStore } from "../support-types.ts";
import { pgFault } from "./pg-faults.ts";
import { createPostgresRequestDetail } from "./pg-request-detail.ts";
import { createPostgresInbox } from "./pg-request-inbox.ts";
import { createPostgresRetention } from "./pg-support-retention.ts";
import { createPostgresSupportUsers } from "./pg-support-users.ts";

/**
 * The support console's storage on PostgreSQL (issue 15), on a database migrated to version 6 at least
 * (pg-migrations.ts: the detail reads the conversation's tables, a resolution queues its e-mail). Shared by every instance; faults of the database become `StoreUnavailableError` (503).
 */
export function createPostgresSupportStore(pool: pg.Pool): SupportStore {
  return mapStoreFaults<SupportStore>(
    {
      ...createPostgresSupportUsers(pool),
      ...createPostgresInbox(pool),
      ...createPostgresRequestDetail(pool),
      ...createPostgresRetention(pool),
    },
    pgFault,
  );
}
