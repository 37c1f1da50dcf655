// What `npm run bench:widget` runs inside the host page. Plain functions handed to Playwright
// (`addInitScript`, `evaluate`): they are serialised, so they use nothing from this module's scope.

/** What the page notes for the benchmark, on `window.__widgetBench`. */
export interface PageNotes {
  longTasks: { start: number; duration: number }[];
  shifts: { start: number; value: number }[];
  /** `timeStamp` of each click, as dispatched (capture phase on window; clicks in the shadow root are composed). */
  clicks: number[];
}

/**
 * Runs before the page's own scripts: long tasks (≥ 50 ms) and layout shifts from the very start (buffered
 * observers), and the clicks' dispatch times. The same in both variants, with and without the loader.
 */
export function notePage() {
  const notes: PageNotes = { longTasks: [], shifts: [], clicks: [] };
  (window as { __widgetBench?: PageNotes }).__widgetBench = notes;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      notes.longTasks.push({
        start: entry.startTime,
        duration: entry.duration,
      });
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const shift = entry as PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      };
      // Shifts right after an input do not count towards CLS (Layout Instability spec).
      if (!shift.hadRecentInput)
        notes.shifts.push({ start: shift.startTime, value: shift.value });
    }
  }).observe({ type: "layout-shift", buffered: true });
  addEventListener("click", (event) => notes.clicks.push(event.timeStamp), {
    capture: true,
  });
}

/**
 * Watches the widget's shadow root until its panel (`role="dialog"`) shows, then resolves with the time
 * the frame that shows it was produced: at the first animation frame after the dialog lost `hidden`, its
 * visibility is checked (the style and layout that frame computes anyway), then a message marks the end
 * of that frame's rendering steps. Nothing is asked of the page before: the watch adds no work of its own.
 */
export function watchPanel(): Promise<number> {
  const root = document.querySelector("snu-aide")!.shadowRoot!;
  return new Promise((resolve) => {
    let pending = false;
    const check = () => {
      const panel = root.querySelector<HTMLElement>('[role="dialog"]');
      if (pending || !panel || panel.hidden) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (!panel.checkVisibility()) return;
        observer.disconnect();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    check();
  });
}

/**
 * Resolves once the widget shows what it shows before intent: its launcher, and on a page with anchored
 * tips a hotspot (at once without the loader: the same call in both variants). Checked from inside the
 * page every 20 ms: Playwright's locators would first load its injected script into the page (~300 ms of
 * script at 4× throttling), counted as the widget's.
 */
export function waitForWidget(expected: {
  loader: boolean;
  anchored: boolean;
}): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const root = document.querySelector("snu-aide")?.shadowRoot;
      if (
        !expected.loader ||
        (root?.querySelector("button.launcher") &&
          (!expected.anchored || root.querySelector("button.hotspot")))
      )
        resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

/** The centre of the launcher, in CSS pixels of the viewport. */
export function launcherCentre() {
  const launcher = document
    .querySelector("snu-aide")!
    .shadowRoot!.querySelector("button.launcher")!;
  const box = launcher.getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The page's notes, copied out. */
export const readNotes = () =>
  (window as { __widgetBench?: PageNotes }).__widgetBench!;

/**
 * Cumulative layout shift as browsers report it: the largest session window (shifts less than 1 s apart,
 * a window at most 5 s long).
 */
export function cumulativeLayoutShift(shifts: PageNotes["shifts"]): number {
  let best = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const { start, value } of [...shifts].sort(
    (a, b) => a.start - b.start,
  )) {
    if (start - last > 1000 || start - first > 5000) {
      current = 0;
      first = start;
    }
    current += value;
    last = start;
    best = Math.max(best, current);
  }
  return best;
}
