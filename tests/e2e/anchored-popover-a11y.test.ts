import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe.ts";
import { openDemo } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { boxOf, intersects, visibility } from "./support/geometry.ts";
import {
  expectFocusOn,
  expectVisibleFocus,
  hasFocus,
  tabTo,
} from "./support/keyboard.ts";
import {
  horizontalOverflow,
  POPOVER_BOXES,
  targetSizes,
} from "./support/layout-checks.ts";

// Issue 16: the anchored tip's popover, as a keyboard user reaches it on the admin case-file page (strict
// CSP, Trusted Types, the host's html at 62.5 %). At 900 × 700 the popover did not fit above its hotspot:
// its title was pushed off the top of the screen, out of reach (a fixed box does not scroll with the
// page), and its text scrolled in a box the keyboard could not reach (axe: `scrollable-region-focusable`,
// « needs review » once the tip was answered and no button was left inside it). Not a single mouse call
// here: the keyboard opens, reads, answers and closes.
const suite = useServerAndBrowser();

const CASE_FILE = "/demo/admin/volontaire/64f1b0c2d3e4f5061728394a";
const TIP = "Avant de valider un dossier";

type Viewport = { width: number; height: number };

const hotspot = (page: Page) =>
  page.getByRole("button", { name: `Astuce : ${TIP}` });
const popoverOf = (page: Page) => page.getByRole("dialog", { name: TIP });

/**
 * axe on the widget: no violation — and, axe.ts makes sure, for `scrollable-region-focusable` not even a
 * node left « to review » (a scrolling box whose only focusable content is out of the tab order: a person
 * finds it unreachable by keyboard). Soft: the checks after it still run and say what else is wrong.
 */
async function expectAxeClean(page: Page) {
  expect.soft(await axeViolations(page)).toEqual([]);
}

/**
 * Opens the case file and reaches the hotspot with Tab (after the page's own links: the widget comes last),
 * or, with `focusHotspot`, gives it the focus from the page's script once its element is on screen.
 */
async function openWithKeyboard(viewport: Viewport, focusHotspot = false) {
  const { page, violations } = await openDemo(
    suite.browser,
    suite.server,
    CASE_FILE,
    { viewport, timeout: 10_000 },
  );
  const spot = hotspot(page);
  // Tabbing to « Valider le dossier » scrolls it into view: its hotspot shows (hidden while off screen).
  await tabTo(page, page.locator("#valider-dossier"), { max: 40 });
  await spot.waitFor();
  await expect.poll(() => visibility(spot)).toBe("visible");
  if (focusHotspot) await spot.focus();
  else await tabTo(page, spot, { max: 20 });
  await expectVisibleFocus(page, "on the hotspot");

  await page.keyboard.press("Enter");
  const popover = popoverOf(page);
  await popover.waitFor();
  await expectFocusOnTitle(page, popover);
  // Placed once floating-ui has positioned it (inline top), and settled: the same box twice in a row.
  await expect
    .poll(() => popover.evaluate((el) => (el as HTMLElement).style.top))
    .not.toBe("");
  let previous = "";
  await expect
    .poll(async () => {
      const [last, now] = [previous, JSON.stringify(await boxOf(popover))];
      previous = now;
      return now === last;
    })
    .toBe(true);
  return { page, violations, spot, popover };
}

/** The focus moves to the popover's title when it opens (after its first paint), drawn visible. */
const expectFocusOnTitle = (page: Page, popover: Locator) =>
  expectFocusOn(
    page,
    popover.getByRole("heading", { name: TIP }),
    "popover opened: its title",
  );

/** The popover is whole on screen: nothing of it (title, « Fermer », its buttons) is out of reach. */
async function expectOnScreen(popover: Locator, viewport: Viewport) {
  const box = await boxOf(popover);
  // Soft: the checks after these still run and say what else is wrong.
  expect.soft(box.x).toBeGreaterThanOrEqual(0);
  expect.soft(box.y).toBeGreaterThanOrEqual(0);
  expect.soft(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect.soft(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  return box;
}

/**
 * Its text can be read to the end with the keyboard: when it scrolls, Tab reaches the scrolling box itself,
 * named and with a visible focus ring, and End scrolls it to the bottom. Returns whether it scrolls.
 */
async function expectTextReachable(page: Page, popover: Locator) {
  const body = popover.locator(".popover-body");
  const scrolls = await body.evaluate(
    (el) => el.scrollHeight > el.clientHeight,
  );
  if (!scrolls) return false;
  // From the title (the focus on opening): « Fermer », then the text; each stop drawn visible.
  await tabTo(page, body, { max: 3 });
  // A named region: a screen reader says what the focus landed on.
  expect(await popover.getByRole("region", { name: TIP }).count()).toBe(1);
  await page.keyboard.press("End");
  await expect
    .poll(() =>
      body.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop),
    )
    .toBeLessThanOrEqual(1);
  return true;
}

/** Escape closes the popover and gives the focus back to its hotspot, with a visible focus ring. */
async function expectEscapeReturnsFocus(
  page: Page,
  spot: Locator,
  popover: Locator,
) {
  await page.keyboard.press("Escape");
  await expect.poll(() => popover.count()).toBe(0);
  expect(await hasFocus(spot)).toBe(true);
  expect(await spot.getAttribute("aria-expanded")).toBe("false");
  await expectVisibleFocus(page, "popover closed with Escape: the hotspot");
}

describe("the anchored tip's popover, by keyboard (issue 16)", () => {
  it("at 900 × 700 on the case file: whole on screen, axe clean before and after an answer, its scrolling text reachable by keyboard", async () => {
    const viewport = { width: 900, height: 700 };
    const { page, violations, spot, popover } =
      await openWithKeyboard(viewport);
    const box = await expectOnScreen(popover, viewport);
    // There is room above the hotspot at this size: the popover does not cover it.
    expect(intersects(box, await boxOf(spot))).toBe(false);
    await expectAxeClean(page);

    // Answered with the keyboard: the buttons leave the scrolling text.
    const yes = popover.getByRole("button", { name: "Oui" });
    await tabTo(page, yes, { max: 5 });
    await page.keyboard.press("Enter");
    await popover.getByText("Merci pour votre réponse.").waitFor();
    await expectAxeClean(page);
    await expectEscapeReturnsFocus(page, spot, popover);

    // Opened again: the answer is remembered, the focus on the title, no button left in the text.
    await page.keyboard.press("Enter");
    await popover.waitFor();
    await expectFocusOnTitle(page, popover);
    await expectAxeClean(page);
    // The state of the issue: the text scrolls at this size, and the keyboard reaches it.
    expect(await expectTextReachable(page, popover)).toBe(true);
    await expectEscapeReturnsFocus(page, spot, popover);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("at 320 × 640 (reflow): within the width, no sideways scrolling, targets of 24 px at least, text reachable", async () => {
    const viewport = { width: 320, height: 640 };
    const { page, spot, popover } = await openWithKeyboard(viewport);
    await expectOnScreen(popover, viewport);
    expect(await horizontalOverflow(page, POPOVER_BOXES)).toEqual([]);
    // The hotspots and everything in the popover, without WCAG 2.5.8's exceptions (as the widget's matrix).
    const targets = await targetSizes(page, [".hotspot", ".popover"]);
    expect(targets.checked).toBeGreaterThan(2);
    expect([...targets.tooSmall, ...targets.exempt]).toEqual([]);
    await expectAxeClean(page);
    await expectTextReachable(page, popover);
    await expectEscapeReturnsFocus(page, spot, popover);
    await page.close();
  });

  it("at 450 × 350 (900 × 700 zoomed to 200 %): whole on screen with no room beside the hotspot, text readable and reachable", async () => {
    const viewport = { width: 450, height: 350 };
    // At this size, Tab cannot reach the hotspot: it comes after the page's footer, whose links scroll
    // « Valider le dossier » off screen, and a hotspot hides with its element (reported with issue 16,
    // a matter of the hotspots' place in the tab order, not of the popover). Focused from the script.
    const { page, spot, popover } = await openWithKeyboard(viewport, true);
    await expectOnScreen(popover, viewport);
    // The text keeps a readable height: at least four lines of 24 px.
    expect(
      await popover.locator(".popover-body").evaluate((el) => el.clientHeight),
    ).toBeGreaterThanOrEqual(96);
    await expectAxeClean(page);
    expect(await expectTextReachable(page, popover)).toBe(true);
    await expectEscapeReturnsFocus(page, spot, popover);
    await page.close();
  });
});
