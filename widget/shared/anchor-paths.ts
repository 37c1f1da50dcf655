/**
 * Whether a page has anchored tips: `paths` are the regular-expression sources of `GET /v1/anchors` (they
 * allow repeated and trailing slashes), tested without case — like route tags — against the path below the
 * base path. Never throws: a malformed answer (an error body, an invalid source) matches nothing. The loader
 * and the anchored-tips chunk both decide with it.
 */
export function onAnchoredPage(
  paths: unknown,
  pathname: string,
  basePath: string,
): boolean {
  try {
    const inApp = pathname.startsWith(basePath)
      ? pathname.slice(basePath.length)
      : pathname;
    return (paths as string[]).some((source) =>
      RegExp(source, "i").test(inApp),
    );
  } catch {
    return false;
  }
}
