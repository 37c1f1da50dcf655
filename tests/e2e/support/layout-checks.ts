import type { Page } from "playwright-core";

// Checks of the rendered layout that axe's WCAG 2.0/2.1 rules leave out (issue 16): reflow without
// horizontal scrolling (RGAA 10.11, WCAG 1.4.10) and target size (WCAG 2.2, 2.5.8, level AA). Each looks
// at the whole document, or at boxes of the widget, found in the shadow root of `<snu-aide>`.

/** The smallest target size WCAG 2.2 (2.5.8, AA) asks for, in CSS px. */
export const MIN_TARGET = 24;

/** The widget panel's boxes that must never scroll sideways, and the anchored tip popover's. */
export const PANEL_BOXES: readonly string[] = [".panel", ".content"];
export const POPOVER_BOXES: readonly string[] = [".popover", ".popover-body"];

/** The target size findings: the targets too small, and those that one of the criterion's exceptions allows. */
export interface TargetSizes {
  /** `button « Fermer » 20.0×18.0`: smaller than 24 × 24 px, no exception applies. */
  tooSmall: string[];
  /**
   * `inline link « … » …`, `spacing …`: smaller, but an exception of WCAG 2.5.8 applies. A caller that
   * allows no exception (the widget: its links are 24 px high too, panel.css) expects this empty as well.
   */
  exempt: string[];
  /** How many targets were measured. */
  checked: number;
}

/**
 * Measures every pointer target (links, buttons, fields, `summary`, `role=button`, anything in the tab
 * order) that is rendered and operable — not disabled, not inert, not behind a modal dialog, not visually
 * hidden (the `.sr-only` pattern, 1 px and clipped) — in the whole document, or, with `widgetScopes`, in
 * those elements of the widget's shadow root (each included when it is a target itself). A checkbox or
 * radio button counts with its label, which takes the same click. Exceptions of the criterion, reported
 * apart: an undersized target whose 24 px circle touches no other target (« Spacing »), else a link whose
 * height the line of text around it sets (« Inline »: its block holds more text than the link).
 */
export function targetSizes(
  page: Page,
  widgetScopes?: readonly string[],
): Promise<TargetSizes> {
  return page.evaluate(
    ([scopes, MIN]) => {
      const TARGETS =
        "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";
      let containers: ParentNode[] = [document];
      if (scopes) {
        const root = document.querySelector("snu-aide")?.shadowRoot;
        if (!root) throw new Error("the widget is not in the page");
        containers = scopes.flatMap((scope) => {
          const found = [...root.querySelectorAll(scope)];
          if (found.length === 0)
            throw new Error(`${scope} is not in the widget`);
          return found;
        });
      }
      const elements = new Set<HTMLElement>();
      for (const container of containers) {
        if (container instanceof HTMLElement && container.matches(TARGETS))
          elements.add(container);
        for (const el of container.querySelectorAll<HTMLElement>(TARGETS))
          elements.add(el);
      }

      type Rect = { x: number; y: number; w: number; h: number };
      const rectOf = (el: Element): Rect => {
        const r = el.getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      };
      const union = (a: Rect, b: Rect): Rect => {
        const x = Math.min(a.x, b.x);
        const y = Math.min(a.y, b.y);
        return {
          x,
          y,
          w: Math.max(a.x + a.w, b.x + b.w) - x,
          h: Math.max(a.y + a.h, b.y + b.h) - y,
        };
      };
      const nameOf = (el: Element) =>
        (
          el.getAttribute("aria-label") ??
          (el as HTMLInputElement).labels?.[0]?.textContent ??
          el.textContent ??
          ""
        )
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 50);
      const modal = document.querySelector(":modal");
      const targets = [...elements]
        .filter((el) => {
          if ((el as HTMLButtonElement).disabled) return false;
          if (el.closest("[inert]") || (modal && !modal.contains(el)))
            return false;
          // Transparent targets still take clicks: opacity does not exempt them.
          if (!el.checkVisibility({ checkVisibilityCSS: true })) return false;
          const r = el.getBoundingClientRect();
          return r.width > 1 && r.height > 1;
        })
        .map((el) => {
          let rect = rectOf(el);
          const input = el as HTMLInputElement;
          if (
            el.tagName === "INPUT" &&
            (input.type === "checkbox" || input.type === "radio") &&
            input.labels?.[0]
          )
            rect = union(rect, rectOf(input.labels[0]));
          return {
            el,
            rect,
            name: `${el.tagName.toLowerCase()} « ${nameOf(el)} »`,
          };
        });

      const tooSmall: string[] = [];
      const exempt: string[] = [];
      const small = targets.filter((t) => t.rect.w < MIN || t.rect.h < MIN);
      for (const target of small) {
        const { el, rect, name } = target;
        const size = `${rect.w.toFixed(1)}×${rect.h.toFixed(1)}`;
        // Spacing: a 24 px circle on its centre intersects no other target, nor another small one's circle.
        const cx = rect.x + rect.w / 2;
        const cy = rect.y + rect.h / 2;
        const clear = targets.every((other) => {
          if (other === target) return true;
          const r = other.rect;
          const dx = Math.max(r.x - cx, 0, cx - (r.x + r.w));
          const dy = Math.max(r.y - cy, 0, cy - (r.y + r.h));
          if (Math.hypot(dx, dy) < MIN / 2) return false;
          if (!small.includes(other)) return true;
          const ox = r.x + r.w / 2;
          const oy = r.y + r.h / 2;
          return Math.hypot(ox - cx, oy - cy) >= MIN;
        });
        if (clear) {
          exempt.push(`spacing ${name} ${size}`);
          continue;
        }
        // Inline: a link in a sentence, whose size the line of text sets.
        if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
          let block = el.parentElement;
          while (block && getComputedStyle(block).display === "inline")
            block = block.parentElement;
          const own = (el.textContent ?? "").trim().length;
          if ((block?.textContent ?? "").trim().length > own) {
            exempt.push(`inline link ${name} ${size}`);
            continue;
          }
        }
        tooSmall.push(`${name} ${size}`);
      }
      return { tooSmall, exempt, checked: targets.length };
    },
    [widgetScopes, MIN_TARGET] as const,
  );
}

/**
 * What scrolls sideways or is cut off at the screen's edge (RGAA 10.11, reflow): the page when it scrolls
 * sideways; each of the widget's `widgetBoxes` shown (selectors in its shadow root) that scrolls sideways
 * (its `overflow-x` lets it scroll and its content is wider than it) or sticks out of the screen; any
 * element inside them that sticks out of the screen. Empty when everything reflows.
 */
export function horizontalOverflow(
  page: Page,
  widgetBoxes: readonly string[] = [],
): Promise<string[]> {
  return page.evaluate((boxes) => {
    const found: string[] = [];
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth > width)
      found.push(`page scrolls sideways: ${doc.scrollWidth} > ${width}`);
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""} « ${(element.textContent ?? "").trim().slice(0, 30)} »`;
    const outside = (element: Element) => {
      const rect = element.getBoundingClientRect();
      // Half a pixel of rounding; the visually hidden texts (1 × 1 px, clipped) draw nothing.
      return rect.width > 1 && (rect.left < -0.5 || rect.right > width + 0.5);
    };
    const root = document.querySelector("snu-aide")?.shadowRoot;
    if (boxes.length > 0 && !root)
      throw new Error("the widget is not in the page");
    for (const selector of boxes)
      for (const box of root?.querySelectorAll(selector) ?? []) {
        if (box.getClientRects().length === 0) continue;
        const scrolls = /auto|scroll/.test(getComputedStyle(box).overflowX);
        if (scrolls && box.scrollWidth > box.clientWidth)
          found.push(
            `${selector} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`,
          );
        for (const element of [box, ...box.querySelectorAll("*")])
          if (element.getClientRects().length > 0 && outside(element)) {
            const rect = element.getBoundingClientRect();
            found.push(
              `${describe(element)} from ${rect.left.toFixed(1)} to ${rect.right.toFixed(1)}, outside 0–${width}`,
            );
          }
      }
    return found;
  }, widgetBoxes);
}
