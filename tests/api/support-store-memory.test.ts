import { createMemoryStore } from "../../api/store/memory-store.ts";
import { runSupportScopeContract } from "../support/support-scope-contract.ts";
import { runSupportStoreContract } from "../support/support-store-contract.ts";

runSupportStoreContract("memory", () => createMemoryStore());
runSupportScopeContract("memory", () => createMemoryStore());
