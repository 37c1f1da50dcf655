import path from "node:path";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { runSupportStoreContract } from "../support/support-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;

runSupportStoreContract("sqlite", () =>
  createSqliteStore({
    file: path.join(dir, `store-${++counter}`, "snu-aide.sqlite"),
  }),
);
