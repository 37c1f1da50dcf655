import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { loadRgaaGrid } from "../accessibility/load-grid.ts";
import { STATEMENT_PATH } from "../accessibility/statement-link.ts";
import { renderStatementPage } from "../accessibility/statement-page.ts";
import { FOLLOW_UP_CSP } from "../follow-up/page-headers.ts";
import type { Logger } from "../logger.ts";

export interface AccessibilityPageDeps {
  logger: Logger;
  /** The RGAA grid the figures come from (default: tests/a11y/rgaa.md of the repository). */
  gridFile?: string;
}

/**
 * `GET /accessibilite`: the accessibility statement (issue 16). The grid is read once, when the app is
 * built (a new grid takes a restart, like the built front ends), and the page rendered then. It has the
 * follow-up pages' layout and policy: no script, the same-origin stylesheet only, never framed; the
 * security headers every answer gets (security-headers.ts) include `Referrer-Policy: no-referrer`.
 */
export function accessibilityPage(deps: AccessibilityPageDeps): Hono<AppEnv> {
  const loaded = loadRgaaGrid(deps.gridFile);
  if (!loaded.ok)
    deps.logger.error("accessibility_grid_unavailable", {
      detail: loaded.detail,
    });
  const page = renderStatementPage(loaded);
  return new Hono<AppEnv>().get(STATEMENT_PATH, (c) => {
    c.header("Content-Security-Policy", FOLLOW_UP_CSP);
    // The same bytes until the next start: a browser may keep them, and asks again each time.
    c.header("Cache-Control", "no-cache");
    return c.html(page);
  });
}
