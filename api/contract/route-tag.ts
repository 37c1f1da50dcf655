import type { Platform } from "./platforms.ts";
import { isIdLikeSegment, isRouteTag, ROUTE_TAG_MAX } from "./redact.ts";
import { isIdParam, ROUTE_PARAM_VALUE_RE, ROUTE_PATTERNS } from "./routes.ts";

/** What the widget sends about the page: the pattern's text and its safe non-id parameter values. */
export interface RouteTag {
  route: string;
  routeParams?: Record<string, string>;
}

/** Options of `tagRoute`. */
export interface TagRouteOptions {
  /** The app's mount path (`data-base-path`), removed before matching. Default: none. */
  basePath?: string;
  /**
   * A pattern the host declared with `page({route})` (its router knows best). Used when it is a valid
   * route tag; parameter values are read from the path when the pattern matches it. Default: none.
   */
  pattern?: string;
}

/**
 * Turns a location path into a route tag (ARCHITECTURE §3): `/volontaire/64f1…/phase2` →
 * `/volontaire/:id/phase2`. Query, hash, ids and secrets never reach the tag. Pure; never throws.
 */
export function tagRoute(
  platform: Platform,
  path: string,
  options: TagRouteOptions = {},
): RouteTag {
  const segments = stripBase(
    pathSegments(path),
    pathSegments(options?.basePath),
  );
  const declared =
    options.pattern !== undefined && isRouteTag(options.pattern)
      ? options.pattern
      : undefined;
  const patterns = declared
    ? [declared]
    : Object.hasOwn(ROUTE_PATTERNS, platform)
      ? ROUTE_PATTERNS[platform]
      : [];
  const pattern = matchRoute(patterns, segments);
  if (pattern === undefined && declared) return { route: declared };
  if (pattern === undefined) return { route: fallbackTag(segments) };

  const routeParams: Record<string, string> = {};
  pattern
    .split("/")
    .slice(1)
    .forEach((part, i) => {
      const name = part.slice(1);
      const value = segments[i] ?? "";
      if (part.startsWith(":") && !isIdParam(name) && isSafeParamValue(value)) {
        // Lowercased like static segments, so tips target one spelling.
        routeParams[name] = value.toLowerCase();
      }
    });
  return Object.keys(routeParams).length > 0
    ? { route: pattern, routeParams }
    : { route: pattern };
}

/**
 * The most specific pattern matching these segments, or undefined. Where several match, the one
 * whose first differing segment is static wins, whatever their order in the table.
 */
export function matchRoute(
  patterns: readonly string[],
  segments: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestParts: string[] = [];
  for (const pattern of patterns) {
    const parts = pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    // Case-insensitive like React Router's default (`caseSensitive: false`): the SNU apps render
    // `/Inscription/documents` as the same page, so it gets the same tag.
    const matches = parts.every(
      (part, i) =>
        part.startsWith(":") ||
        part.toLowerCase() === segments[i]!.toLowerCase(),
    );
    if (
      matches &&
      (best === undefined || isMoreSpecific(parts, pattern, bestParts, best))
    ) {
      best = pattern;
      bestParts = parts;
    }
  }
  return best;
}

function isMoreSpecific(
  a: string[],
  aText: string,
  b: string[],
  bText: string,
): boolean {
  for (let i = 0; i < a.length; i++) {
    const aParam = a[i]!.startsWith(":");
    if (aParam !== b[i]!.startsWith(":")) return !aParam;
  }
  return aText < bText; // same shape (only parameter names differ): any stable choice will do
}

// Splits a path into its non-empty segments: query and hash cut, duplicate and trailing slashes gone.
function pathSegments(path: unknown): string[] {
  if (typeof path !== "string") return [];
  let rest = path.split(/[?#]/, 1)[0] ?? "";
  // Tolerate a full URL (a host passing `location.href`): keep its path only.
  rest = rest.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  return rest.split("/").filter((segment) => segment !== "");
}

// Removes the base path only at a segment boundary: `/demo/moncompte2` is not under `/demo/moncompte`.
function stripBase(segments: string[], base: string[]): string[] {
  if (base.length === 0 || base.length > segments.length) return segments;
  return base.every((part, i) => part === segments[i])
    ? segments.slice(base.length)
    : segments;
}

function isSafeParamValue(value: string): boolean {
  return ROUTE_PARAM_VALUE_RE.test(value) && !isIdLikeSegment(value);
}

// Tag of a page missing from the table: id-like segments become `:id`, others are lowercased.
// Whole segments are dropped from the end if needed so the tag stays within the wire limit.
function fallbackTag(segments: readonly string[]): string {
  let tag = "";
  for (const segment of segments) {
    const part = `/${isIdLikeSegment(segment) ? ":id" : segment.toLowerCase()}`;
    if (tag.length + part.length > ROUTE_TAG_MAX) break;
    tag += part;
  }
  return tag || "/";
}
