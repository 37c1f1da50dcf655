import type { Store } from "./store.ts";
import type { SupportStore } from "./support-types.ts";

/** What the app needs from storage: the public API's store and the support console's. */
export type AppStore = Store & SupportStore;
