import path from "node:path";
import { createMemoryStore } from "../../api/store/memory-store.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { runConversationStoreContract } from "../support/conversation-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;

runConversationStoreContract("memory", () => createMemoryStore());
runConversationStoreContract("sqlite", () =>
  createSqliteStore({
    file: path.join(dir, `store-${++counter}`, "snu-aide.sqlite"),
  }),
);
