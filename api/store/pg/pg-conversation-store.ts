import type pg from "pg";
import type { ConversationStore } from "../conversation-types.ts";
import { mapStoreFaults } from "../store-faults.ts";
import type { SupportStore } from "../support-types.ts";
import { createPostgresReplies } from "./pg-conversation-replies.ts";
import { createPostgresReplyTemplates } from "./pg-conversation-templates.ts";
import { createPostgresFollowUpAutomation } from "./pg-follow-up-automation.ts";
import { createPostgresFollowUp } from "./pg-follow-up.ts";
import { createPostgresMailOutbox } from "./pg-mail-outbox.ts";
import { pgFault } from "./pg-faults.ts";

/**
 * The conversation on PostgreSQL (issue 15), with the SQLite store's semantics (sqlite-conversation.ts), on a
 * database migrated to version 6 at least (pg-migrations.ts). Shared by every instance: nothing is kept in
 * the process. `detailOf` is the support store's (a reply answers the request's detail, read after commit,
 * as on SQLite). Faults of the database become `StoreUnavailableError` (503).
 */
export function createPostgresConversationStore(
  pool: pg.Pool,
  detailOf: SupportStore["getRequestDetail"],
): ConversationStore {
  return mapStoreFaults<ConversationStore>(
    {
      ...createPostgresReplies(pool, detailOf),
      ...createPostgresFollowUp(pool),
      ...createPostgresMailOutbox(pool),
      ...createPostgresFollowUpAutomation(pool),
      ...createPostgresReplyTemplates(pool),
    },
    pgFault,
  );
}
