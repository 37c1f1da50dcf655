import { createMemoryInbox } from "./memory-request-inbox.ts";
import { createMemoryRequestDetail } from "./memory-request-detail.ts";
import type { MemoryState } from "./memory-request-table.ts";
import { createMemoryRetention } from "./memory-retention.ts";
import { createMemorySupportUsers } from "./memory-support-users.ts";
import type { SupportStore } from "./support-types.ts";

/** The support console's storage over the memory store's state. */
export function createMemorySupportStore(state: MemoryState): SupportStore {
  return {
    ...createMemorySupportUsers(state),
    ...createMemoryInbox(state),
    ...createMemoryRequestDetail(state),
    ...createMemoryRetention(state),
  };
}
