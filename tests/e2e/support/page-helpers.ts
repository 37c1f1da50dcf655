import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(
  require.resolve("axe-core/axe.min.js"),
  "utf8",
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA, 2.1 AA) on the widget's element and its shadow tree. Injected with
 * `page.evaluate(source)`, never `addScriptTag`, so it works under the host's CSP and Trusted Types.
 */
export async function axeViolations(
  page: Page,
  include = "snu-aide",
): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: Function } }).axe;
    const result = await axe.run(
      { include: [selector] },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } },
    );
    // An empty scope would report no violation: make sure the widget's nodes were really checked.
    if (result.passes.length === 0)
      throw new Error(`axe checked nothing inside ${selector}`);
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, include);
}

/** Records every CSP violation the page reports, from its very first script on. */
export async function recordCspViolations(
  page: Page,
): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (
      /Content Security Policy|Trusted ?(Type|HTML|Script)/i.test(
        message.text(),
      )
    )
      consoleErrors.push(message.text());
  });
  return async () => [
    ...(await page.evaluate(
      () =>
        (window as unknown as { __cspViolations: string[] }).__cspViolations ??
        [],
    )),
    ...consoleErrors,
  ];
}
