import { createMemoryStore } from "../../api/store/memory-store.ts";
import { runStoreContract } from "../support/store-contract.ts";

runStoreContract("memory", () => createMemoryStore());
