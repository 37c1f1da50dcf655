import { isSecretKey, redactText } from "../../api/contract/redact.ts";
import type { RequestContext } from "../../api/contract/request.ts";
import {
  CUSTOM_KEY_RE,
  CUSTOM_MAX_KEYS,
  CUSTOM_VALUE_MAX,
  TIPS_SHOWN_MAX,
  TITLE_MAX,
  USER_AGENT_MAX,
} from "../../api/contract/request-rules.ts";
import type { RouteTag } from "../../api/contract/route-tag.ts";
import {
  contractIdentity,
  currentRoute,
  type PageSnapshot,
} from "../shared/page-route.ts";
import type { HostState, WidgetConfig } from "../shared/types.ts";
import { WIDGET_VERSION } from "../shared/version.ts";

/** Exactly the `context` the request will carry (shown to the user before sending). */
export function buildContext(
  config: WidgetConfig,
  state: HostState,
  page: PageSnapshot,
  tipsShown: readonly string[],
): RequestContext {
  // The route tag as the tips were asked for (page-route.ts), its parameters' values included.
  const { route, routeParams }: RouteTag = currentRoute(config, state, page);
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
