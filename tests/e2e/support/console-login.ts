import type { Page } from "playwright-core";
import type { WidgetServer } from "./widget-server.ts";

/** The password of every console account the e2e files create. */
export const CONSOLE_PASSWORD = "mot de passe de test 2026";

/**
 * Logs `email` into the support console through its login form and waits for the inbox.
 * `timeout`, when given, becomes the page's default wait first.
 */
export async function logIn(
  page: Page,
  server: WidgetServer,
  email: string,
  options: { timeout?: number } = {},
) {
  if (options.timeout !== undefined) page.setDefaultTimeout(options.timeout);
  await page.goto(`${server.url}support/`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(CONSOLE_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { name: "Demandes", level: 1 }).waitFor();
}
