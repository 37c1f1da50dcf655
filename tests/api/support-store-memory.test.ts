import { createMemoryStore } from "../../api/store/memory-store.ts";
import { runSupportStoreContract } from "../support/support-store-contract.ts";

runSupportStoreContract("memory", () => createMemoryStore());
