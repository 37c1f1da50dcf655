import type { Browser, Page, Response } from "playwright-core";
import { recordCspViolations } from "./csp-violations.ts";
import type { WidgetServer } from "./widget-server.ts";

/** The address of a demo host's page (`path` from the server's root, e.g. `/demo/moncompte/phase1`). */
export const demoUrl = (server: WidgetServer, path: string) =>
  server.url + path.replace(/^\//, "");

/** Waits until the loader has put the widget's element in the page. */
export const waitForWidget = (page: Page) =>
  page.waitForFunction(() => document.querySelector("snu-aide") !== null);

export interface DemoPage {
  page: Page;
  /** The CSP violations the page reported so far. */
  violations: () => Promise<string[]>;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** The answer to the page's own navigation. */
  response: Response | null;
}

/**
 * A fresh page on a demo path, recording its CSP violations and its requests from the very start.
 * `timeout` becomes the page's default wait, so that a wait that cannot succeed fails with its own message.
 */
export async function openDemoPage(
  browser: Browser,
  server: WidgetServer,
  path: string,
  options: {
    viewport?: { width: number; height: number };
    timeout?: number;
    /** Runs on the new page before it loads, e.g. to add an init script. */
    beforeLoad?: (page: Page) => Promise<unknown>;
  } = {},
): Promise<DemoPage> {
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  if (options.timeout !== undefined) page.setDefaultTimeout(options.timeout);
  const violations = await recordCspViolations(page);
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await options.beforeLoad?.(page);
  const response = await page.goto(demoUrl(server, path));
  return { page, violations, requests, response };
}

/** {@link openDemoPage}, then waits for the widget. */
export async function openDemo(
  ...args: Parameters<typeof openDemoPage>
): Promise<DemoPage> {
  const demo = await openDemoPage(...args);
  await waitForWidget(demo.page);
  return demo;
}

/** Opens the widget's panel with its launcher, then its contact form. */
export async function openContactForm(page: Page) {
  await page.getByRole("button", { name: /aide/i }).click();
  await page.getByRole("button", { name: "Contacter le support" }).click();
}

/** Fills the contact form's category, subject and message. */
export async function fillContactForm(
  page: Page,
  request: { category: string; subject: string; message: string },
) {
  await page.getByLabel("Catégorie").selectOption(request.category);
  await page.getByLabel("Sujet").selectOption(request.subject);
  await page.getByLabel("Votre message").fill(request.message);
}

/** Sends the contact form. */
export const sendContactForm = (page: Page) =>
  page.getByRole("button", { name: "Envoyer ma demande" }).click();
