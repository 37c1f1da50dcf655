import type { Store } from "./store.ts";
import type { SupportStore } from "./support-types.ts";
import type { TipStore } from "./tip-types.ts";
import type { ConversationStore } from "./conversation-types.ts";
import type { IndicatorStore } from "./indicator-types.ts";

/** What the app needs from storage: the public API's store, the support console's, the tips', the indicators'. */
export type AppStore = Store &
  SupportStore &
  TipStore &
  ConversationStore &
  IndicatorStore;
