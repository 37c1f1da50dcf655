import { hasContact } from "../../api/contract/redact.ts";
import type { Identity } from "../../api/contract/request.ts";
import {
  DEPARTMENT_RE,
  IDENTITY_TEXT_MAX,
} from "../../api/contract/request-rules.ts";
import { tagRoute, type RouteTag } from "../../api/contract/route-tag.ts";
import { ROLES, YOUNG_STATUSES } from "../../api/contract/vocabulary.ts";
import type { HostIdentity, HostState, WidgetConfig } from "./types.ts";

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

/**
 * The route tag of the current page: the host's declared pattern if any, else the platform's table. Only
 * the path is read: `win.location` will do where no snapshot is taken.
 */
export function currentRoute(
  config: WidgetConfig,
  state: HostState,
  page: Pick<PageSnapshot, "pathname">,
): RouteTag {
  return tagRoute(config.platform, page.pathname, {
    basePath: config.basePath,
    // A declared pattern describes the page it was declared on, not the pages the user goes to next.
    pattern:
      state.route?.path === page.pathname ? state.route.pattern : undefined,
  });
}

/**
 * Who the tips are for — the identity's role and status, as {@link contractIdentity} keeps them — without
 * its checks of the free-text fields: the tips never depend on those, and their check's regular expression
 * (redact.ts) costs 12–19 ms of CPU the first time it runs (~40 ms at 4× throttling), on the way to a panel or an anchored tip (issue 14).
 */
export function tipsAudience(
  identity: HostIdentity | undefined,
): Identity | undefined {
  // The identity is host-input.ts's prototype-less copy: a polluted Object.prototype cannot answer here.
  const role = identity?.role;
  if (!(ROLES as readonly unknown[]).includes(role)) return undefined;
  const result: Identity = { role: role as Identity["role"] };
  const status = identity!.status;
  if ((YOUNG_STATUSES as readonly unknown[]).includes(status))
    result.status = status as Identity["status"];
  return result;
}

/**
 * The identity as the contract accepts it: each field the host got wrong is dropped rather than making
 * the whole request fail; without a valid role there is no identity (the user is then asked for an e-mail).
 */
export function contractIdentity(
  identity: HostIdentity | undefined,
): Identity | undefined {
  const result = tipsAudience(identity);
  if (!result) return undefined;
  const field = (key: keyof HostIdentity) => {
    const value: unknown = identity![key];
    return typeof value === "string" && value ? value : undefined;
  };
  const department = field("department");
  if (department && DEPARTMENT_RE.test(department))
    result.department = department;
  // An e-mail or a phone number is no region, cohort or opaque user id (the contract refuses it as userId).
  for (const key of ["region", "cohort", "userId"] as const) {
    const value = field(key);
    if (value && value.length <= IDENTITY_TEXT_MAX[key] && !hasContact(value))
      result[key] = value;
  }
  return result;
}
