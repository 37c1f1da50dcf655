import {
  hasContact,
  isSecretKey,
  redactText,
} from "../../api/contract/redact.ts";
import { ROLES, YOUNG_STATUSES } from "../../api/contract/vocabulary.ts";
import type { Identity, RequestContext } from "../../api/contract/request.ts";
import {
  CUSTOM_KEY_RE,
  CUSTOM_MAX_KEYS,
  CUSTOM_VALUE_MAX,
  DEPARTMENT_RE,
  IDENTITY_TEXT_MAX,
  TIPS_SHOWN_MAX,
  TITLE_MAX,
  USER_AGENT_MAX,
} from "../../api/contract/request-rules.ts";
import { tagRoute, type RouteTag } from "../../api/contract/route-tag.ts";
import { WIDGET_VERSION } from "../shared/version.ts";
import type { HostIdentity, HostState, WidgetConfig } from "../shared/types.ts";

/** What the page itself tells: read from `window` at the moment of use. */
export interface PageSnapshot {
  pathname: string;
  title: string;
  userAgent: string;
  viewport: { w: number; h: number };
}

export function snapshotPage(win: Window): PageSnapshot {
  return {
    pathname: win.location.pathname,
    title: win.document.title,
    userAgent: win.navigator.userAgent,
    viewport: { w: Math.round(win.innerWidth), h: Math.round(win.innerHeight) },
  };
}

/** The route tag of the current page: the host's declared pattern if any, else the platform's table. */
export function currentRoute(
  config: WidgetConfig,
  state: HostState,
  page: PageSnapshot,
): RouteTag {
  return tagRoute(config.platform, page.pathname, {
    basePath: config.basePath,
    // A declared pattern describes the page it was declared on, not the pages the user goes to next.
    pattern:
      state.route?.path === page.pathname ? state.route.pattern : undefined,
  });
}

/**
 * The identity as the contract accepts it: each field the host got wrong is dropped rather than making
 * the whole request fail; without a valid role there is no identity (the user is then asked for an e-mail).
 */
export function contractIdentity(
  identity: HostIdentity | undefined,
): Identity | undefined {
  if (!identity) return undefined;
  // The identity is host-input.ts's prototype-less copy: a polluted Object.prototype cannot answer here.
  const field = (key: keyof HostIdentity) => {
    const value: unknown = identity[key];
    return typeof value === "string" && value ? value : undefined;
  };
  const role = field("role");
  if (!role || !(ROLES as readonly string[]).includes(role)) return undefined;
  const result: Identity = { role: role as Identity["role"] };
  const department = field("department");
  if (department && DEPARTMENT_RE.test(department))
    result.department = department;
  const status = field("status");
  if (status && (YOUNG_STATUSES as readonly string[]).includes(status))
    result.status = status as Identity["status"];
  // An e-mail or a phone number is no region, cohort or opaque user id (the contract refuses it as userId).
  for (const key of ["region", "cohort", "userId"] as const) {
    const value = field(key);
    if (value && value.length <= IDENTITY_TEXT_MAX[key] && !hasContact(value))
      result[key] = value;
  }
  return result;
}

/** Exactly the `context` the request will carry (shown to the user before sending). */
export function buildContext(
  config: WidgetConfig,
  state: HostState,
  page: PageSnapshot,
  tipsShown: readonly string[],
): RequestContext {
  const { route, routeParams } = currentRoute(config, state, page);
  const context: RequestContext = {
    platform: config.platform,
    route,
    title: redactText(page.title).slice(0, TITLE_MAX),
    locale: config.locale.slice(0, 5),
    viewport: page.viewport,
    userAgent: page.userAgent.slice(0, USER_AGENT_MAX),
    widgetVersion: WIDGET_VERSION,
  };
  if (routeParams) context.routeParams = routeParams;
  if (config.appVersion) context.appVersion = config.appVersion;
  const identity = contractIdentity(state.identity);
  if (identity) context.identity = identity;
  const custom = Object.keys(state.custom)
    .filter((key) => CUSTOM_KEY_RE.test(key))
    .slice(0, CUSTOM_MAX_KEYS)
    .map((key) => {
      const value = state.custom[key]!;
      if (isSecretKey(key)) return [key, "[masqué]"] as const;
      return [
        key,
        typeof value === "string"
          ? redactText(value).slice(0, CUSTOM_VALUE_MAX)
          : value,
      ] as const;
    });
  if (custom.length) context.custom = Object.fromEntries(custom);
  if (tipsShown.length) context.tipsShown = tipsShown.slice(0, TIPS_SHOWN_MAX);
  return context;
}
