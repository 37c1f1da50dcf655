import { createMemoryStore } from "../../api/store/memory-store.ts";
import { runIndicatorStoreContract } from "../support/indicator-store-contract.ts";

runIndicatorStoreContract("memory", () => createMemoryStore());
