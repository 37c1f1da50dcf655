import Database from "better-sqlite3";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  demoUrl,
  fillContactForm,
  openContactForm,
  sendContactForm,
} from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";

// Issue 6 in a real browser against the real server: a submission made while the API cannot be reached,
// or whose answer is lost, ends as exactly one stored row; a refused one is not retried.
const counts = { submissions: 0, faults: 0, lost: 0, duplicates: 0 };
const suite = useServerAndBrowser({
  beforeStop: () =>
    console.log(
      `never-lose (browser): ${counts.submissions} submissions, ${counts.faults} faults injected, ${counts.lost} rows lost, ${counts.duplicates} duplicates`,
    ),
});

/** The stored rows whose message is `message`. */
function rowsWith(message: string): { reference: string }[] {
  const db = new Database(suite.server.database, { readonly: true });
  try {
    return db
      .prepare("SELECT reference FROM requests WHERE message = ?")
      .all(message) as { reference: string }[];
  } finally {
    db.close();
  }
}

/** Counts what the test expected to find once: no row is a loss, two are a duplicate. */
function expectOneRow(message: string) {
  const rows = rowsWith(message);
  if (rows.length === 0) counts.lost++;
  if (rows.length > 1) counts.duplicates += rows.length - 1;
  expect(rows).toHaveLength(1);
  return rows[0]!.reference;
}

async function openForm(page: Page) {
  page.setDefaultTimeout(15_000);
  await page.goto(
    demoUrl(suite.server, "/demo/moncompte/inscription/documents"),
  );
  await openContactForm(page);
}

async function fillAndSend(page: Page, message: string) {
  await fillContactForm(page, {
    category: "TECHNICAL",
    subject: "UPLOAD",
    message,
  });
  await sendContactForm(page);
  counts.submissions++;
}

/** The submission the widget keeps in the browser until it is acknowledged (outbox.ts). */
const waitingSubmission = (page: Page) =>
  page.evaluate(() => localStorage.getItem("snu-aide:envoi:moncompte"));

/**
 * Resolves once no sender of the browser holds the lock they take turns with (sender.ts): every try they
 * had started by then — its request and its answer — has ended. Lock requests are granted in order.
 */
const sendersIdle = (page: Page) =>
  page.evaluate(() =>
    navigator.locks.request("snu-aide:envoi:moncompte", () => undefined),
  );

/** Longer than any retry these tests can have scheduled (sender.ts: about 2 s, doubling at each failure). */
const EVERY_RETRY_DUE = "01:00";

const QUEUED = "Votre demande sera envoyée dès que la connexion revient.";
const posts = (route: Route) =>
  route.request().method() === "POST" ? route : undefined;

describe("never lose a request", () => {
  it("sent while the API is unreachable, then the page reloaded, then the API back: exactly one row", async () => {
    const message = `Hors connexion ${Date.now()} : mon dossier reste bloqué.`;
    const page = await suite.browser.newPage();
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/v1/requests") && request.method() === "POST")
        sent.push(request.headers()["idempotency-key"]!);
    });
    // The network refuses every submission.
    await page.route("**/v1/requests", (route) => {
      if (!posts(route)) return route.continue();
      counts.faults++;
      return route.abort("connectionrefused");
    });
    await openForm(page);
    await fillAndSend(page, message);
    await page.getByText(QUEUED).waitFor();
    expect(rowsWith(message)).toHaveLength(0);

    // A reload while still offline: the loader finds the waiting submission and tries again at once.
    const before = sent.length;
    await page.reload();
    await expect.poll(() => sent.length).toBeGreaterThan(before);
    expect(rowsWith(message)).toHaveLength(0);

    // The API comes back: the next try (backoff, or the browser's « online ») stores it, once.
    await page.unroute("**/v1/requests");
    await page.evaluate(() => dispatchEvent(new Event("online")));
    await expect
      .poll(() => rowsWith(message).length, { timeout: 15_000 })
      .toBe(1);
    const reference = expectOneRow(message);
    // Every try carried the same key.
    expect(new Set(sent).size).toBe(1);

    // The user sees the reference the next time the panel opens.
    await page.getByRole("button", { name: /aide/i }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain(reference);
    // Nothing waits any more: a reload loads no sender.
    expect(await waitingSubmission(page)).toBeNull();
    await page.close();
  }, 60_000);

  it("two tabs with the same waiting submission: one sender at a time, one row", async () => {
    const message = `Deux onglets ${Date.now()} : je n'ai pas reçu mon affectation.`;
    const context = await suite.browser.newContext();
    // A fake clock (still flowing) in both tabs, so that the test can fire their pending retries at once.
    await context.clock.install();
    let offline = true;
    let inFlight = 0;
    let overlaps = 0;
    await context.route("**/v1/requests", async (route) => {
      if (!posts(route)) return route.continue();
      if (offline) {
        counts.faults++;
        return route.abort("connectionrefused");
      }
      inFlight++;
      if (inFlight > 1) overlaps++;
      // Slow enough for the other tab to try meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const response = await route.fetch();
      inFlight--;
      return route.fulfill({ response });
    });
    const first = await context.newPage();
    await openForm(first);
    await fillAndSend(first, message);
    await first.getByText(QUEUED).waitFor();
    const second = await context.newPage();
    second.setDefaultTimeout(15_000);
    await second.goto(demoUrl(suite.server, "/demo/moncompte/phase1"));

    offline = false;
    await Promise.all(
      [first, second].map((page) =>
        page.evaluate(() => dispatchEvent(new Event("online"))),
      ),
    );
    await expect
      .poll(() => rowsWith(message).length, { timeout: 15_000 })
      .toBe(1);
    // What could still add a row or an overlap: a try in flight, or a retry a tab has scheduled (backoff
    // timers). The tries end, then every retry fires (the clock runs past their delay), then those end.
    for (const page of [first, second]) await sendersIdle(page);
    await context.clock.runFor(EVERY_RETRY_DUE);
    for (const page of [first, second]) await sendersIdle(page);
    expectOneRow(message);
    expect(overlaps).toBe(0);
    await context.close();
  }, 60_000);

  it("the server commits but the answer is lost: the retry creates no second row", async () => {
    const message = `Réponse perdue ${Date.now()} : ma convocation n'arrive pas.`;
    const page = await suite.browser.newPage();
    let first = true;
    await page.route("**/v1/requests", async (route) => {
      if (!posts(route)) return route.continue();
      if (!first) return route.continue();
      first = false;
      counts.faults++;
      // Reaches the real server (which stores it), then the answer is cut.
      await route.fetch();
      return route.abort("connectionreset");
    });
    await openForm(page);
    await fillAndSend(page, message);
    await page.getByText(QUEUED).waitFor();
    expect(rowsWith(message)).toHaveLength(1);

    await page.evaluate(() => dispatchEvent(new Event("online")));
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    const reference = expectOneRow(message);
    expect(await page.getByRole("status").first().textContent()).toContain(
      reference,
    );
    await page.close();
  }, 60_000);

  it("a 400 is not retried: the user sees what to fix and keeps the text", async () => {
    const message = `Refusée ${Date.now()} : je ne peux pas téléverser.`;
    const page = await suite.browser.newPage();
    // A fake clock (still flowing), so that the test can fire a retry the refusal may have scheduled.
    await page.clock.install();
    let tries = 0;
    await page.route("**/v1/requests", (route) => {
      if (!posts(route)) return route.continue();
      tries++;
      counts.faults++;
      // What the server refuses (a subject the platform does not have), sent for real.
      const body = JSON.parse(route.request().postData()!);
      return route.continue({
        postData: JSON.stringify({ ...body, subject: "INCONNU" }),
      });
    });
    await openForm(page);
    await fillAndSend(page, message);
    // The server's own field message, on the field.
    await page
      .getByText("Ce sujet n'existe pas pour cette catégorie.")
      .waitFor();
    // A retry would be either on a timer (backoff) or at « online »: the clock runs past every backoff
    // delay, the connection « comes back », then every try started by either has ended.
    await page.clock.runFor(EVERY_RETRY_DUE);
    await page.evaluate(() => dispatchEvent(new Event("online")));
    await sendersIdle(page);

    expect(tries).toBe(1);
    expect(rowsWith(message)).toHaveLength(0);
    expect(await page.getByLabel("Votre message").inputValue()).toBe(message);
    expect(await page.getByText(QUEUED).count()).toBe(0);
    expect(await waitingSubmission(page)).toBeNull();
    await page.close();
  }, 60_000);
});
