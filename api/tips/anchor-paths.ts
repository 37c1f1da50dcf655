import { isIdParam } from "../contract/routes.ts";
import type { Platform } from "../contract/vocabulary.ts";
import type { TipRecord } from "../contract/tip-source.ts";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The pages of a platform that have anchored tips, as regular-expression sources the widget loader tests
 * against the path (base path removed, `RegExp(source, "i")`): static segments escaped, an id or
 * unrestricted parameter `[^/]+`, a parameter restricted by the tip to its values. Repeated and trailing
 * slashes are tolerated (`^/+inscription/+documents/*$`), and the root matches "" and "/" (`^/*$`).
 * Sorted, without duplicates.
 */
export function anchorPaths(
  records: readonly TipRecord[],
  platform: Platform,
): string[] {
  const paths = new Set<string>();
  for (const tip of records) {
    if (tip.platform !== platform || !tip.anchor) continue;
    for (const route of tip.routes)
      paths.add(routePathSource(route, tip.params));
  }
  return [...paths].sort();
}

function routePathSource(
  route: string,
  params: Readonly<Record<string, readonly string[]>>,
): string {
  const segments = route
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      if (!segment.startsWith(":")) return escape(segment);
      const name = segment.slice(1);
      const values = isIdParam(name) ? undefined : params[name];
      if (!values?.length) return "[^/]+";
      return values.length === 1
        ? escape(values[0]!)
        : `(?:${values.map(escape).join("|")})`;
    });
  // `//inscription/documents/` is the same page for the host's router, and the path left once the base
  // path is removed may be "" (the root): separators are `/+`, the end `/*`.
  if (segments.length === 0) return "^/*$";
  return `^/+${segments.join("/+")}/*$`;
}
