import type { Locator, Page } from "playwright-core";

// Keyboard-only journeys (issue 16): the page is driven by key presses alone, and every place the focus
// lands is checked to be visible. The focus is looked for through shadow roots: the widget's elements live
// in the shadow root of `<snu-aide>`, where `document.activeElement` is only that host element.

/** Where the focus is, as a keyboard user would see it. */
export interface FocusState {
  /** The focused element's tag (`BODY` when the focus is nowhere in particular). */
  tag: string;
  id: string;
  role: string | null;
  /** Its `aria-label`, `aria-labelledby` text, field label or text, spaces collapsed, at most 80 characters. */
  name: string;
  /** Whether it is inside the widget's shadow root, and inside its panel (`.panel`). */
  inWidget: boolean;
  inPanel: boolean;
  /** Chromium draws it as keyboard focus: `:focus-visible`, or the focus is inside it (a date field's parts). */
  focusVisible: boolean;
  /** The computed outline, as drawn (`solid 2px rgb(…)`). */
  outline: string;
  /** That outline is drawn: a style, 2 px wide at least, not transparent. */
  outlineDrawn: boolean;
  /** At least part of it is inside the viewport (the browser scrolled it into view). */
  onScreen: boolean;
}

/** Which focus a journey waits for: an element, or a condition on the focus state. */
export type FocusTarget = Locator | ((state: FocusState) => boolean);

/** The focused element, resolved through shadow roots, described (see {@link FocusState}). */
export function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    let element: Element = document.activeElement ?? document.body;
    let inWidget = false;
    while (element.shadowRoot?.activeElement) {
      if (element.tagName === "SNU-AIDE") inWidget = true;
      element = element.shadowRoot.activeElement;
    }
    const root = element.getRootNode() as Document | ShadowRoot;
    const labelledBy = element.getAttribute("aria-labelledby");
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute("aria-label") ??
      (labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => root.getElementById(id)?.textContent ?? "")
            .join(" ")
        : undefined) ??
      (labels && labels.length > 0
        ? labels[0]!.textContent
        : element.textContent);
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth) || 0;
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName,
      id: element.id,
      role: element.getAttribute("role"),
      name: (name ?? "").replace(/\s+/g, " ").trim().slice(0, 80),
      inWidget,
      inPanel: inWidget && element.closest(".panel") !== null,
      // A date field keeps the focus while Tab moves through its parts (its calendar button): it then
      // matches neither :focus nor :focus-visible, only :focus-within (console.css draws the ring there).
      focusVisible:
        element.matches(":focus-visible") ||
        (!element.matches(":focus") && element.matches(":focus-within")),
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineDrawn:
        style.outlineStyle !== "none" &&
        width >= 2 &&
        !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(style.outlineColor),
      onScreen:
        box.width > 0 &&
        box.height > 0 &&
        box.bottom > 0 &&
        box.right > 0 &&
        box.top < innerHeight &&
        box.left < innerWidth,
    };
  });
}

/** A short description of a focus state for messages: `BUTTON#id « Fermer »`. */
export const describeFocus = (state: FocusState) =>
  `${state.tag}${state.id ? `#${state.id}` : ""} « ${state.name} »`;

/**
 * Reads the focus and fails unless it is on an element (never lost to `<body>`), drawn as keyboard focus
 * with an outline of 2 px at least, and on screen. `step` names the moment in the message.
 */
export async function expectVisibleFocus(
  page: Page,
  step: string,
): Promise<FocusState> {
  const state = await focusState(page);
  const where = `${step}: ${describeFocus(state)}`;
  if (state.tag === "BODY" || state.tag === "HTML")
    throw new Error(`${step}: the focus was lost to <body>`);
  if (!state.focusVisible) throw new Error(`${where} is not :focus-visible`);
  if (!state.outlineDrawn)
    throw new Error(`${where} has no visible outline (${state.outline})`);
  if (!state.onScreen) throw new Error(`${where} is focused but off screen`);
  return state;
}

/** Whether `target`'s element has the focus (in its document or shadow root); false while it is absent. */
export async function hasFocus(target: Locator): Promise<boolean> {
  const count = await target.count();
  if (count > 1) throw new Error(`${target} matches ${count} elements`);
  return (
    count === 1 &&
    target.evaluate(
      (el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el,
    )
  );
}

/** Whether the focus described by `state` is on `target`. */
const reached = async (target: FocusTarget, state: FocusState) =>
  typeof target === "function" ? target(state) : hasFocus(target);

/** Names the focused element by its name (exact text, or a pattern) and, optionally, its tag. */
export const named =
  (name: string | RegExp, tag?: string) => (state: FocusState) =>
    (typeof name === "string" ? state.name === name : name.test(state.name)) &&
    (tag === undefined || state.tag === tag);

/**
 * Presses Tab (Shift+Tab with `backward`) until the focus is on `target`, checking at every stop that the
 * focus is visible. Fails after `max` presses with the stops it went through; answers the state reached.
 */
export async function tabTo(
  page: Page,
  target: FocusTarget,
  options: { backward?: boolean; max?: number; step?: string } = {},
): Promise<FocusState> {
  const key = options.backward ? "Shift+Tab" : "Tab";
  const { max = 60, step = `on the way to ${target}` } = options;
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const state = await expectVisibleFocus(page, `${step} (${key} × ${i + 1})`);
    if (await reached(target, state)) return state;
    seen.push(describeFocus(state));
  }
  throw new Error(
    `${step}: not reached in ${max} presses of ${key}; went through:\n${seen.join("\n")}`,
  );
}

/**
 * Waits until the focus is on `target` (an action moved it there, maybe after an answer from the server),
 * then checks it is visible. Fails with where the focus was instead.
 */
export async function expectFocusOn(
  page: Page,
  target: FocusTarget,
  step: string,
  timeout = 5_000,
): Promise<FocusState> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await focusState(page);
    if (await reached(target, state).catch(() => false))
      return expectVisibleFocus(page, step);
    if (Date.now() > until)
      throw new Error(
        `${step}: expected the focus on ${typeof target === "function" ? "the element wanted" : target}, found it on ${describeFocus(state)}`,
      );
    await page.waitForTimeout(50);
  }
}

/**
 * Presses Tab through every stop of the page until the focus comes back to the element it first reached,
 * checking that each stop is visible and on screen; answers the stops in order. Past the last stop the
 * browser hands the focus to its own interface once (`<body>` for the page): that one is not a stop.
 */
export async function walkTabOrder(page: Page, max = 250): Promise<string[]> {
  await page.evaluate(() => {
    (window as unknown as { __walk: unknown }).__walk = {
      first: null,
      previous: null,
    };
  });
  const stops: string[] = [];
  let outside = 0;
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const walk = (
        window as unknown as {
          __walk: { first: Element | null; previous: Element | null };
        }
      ).__walk;
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return "outside";
      // A date field is several stops on one element: coming back means reaching it from another one.
      const back = el === walk.first && walk.previous !== el;
      walk.first ??= el;
      walk.previous = el;
      return back ? "back" : "stop";
    });
    if (where === "back") return stops;
    if (where === "outside") {
      outside += 1;
      if (outside > 1)
        throw new Error(
          `the focus went to <body> twice in one Tab cycle (after ${stops.at(-1)})`,
        );
      continue;
    }
    const stop = await expectVisibleFocus(
      page,
      `Tab stop ${stops.length + 1} (after ${stops.at(-1) ?? "the start"})`,
    );
    stops.push(describeFocus(stop));
  }
  throw new Error(
    `the Tab order did not come back to its start in ${max} presses:\n${stops.join("\n")}`,
  );
}
