import type pg from "pg";
import type { AppStore } from "../../api/store/app-store.ts";
import { createPostgresConversationStore } from "../../api/store/pg/pg-conversation-store.ts";
import { createPostgresRequestStore } from "../../api/store/pg/pg-request-store.ts";
import { createPostgresSupportStore } from "../../api/store/pg/pg-support-store.ts";
import { createPostgresTipStore } from "../../api/store/pg/pg-tip-store.ts";

/**
 * The parts of the store that exist on PostgreSQL so far, on a migrated database, typed as the whole
 * `AppStore` for the contract suites; calling a method of a part not written yet throws, naming it. Tests
 * only: production composes its store from complete parts, never through this cast. Add a part here when it
 * lands.
 */
export function createPgAppStore(pool: pg.Pool): AppStore {
  const support = createPostgresSupportStore(pool);
  const parts: Record<string, unknown> = {
    ...createPostgresRequestStore(pool),
    ...support,
    ...createPostgresTipStore(pool),
    ...createPostgresConversationStore(pool, support.getRequestDetail),
  };
  return new Proxy(parts, {
    get(target, name) {
      // `then` stays undefined: the store is awaited when a contract's factory is async.
      if (typeof name === "symbol" || name === "then" || name in target)
        return target[name as string];
      return () => {
        throw new Error(`not yet on PostgreSQL: ${name}`);
      };
    },
  }) as unknown as AppStore;
}
