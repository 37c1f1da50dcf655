import type { Store } from "./store.ts";
import type { SupportStore } from "./support-types.ts";
import type { TipStore } from "./tip-types.ts";
import type { ConversationStore } from "./conversation-types.ts";

/** What the app needs from storage: the public API's store, the support console's and the tips'. */
export type AppStore = Store & SupportStore & TipStore & ConversationStore;
