import { createMemoryStore } from "../../api/store/memory-store.ts";
import { runTipStoreContract } from "../support/tip-store-contract.ts";

runTipStoreContract("memory", () => createMemoryStore());
