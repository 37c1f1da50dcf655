import type { ApiClient, TipsParams } from "../shared/api-client.ts";
import type { HostState, PanelBridge, WidgetConfig } from "../shared/types.ts";
import type { EventCounter } from "../shared/event-counter.ts";
import type { DraftStorage } from "./draft-storage.ts";
import type { Outbox, Outcome } from "./outbox.ts";
import type { Sender, SettledListeners } from "./sender.ts";

// The panel's props on their own: App renders the views that read them (ContactForm.tsx, the lazy
// « Mes demandes »), and those views name what they use of them without importing App back.

/** The panel's views: the page's tips, the contact form, and « Mes demandes » (its own lazy chunk). */
export type ViewName = "tips" | "contact" | "requests";

export interface AppProps {
  bridge: PanelBridge;
  /** The whole configuration (the bridge carries the loader's part). */
  config: WidgetConfig;
  state: HostState;
  api: ApiClient;
  /** The widget's anonymous counters and the panel session's votes (event-counter.ts). */
  counter: EventCounter;
  drafts: DraftStorage;
  outbox: Outbox;
  sender: Sender;
  /** The page's listeners of settled submissions (sender.ts): the form watches the outbox with them. */
  listeners: SettledListeners;
  /** How the last submission ended, handed over once (mount.tsx): a new object each time. */
  outcome?: Outcome | undefined;
  win: Window;
  open: boolean;
  view: ViewName;
  focusTipId?: string;
  /** The current page's tips query (chunk-base.ts). */
  pageQuery(): TipsParams;
  /**
   * Bumped when the panel opens, and when the route tag or the user's role or status changed: the page's
   * tips are fetched again.
   */
  pageVersion: number;
  onClose(): void;
  onView(view: ViewName): void;
}
