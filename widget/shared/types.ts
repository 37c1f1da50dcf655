import type { Platform } from "../../api/contract/vocabulary.ts";

/**
 * What the loader reads from its script tag (ARCHITECTURE §3): just what it needs itself. The other
 * `data-*` attributes travel as they are in `data` and the chunks read them (widget-config.ts), which keeps
 * the loader within its 2 KB.
 */
export interface LoaderConfig {
  platform: Platform;
  /** Origin (and optional path) of the API; defaults to the loader's origin. */
  api: string;
  /** The app's mount path, stripped before matching routes. */
  basePath: string;
  /** False with `data-launcher="none"`: the host opens the panel from its own link. */
  launcher: boolean;
  /** Where the panel chunk is fetched from (next to the loader; the other chunks sit beside it). */
  panelUrl: string;
  /** A copy of the script tag's `data-*` attributes. */
  data: Readonly<Record<string, string | undefined>>;
}

/** The whole configuration, as the panel and the anchored tips use it. */
export interface WidgetConfig extends Omit<LoaderConfig, "data"> {
  locale: string;
  appVersion?: string;
  privacyUrl?: string;
}

/** Who the user is, as the host said with `identify`. Only `role` is required. */
export interface HostIdentity {
  role: string;
  department?: string;
  region?: string;
  cohort?: string;
  status?: string;
  email?: string;
  userId?: string;
}

export type CustomValue = string | number | boolean;

export interface Prefill {
  category?: string;
  subject?: string;
  message?: string;
  email?: string;
}

/** What the host told the widget so far; the loader keeps it and the panel reads it. */
export interface HostState {
  identity?: HostIdentity;
  custom: Record<string, CustomValue>;
  /** A route pattern declared by the host with `page({route})`, and the path it was declared on. */
  route?: { pattern: string; path: string };
  prefill: Prefill;
}

export type PanelView = "tips" | "contact" | { tip: string };

/**
 * Events a host may listen to (allow-list), as an own-property table: the loader looks names up with
 * `hasOwn`, never `Array.prototype.includes`, which a host page may have overridden.
 */
export const WIDGET_EVENTS = {
  ready: 1,
  open: 1,
  close: 1,
  "tip-view": 1,
  submit: 1,
} as const;
export type WidgetEvent = keyof typeof WIDGET_EVENTS;

/** Host calls that describe the user or the page; the loader keeps them until the panel applies them. */
export const HOST_CALLS = {
  identify: 1,
  context: 1,
  page: 1,
  prefill: 1,
} as const;
/**
 * A host call as the loader hands it over, with the path the host page was on when it was made: a
 * `page({route})` queued before the panel loaded describes that page, not the one the panel loads on.
 */
export type HostCall = [
  name: keyof typeof HOST_CALLS,
  arg: unknown,
  path?: string,
];

/** What the loader hands to the panel chunk when it mounts it. */
export interface PanelBridge {
  config: LoaderConfig;
  /** The widget's shadow root, where the panel renders (unit tests pass a plain element). */
  root: ShadowRoot | HTMLElement;
  /** The floating launcher, when there is one (focus returns to it). */
  launcher?: HTMLElement;
  /** Host calls made before the panel was loaded, in order. */
  calls: readonly HostCall[];
  emit(event: WidgetEvent, detail?: unknown): void;
}

/**
 * What the loader hands to the anchored-tips chunk: loaded before intent, only on a page that one of the
 * `paths` (regular-expression sources from `GET /v1/anchors`) matches.
 */
export interface AnchorsBridge {
  config: LoaderConfig;
  root: ShadowRoot | HTMLElement;
  /** Every host call so far, in order; later ones arrive through `apply`. */
  calls: readonly HostCall[];
  paths: readonly string[];
  emit(event: WidgetEvent, detail?: unknown): void;
  /** Opens the panel (loading it if needed), e.g. on the tip of a hotspot. */
  open(view: PanelView): void;
}

export interface AnchorsHandle {
  apply(call: HostCall): void;
  destroy(): void;
}

export type MountAnchors = (
  bridge: AnchorsBridge,
  win?: HostWindow,
) => AnchorsHandle;

/** What the panel chunk gives back to the loader. */
export interface PanelHandle {
  open(view?: PanelView): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
  /** Applies `identify`, `context`, `page` or `prefill`; false when the call is malformed. */
  apply(call: HostCall): boolean;
  destroy(): void;
}

/** The panel chunk's only export; `win` is the host window (tests pass their own). */
export type MountPanel = (bridge: PanelBridge, win?: HostWindow) => PanelHandle;

/** The host page's window, with its constructors (`CSSStyleSheet`, `Element`…). */
export type HostWindow = Window & typeof globalThis;
