import type { Platform } from "./platforms.ts";
import { isIdLikeSegment, isRouteTag, ROUTE_TAG_MAX } from "./redact.ts";
import {
  ROUTE_PARAM_VALUE_RE,
  ROUTE_PATTERNS,
  isValueParam,
} from "./routes.ts";

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
  const declared = isRouteTag(options.pattern!) ? options.pattern : undefined;
  const patterns = declared
    ? [declared]
    : Object.hasOwn(ROUTE_PATTERNS, platform)
      ? ROUTE_PATTERNS[platform]
      : [];
  const pattern = matchRoute(patterns, segments);
  if (pattern === undefined)
    return { route: declared ?? fallbackTag(segments) };

  const routeParams: Record<string, string> = {};
  pattern.split("/").forEach((part, i, parts) => {
    const value = segments[i - 1] ?? "";
    // Lowercased like static segments, so tips target one spelling.
    if (isValueParam(parts, i) && isSafeParamValue(value))
      routeParams[part.slice(1)] = value.toLowerCase();
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
  return patterns
    .filter((pattern) => {
      const parts = pattern.split("/").filter(Boolean);
      // Case-insensitive like React Router's default (`caseSensitive: false`): the SNU apps render
      // `/Inscription/documents` as the same page, so it gets the same tag.
      return (
        parts.length === segments.length &&
        parts.every(
          (part, i) =>
            part[0] === ":" ||
            part.toLowerCase() === segments[i]!.toLowerCase(),
        )
      );
    })
    .sort((a, b) => (specificity(a) < specificity(b) ? -1 : 1))[0];
}

// Sort key of a pattern among those of the same length: 0 for each static segment and 1 for each
// parameter, so a static segment first wins; then the text, for a stable choice between patterns of the
// same shape (`/a/:x/c` → `/0/1/0/a/:x/c`).
function specificity(pattern: string): string {
  return (
    pattern.replace(/[^/]+/g, (part) => (part[0] === ":" ? "1" : "0")) + pattern
  );
}

// Splits a path into its non-empty segments: query and hash cut, duplicate and trailing slashes gone.
function pathSegments(path: unknown): string[] {
  if (typeof path !== "string") return [];
  return (
    path
      .replace(/[?#][^]*/, "")
      // Tolerate a full URL (a host passing `location.href`): keep its path only.
      .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "")
      .split("/")
      .filter(Boolean)
  );
}

// Removes the base path only at a segment boundary: `/demo/moncompte2` is not under `/demo/moncompte`.
function stripBase(segments: string[], base: string[]): string[] {
  return base.every((part, i) => part === segments[i])
    ? segments.slice(base.length)
    : segments;
}

function isSafeParamValue(value: string): boolean {
  return ROUTE_PARAM_VALUE_RE.test(value) && !isIdLikeSegment(value);
}

/**
 * The words of the route tables of every platform (`volontaire`, `phase2`, `besoin-d-aide`…, and the
 * harmless `:param` names): the only segments a page missing from the table keeps. No secret path word
 * is one (route-tag.test.ts), so the segment after one never stays either.
 */
export const ROUTE_WORDS: ReadonlySet<string> = new Set(
  Object.values(ROUTE_PATTERNS).flat().join("/").split("/"),
);

// Tag of a page missing from the table: each segment that is not a word of the route tables becomes
// `:id` (issue 11) — a person's name (`/profil/jean-dupont`) or a short token looks like any other word,
// so only the known vocabulary stays (lowercased). Whole segments are dropped from the end if needed so
// the tag stays within the wire limit.
function fallbackTag(segments: readonly string[]): string {
  let tag = "";
  for (const segment of segments) {
    const word = segment.toLowerCase();
    const part = `/${ROUTE_WORDS.has(word) ? word : ":id"}`;
    if (tag.length + part.length > ROUTE_TAG_MAX) break;
    tag += part;
  }
  return tag || "/";
}
