import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(
  require.resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Rules whose « needs review » nodes count as violations (see {@link axeViolations}). */
const REVIEW_FAILS = ["scrollable-region-focusable"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA, 2.1 AA rules) on `include` and answers its violations: by default the widget's
 * element and its shadow tree; `"html"` for the whole page. Injected with `page.evaluate(source)`, never
 * `addScriptTag`, so it works under the host's CSP and Trusted Types. Stricter than axe's verdict:
 *
 * - a `scrollable-region-focusable` node axe leaves « to review » (a scrolling box whose only focusable
 *   content is out of the tab order) is a violation: a person finds it unreachable by keyboard;
 * - with `forcedColors` (the page emulates `forced-colors: active`), a `color-contrast` node is checked
 *   again against the colour Chromium paints, and dropped only when that one contrasts enough. axe reads the
 *   text colour from `-webkit-text-fill-color`, which Chromium reports unforced, and the background from
 *   `background-color`, which it reports forced (axe-core issue 3978, open) — so the primary buttons'
 *   white text is compared with the forced white background.
 */
export async function axeViolations(
  page: Page,
  include = "snu-aide",
  options: { forcedColors?: boolean } = {},
): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ([selector, forcedColors, reviewFails]) => {
      type Check = {
        data?: { bgColor?: string; expectedContrastRatio?: string };
      };
      type Node = { target: unknown; element: Element; any: Check[] };
      type Result = {
        id: string;
        impact: string | null;
        help: string;
        nodes: Node[];
      };
      const axe = (window as unknown as { axe: { run: Function } }).axe;
      const result = await axe.run(
        { include: [selector] },
        {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] },
          elementRef: true,
        },
      );
      // An empty scope would report no violation: make sure its nodes were really checked.
      if (result.passes.length === 0)
        throw new Error(`axe checked nothing inside ${selector}`);

      const channels = (color: string) =>
        color.startsWith("#")
          ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
          : (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (color: string) => {
        const [r, g, b] = channels(color).map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const contrast = (a: string, b: string) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi! + 0.05) / (lo! + 0.05);
      };
      /** Under forced colours: whether the painted (forced) text colour is readable on axe's background. */
      const paintedReadable = (node: Node) => {
        const data = node.any.find((check) => check.data?.bgColor)?.data;
        if (!data?.bgColor) return false;
        const needed = parseFloat(data.expectedContrastRatio ?? "4.5");
        const painted = getComputedStyle(node.element).color;
        return contrast(painted, data.bgColor) >= needed;
      };

      const reviewed = (result.incomplete as Result[])
        .filter((rule) => reviewFails.includes(rule.id))
        .map((rule) => ({ ...rule, help: `${rule.help} (needs review)` }));
      return [...(result.violations as Result[]), ...reviewed]
        .map((rule) => ({
          id: rule.id,
          impact: rule.impact,
          help: rule.help,
          nodes: rule.nodes
            .filter(
              (node) =>
                !(
                  forcedColors &&
                  rule.id === "color-contrast" &&
                  paintedReadable(node)
                ),
            )
            .map((node) => ({ target: node.target })),
        }))
        .filter((rule) => rule.nodes.length > 0);
    },
    [include, options.forcedColors ?? false, REVIEW_FAILS] as const,
  );
}

/** One line per violation and node, for failure messages: `color-contrast on [".button"]: …`. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} on ${JSON.stringify(node.target)}: ${violation.help}`,
    ),
  );
