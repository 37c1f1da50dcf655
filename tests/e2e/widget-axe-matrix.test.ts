import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe.ts";
import { openDemo } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import {
  horizontalOverflow,
  MIN_TARGET,
  PANEL_BOXES,
  POPOVER_BOXES,
  targetSizes,
} from "./support/layout-checks.ts";

// Issue 16: axe-core (WCAG 2 A/AA, 2.1 AA, in the widget's shadow root) finds no violation in any state of
// the widget — tips, search with and without results, the form with its errors, a submission waiting
// while the API is unreachable, sent, « Mes demandes », the anchored tip's popover — at 1280 × 800 and
// 320 × 640, each plain, with `forced-colors: active` (where axe's contrast findings are checked again
// against the colour painted, see axe.ts) and with `prefers-reduced-motion: reduce`. In every
// state, too: nothing scrolls sideways (reflow, RGAA 10.11) and every interactive element is 24 × 24 px
// at least (WCAG 2.5.8, without its exceptions: spacing, links in a sentence). One page per setting, the states in sequence.
const checked = { combinations: 0, targets: 0 };
const suite = useServerAndBrowser({
  beforeStop: () =>
    console.log(
      `widget axe matrix: ${checked.combinations} (state × setting) combinations checked by axe, reflow and target size; ${checked.targets} targets measured`,
    ),
});

const DOCUMENTS = "/demo/moncompte/inscription/documents";
const UPLOAD_TIP = "Le téléversement de ma pièce d'identité échoue";
const QUEUED = "Votre demande sera envoyée dès que la connexion revient.";

type Media = Parameters<Page["emulateMedia"]>[0];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 320, height: 640 },
];
const MEDIA: { name: string; media: Media }[] = [
  { name: "", media: {} },
  { name: ", forced-colors: active", media: { forcedColors: "active" } },
  {
    name: ", prefers-reduced-motion: reduce",
    media: { reducedMotion: "reduce" },
  },
];
const SETTINGS = VIEWPORTS.flatMap((viewport) =>
  MEDIA.map(({ name, media }) => ({
    name: `${viewport.width} × ${viewport.height}${name}`,
    viewport,
    media,
  })),
);

/**
 * One state in one setting: axe finds no violation, nothing scrolls sideways, no target under 24 px in
 * `scope`. Soft: every state of the setting is still checked, and the failure names the state.
 */
async function checkState(
  page: Page,
  state: string,
  setting: (typeof SETTINGS)[number],
  scope: { target: string; boxes: readonly string[] },
) {
  const where = `${state} — ${setting.name}`;
  const forcedColors = setting.media?.forcedColors === "active";
  expect
    .soft(
      await axeViolations(page, "snu-aide", { forcedColors }),
      `axe: ${where}`,
    )
    .toEqual([]);
  expect
    .soft(await horizontalOverflow(page, scope.boxes), `reflow: ${where}`)
    .toEqual([]);
  const targets = await targetSizes(page, [scope.target]);
  expect.soft(targets.checked, `targets: ${where}`).toBeGreaterThan(0);
  // No exception of WCAG 2.5.8 either, not even for links in a sentence (see the file's head).
  expect
    .soft(
      [...targets.tooSmall, ...targets.exempt],
      `targets under ${MIN_TARGET} px: ${where}`,
    )
    .toEqual([]);
  checked.combinations++;
  checked.targets += targets.checked;
}

const panelScope = { target: ".panel", boxes: PANEL_BOXES };

const postsOnly = (route: Route) =>
  route.request().method() === "POST"
    ? route.abort("connectionrefused")
    : route.continue();

describe("the widget in every state, under axe, reflow and target size (issue 16)", () => {
  for (const setting of SETTINGS)
    it(`at ${setting.name}`, async () => {
      const { page, violations } = await openDemo(
        suite.browser,
        suite.server,
        DOCUMENTS,
        {
          viewport: setting.viewport,
          timeout: 10_000,
          beforeLoad: (page) => page.emulateMedia(setting.media),
        },
      );
      const check = (state: string, scope = panelScope) =>
        checkState(page, state, setting, scope);
      const dialog = page.getByRole("dialog");

      // Tips, one of them opened.
      await page.getByRole("button", { name: /^Aide/ }).click();
      await page.getByText(UPLOAD_TIP, { exact: true }).click();
      await dialog.getByRole("button", { name: "Oui" }).waitFor();
      await check("conseils");

      // Search, with and without results.
      const search = page.getByRole("searchbox", {
        name: "Rechercher dans l'aide",
      });
      await search.fill("séjour");
      await dialog
        .getByRole("status")
        .filter({ hasText: /^\d+ résultats?$/ })
        .waitFor();
      await check("recherche avec résultats");
      await search.fill("xylophone quantique");
      await dialog
        .getByRole("status")
        .filter({ hasText: "Aucun résultat." })
        .waitFor();
      await check("recherche sans résultat");
      await search.fill("");

      // The form sent empty: its errors.
      await page.getByRole("button", { name: "Contacter le support" }).click();
      await page.getByRole("button", { name: "Envoyer ma demande" }).click();
      await page.getByText("Choisissez une catégorie.").waitFor();
      await check("formulaire avec erreurs");

      // Sent while the API cannot be reached: it waits in the browser.
      await page.route("**/v1/requests", postsOnly);
      await page.getByLabel("Catégorie").selectOption("TECHNICAL");
      await page.getByLabel("Sujet").selectOption("UPLOAD");
      await page
        .getByLabel("Votre message")
        .fill(`Matrice axe (${setting.name}) : le téléversement échoue.`);
      const email = page.getByLabel("Adresse e-mail");
      if ((await email.inputValue()) === "")
        await email.fill("matrice@example.fr");
      await page.getByRole("button", { name: "Envoyer ma demande" }).click();
      await page.getByText(QUEUED).waitFor();
      await check("en attente d'envoi");

      // The API is back: sent, with its reference.
      await page.unroute("**/v1/requests", postsOnly);
      await page.evaluate(() => dispatchEvent(new Event("online")));
      await dialog
        .getByRole("status")
        .filter({ hasText: /SNU-\d{4}-\d{6}/ })
        .waitFor({ timeout: 15_000 });
      await check("envoyée");

      // « Mes demandes », with the status of the request just sent.
      await page.getByRole("button", { name: "Retour aux conseils" }).click();
      await page.getByRole("button", { name: "Mes demandes" }).click();
      await dialog.getByText(/Statut : /).waitFor();
      await check("Mes demandes");

      // The anchored tip's popover, once the panel is closed.
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog.count()).toBe(0);
      await page.locator("#piece-identite-recto").scrollIntoViewIfNeeded();
      await page
        .getByRole("button", { name: `Astuce : ${UPLOAD_TIP}` })
        .click();
      await page.getByRole("dialog", { name: UPLOAD_TIP }).waitFor();
      await check("fenêtre d'astuce ancrée", {
        target: ".popover",
        boxes: POPOVER_BOXES,
      });

      expect(await violations()).toEqual([]);
      await page.close();
    }, 60_000);
});
