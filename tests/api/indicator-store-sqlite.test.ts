import path from "node:path";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { runIndicatorStoreContract } from "../support/indicator-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;

// A real database file per test: the same hand-computed answers as the memory store's.
runIndicatorStoreContract("sqlite", () =>
  createSqliteStore({
    file: path.join(dir, `store-${++counter}`, "snu-aide.sqlite"),
  }),
);
