import path from "node:path";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { runSupportScopeContract } from "../support/support-scope-contract.ts";
import { runSupportStoreContract } from "../support/support-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;

const makeStore = () =>
  createSqliteStore({
    file: path.join(dir, `store-${++counter}`, "snu-aide.sqlite"),
  });

runSupportStoreContract("sqlite", makeStore);
runSupportScopeContract("sqlite", makeStore);
