import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CONSOLE_PASSWORD, logIn } from "./support/console-login.ts";
import { demoUrl, fillContactForm } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { axeViolations } from "./support/axe.ts";
import { createSupportAccount } from "./support/support-account.ts";

// Issue 13, « Done when »: in the demo, a young person (département 75) opens the panel, reads a tip, answers
// « Non », searches a term with no result three times and sends a request; an agent replies and resolves; the
// young person rates it; the « Indicateurs » page then shows these numbers — and a referent of another
// département (13) sees none of them.

const TIP_TITLE = "Le téléversement de ma pièce d'identité échoue";
const TIP_ID = "mc-inscription-piece-identite";
const TERM = "xylophone";
const ROUTE = "/inscription/:step";

const suite = useServerAndBrowser({
  env: { DEMO: "false" },
  async prepare(server) {
    await createSupportAccount(
      server.dataDir,
      { email: "agent@test.fr", role: "agent", name: "Alex Support" },
      CONSOLE_PASSWORD,
    );
    await createSupportAccount(
      server.dataDir,
      { email: "ref13@test.fr", role: "referent", departments: "13" },
      CONSOLE_PASSWORD,
    );
  },
  timeout: 90_000,
});

let reference = "";
let followUp = "";

/** The value shown on the « Indicateurs » page for one headline figure. */
const figure = (page: Page, label: string) =>
  page
    .getByRole("group", { name: label, exact: true })
    .locator(".figure-value")
    .textContent();

/** The cells of the row that mentions `text` in the table captioned `caption`. */
async function rowCells(page: Page, caption: RegExp, text: string) {
  const table = page.getByRole("table", { name: caption });
  const row = table.getByRole("row").filter({ hasText: text });
  // Row headers (`th scope="row"`, the page) and data cells alike.
  return (await row.locator("th, td").allTextContents()).map((cell) =>
    cell.trim(),
  );
}

describe("indicators, from the widget to the console", () => {
  it("counts what a young person does in the widget, and the request they send", async () => {
    const page = await suite.browser.newPage();
    page.setDefaultTimeout(15_000);
    // Every batch of counters the page sends, as the server acknowledged it (status and lines).
    const batches: {
      status: number;
      events: { event: string; term?: string; count?: number }[];
    }[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/v1/events"))
        batches.push({
          status: response.status(),
          events: JSON.parse(response.request().postData() ?? "{}").events,
        });
    });
    /** How many of `event` (with `term`) the acknowledged batches counted. */
    const counted = (event: string, term?: string) =>
      batches
        .filter((batch) => batch.status === 204)
        .flatMap((batch) => batch.events)
        .filter((line) => line.event === event && line.term === term)
        .reduce((sum, line) => sum + (line.count ?? 1), 0);
    await page.goto(
      demoUrl(suite.server, "/demo/moncompte/inscription/documents"),
    );
    await page.getByRole("button", { name: /aide/i }).click();

    // Reads a tip, answers « Non »: the widget offers to contact support.
    await page.getByText(TIP_TITLE, { exact: true }).click();
    await page.getByRole("button", { name: "Non", exact: true }).click();
    await page.getByText("Merci pour votre réponse.").waitFor();

    // Searches the same term three times, leaving the field each time (a search is counted when the user
    // leaves the field or stops typing).
    const search = page.getByLabel("Rechercher dans l'aide");
    for (let i = 0; i < 3; i += 1) {
      await search.fill("");
      await search.fill(TERM);
      await page.getByText("Aucun résultat.").waitFor();
      await search.blur();
    }

    // « Contacter le support » after the « Non » (the first of the two such buttons).
    await page
      .getByRole("button", { name: "Contacter le support" })
      .first()
      .click();
    await fillContactForm(page, {
      category: "TECHNICAL",
      subject: "UPLOAD",
      message:
        "Le bouton de téléversement reste grisé après le choix du fichier.",
    });
    const email = page.getByLabel("Adresse e-mail");
    if ((await email.inputValue()) === "")
      await email.fill("lea.martin@example.fr");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").last().textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    reference = /SNU-\d{4}-\d{6}/.exec(
      (await page.getByRole("status").last().textContent())!,
    )![0];
    followUp = (await page
      .getByRole("link", { name: "Suivre ma demande" })
      .getAttribute("href"))!;

    // A batch leaves at most 10 s after its first event: wait while the page is open for the server to
    // acknowledge the searches and the request (the batch sent on leaving the page may be lost by design).
    await expect
      .poll(() => [counted("search_empty", TERM), counted("request_sent")], {
        timeout: 20_000,
      })
      .toEqual([3, 1]);
    expect(batches.every((batch) => batch.status === 204)).toBe(true);
    await page.close();
  });

  it("lets the agent reply and resolve, and the young person rate", async () => {
    const agent = await suite.browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await logIn(agent, suite.server, "agent@test.fr", { timeout: 15_000 });
    await agent.goto(`${suite.server.url}support/requests/${reference}`);
    await agent
      .getByLabel("Réponse à l'usager")
      .fill("Bonjour, essayez un fichier JPEG de moins de 5 Mo.");
    await agent.getByRole("radio", { name: "Résolue" }).check();
    await agent.getByRole("button", { name: "Envoyer la réponse" }).click();
    await agent.getByText("Bonjour, essayez un fichier JPEG").first().waitFor();
    await agent.close();

    const requester = await suite.browser.newPage();
    requester.setDefaultTimeout(15_000);
    await requester.goto(followUp);
    await requester
      .getByRole("radiogroup", {
        name: "Êtes-vous satisfait(e) de la réponse ?",
      })
      .getByRole("radio", { name: "Satisfait(e)", exact: true })
      .check();
    await requester.getByRole("button", { name: "Envoyer mon avis" }).click();
    await requester
      .getByText("Merci, votre avis a bien été enregistré.")
      .first()
      .waitFor();
    await requester.close();
  });

  it("shows these numbers on the « Indicateurs » page of an agent", async () => {
    const agent = await suite.browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await logIn(agent, suite.server, "agent@test.fr", { timeout: 15_000 });
    await agent.getByRole("link", { name: "Indicateurs" }).click();
    await agent
      .getByRole("heading", { name: "Indicateurs", level: 1 })
      .waitFor();
    // The last batch left with the page: the figures are current once it is counted (reload until then).
    await expect
      .poll(
        async () => {
          await agent.reload();
          await agent.getByRole("group", { name: "Demandes reçues" }).waitFor();
          return agent
            .getByRole("table", { name: /^Recherches sans résultat/ })
            .getByRole("row")
            .filter({ hasText: TERM })
            .count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);

    expect(await figure(agent, "Demandes reçues")).toBe("1");
    expect(await figure(agent, "Demandes traitées")).toBe("1");
    expect(await figure(agent, "Demandes ouvertes en fin de période")).toBe(
      "0",
    );
    expect(await figure(agent, "Premières réponses")).toBe("1");
    expect(await figure(agent, "Avis reçus")).toBe("1");
    expect(await figure(agent, "Usagers satisfaits")).toMatch(/^100\s%$/);

    // Per page: 1 opening, 1 tip read, 1 contact form, 1 request → 100 requests per 100 openings.
    const page = await rowCells(agent, /^Indicateurs par page/, ROUTE);
    expect(page[0]).toBe("moncompte");
    expect(page[1]).toMatch(/^\/inscription\/:step\b/);
    expect(page.slice(2, 7)).toEqual(["1", "1", "1", "1", "100"]);
    // Per tip: read once, « Non » once, one request after reading it.
    const tip = await rowCells(agent, /^Lectures et avis par astuce/, TIP_ID);
    expect(tip.filter((cell) => cell === "1")).toHaveLength(3);
    expect(tip).toContain("0"); // « Oui »
    // The term searched three times without result.
    expect(await rowCells(agent, /^Recherches sans résultat/, TERM)).toContain(
      "3",
    );

    expect(await axeViolations(agent, "main")).toEqual([]);
    await agent.close();
  });

  it("shows none of them to a referent of another département", async () => {
    const referent = await suite.browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await logIn(referent, suite.server, "ref13@test.fr", { timeout: 15_000 });
    await referent.goto(`${suite.server.url}support/indicateurs`);
    await referent.getByRole("group", { name: "Demandes reçues" }).waitFor();
    expect(await figure(referent, "Demandes reçues")).toBe("0");
    expect(await figure(referent, "Demandes traitées")).toBe("0");
    expect(await figure(referent, "Avis reçus")).toBe("0");
    await referent
      .getByText("Les compteurs du widget sont anonymes", { exact: false })
      .first()
      .waitFor();
    expect(await referent.content()).not.toContain(TERM);
    expect(await referent.content()).not.toContain(reference);
    expect(await axeViolations(referent, "main")).toEqual([]);
    await referent.close();
  });
});
