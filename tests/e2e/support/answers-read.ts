import type { Page } from "playwright-core";

type NotedWindow = Window & { __answersRead?: string[] };

/**
 * From the page's next load on, notes the URL of each answer the page's own code reads as JSON
 * (`Response#json`, which the widget's loader and API client use). The note is taken one task after the
 * body is parsed: whatever the page does with the answer in its promise callbacks (a decision, a render)
 * has run by then. Lets a test wait for the widget to have acted on an answer before it checks that the
 * widget showed or fetched nothing.
 */
export async function noteAnswersRead(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const read: string[] = [];
    (window as NotedWindow).__answersRead = read;
    const json = Response.prototype.json;
    Response.prototype.json = function (this: Response) {
      const body = json.call(this);
      // A task, not a microtask: it runs after every promise callback already chained on the answer.
      const note = () => void setTimeout(() => read.push(this.url));
      body.then(note, note);
      return body;
    };
  });
}

/** Waits until the page's code has read an answer whose URL contains `fragment` (see {@link noteAnswersRead}). */
export async function waitForAnswerRead(
  page: Page,
  fragment: string,
): Promise<void> {
  await page.waitForFunction(
    (fragment) =>
      ((window as NotedWindow).__answersRead ?? []).some((url) =>
        url.includes(fragment),
      ),
    fragment,
  );
}
