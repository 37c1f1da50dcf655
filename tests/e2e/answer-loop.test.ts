import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { CONSOLE_PASSWORD, logIn } from "./support/console-login.ts";
import {
  demoUrl,
  fillContactForm,
  openContactForm,
  sendContactForm,
} from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { axeViolations } from "./support/axe.ts";
import { recordCspViolations } from "./support/csp-violations.ts";
import { createSupportAccount } from "./support/support-account.ts";

// Issue 10, « Done when »: the support loop closes, through a real SMTP server on loopback (smtp-server,
// read with mailparser). A request sent through the widget → an agent replies in the console → the e-mail
// arrives with the reply and the link → the link shows the reply → the requester answers → the agent sees
// it → the agent resolves → the requester rates → the rating shows on the request. The internal note
// written on the way appears nowhere on the requester's side.

const NOTE = "Note interne : vérifier la pièce avec le centre";
const FIRST_REPLY =
  "Bonjour, pouvez-vous nous renvoyer le verso de votre pièce ?";
const ANSWER = "Voici : je l'ai déposé ce matin, le bouton reste gris.";
const SECOND_REPLY = "Merci, c'est réglé : votre pièce est validée.";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => sink?.close());

const suite = useServerAndBrowser({
  // The sink is started by the hook above, which runs first (hooks run in the order they are declared).
  env: { DEMO: "false" },
  async prepare(server) {
    await createSupportAccount(
      server.dataDir,
      { email: "agent@test.fr", role: "agent", name: "Alex Support" },
      CONSOLE_PASSWORD,
    );
  },
  envFrom: () => ({ SMTP_URL: sink.url, MAIL_REPLY_TO: "support@snu.example" }),
  timeout: 90_000,
});

let reference = "";
let followUpFromWidget = "";
let followUpFromMail = "";
let agent: Page;
let requester: Page;

describe("answering the requester", () => {
  it("sends a request through the widget, whose confirmation links to its follow-up page", async () => {
    const page = await suite.browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(
      demoUrl(suite.server, "/demo/moncompte/inscription/documents"),
    );
    await openContactForm(page);
    await fillContactForm(page, {
      category: "TECHNICAL",
      subject: "UPLOAD",
      message:
        "Ma pièce d'identité est refusée au téléversement, le bouton reste grisé.",
    });
    const email = page.getByLabel("Adresse e-mail");
    if ((await email.inputValue()) === "")
      await email.fill("lea.martin@example.fr");
    await sendContactForm(page);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    reference = /SNU-\d{4}-\d{6}/.exec(
      (await page.getByRole("status").textContent())!,
    )![0];
    const link = page.getByRole("link", { name: "Suivre ma demande" });
    expect(await link.getAttribute("target")).toBe("_blank");
    followUpFromWidget = (await link.getAttribute("href"))!;
    expect(followUpFromWidget).toMatch(/\/suivi\/[A-Za-z0-9_-]{32}$/);
    await page.close();
  });

  it("lets the agent reply in the console next to an internal note; the e-mail arrives with the reply and the link", async () => {
    agent = await suite.browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await logIn(agent, suite.server, "agent@test.fr", { timeout: 15_000 });
    await agent.goto(`${suite.server.url}support/requests/${reference}`);
    await agent.getByLabel("Note interne").fill(NOTE);
    await agent.getByRole("button", { name: "Ajouter la note" }).click();
    await agent.getByText(NOTE).first().waitFor();
    await agent.getByLabel("Réponse à l'usager").fill(FIRST_REPLY);
    await agent.getByRole("button", { name: "Envoyer la réponse" }).click();
    await agent.getByText(FIRST_REPLY).first().waitFor();

    const [mail] = await sink.waitForMessages(1, 20_000);
    expect(mail!.parsed.subject).toBe(`[${reference}] Réponse à votre demande`);
    expect(mail!.parsed.text).toContain(FIRST_REPLY);
    expect(mail!.parsed.replyTo?.text).toBe("support@snu.example");
    followUpFromMail = /https?:\/\/\S+\/suivi\/[A-Za-z0-9_-]{32}/.exec(
      mail!.parsed.text!,
    )![0];
    expect(followUpFromMail).toBe(followUpFromWidget);
    for (const part of [mail!.raw, mail!.parsed.html || ""]) {
      expect(part).not.toContain("vérifier la pièce");
      expect(part).not.toContain("/inscription/:step");
    }
    // The console says where the reply went.
    await agent.reload();
    await agent.getByText("Envoyée", { exact: true }).waitFor();
    expect(await axeViolations(agent, "main")).toEqual([]);
  });

  it("shows the reply on the follow-up page, without the note, and takes the requester's answer", async () => {
    requester = await suite.browser.newPage({
      viewport: { width: 320, height: 800 },
    });
    requester.setDefaultTimeout(15_000);
    const violations = await recordCspViolations(requester);
    const response = await requester.goto(followUpFromMail);
    expect(response!.status()).toBe(200);
    await requester.getByText(FIRST_REPLY).waitFor();
    expect(await requester.content()).not.toContain("vérifier la pièce");
    // Readable at 320 px without horizontal scrolling.
    expect(
      await requester.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(320);
    expect(await axeViolations(requester, "body")).toEqual([]);
    await requester.getByLabel("Votre message").fill(ANSWER);
    await requester
      .getByRole("button", { name: "Envoyer", exact: true })
      .click();
    await requester.getByText(ANSWER).waitFor();
    expect(await violations()).toEqual([]);
  });

  it("marks the answer as new in the agent's inbox and shows it on the request", async () => {
    await agent.goto(`${suite.server.url}support/?unread=1`);
    const row = agent.getByRole("row").filter({ hasText: reference });
    await row.getByText("Nouvelle réponse de l'usager").waitFor();
    await agent.goto(`${suite.server.url}support/requests/${reference}`);
    await agent.getByText(ANSWER).waitFor();
    await agent.getByLabel("Réponse à l'usager").fill(SECOND_REPLY);
    await agent.getByRole("radio", { name: "Résolue" }).check();
    await agent.getByRole("button", { name: "Envoyer la réponse" }).click();
    await agent.getByText(SECOND_REPLY).first().waitFor();
    const messages = await sink.waitForMessages(2, 20_000);
    expect(messages[1]!.parsed.text).toContain(SECOND_REPLY);
    expect(messages[1]!.parsed.text).toContain(
      "Êtes-vous satisfait(e) de la réponse ?",
    );
    expect(messages[1]!.raw).not.toContain("vérifier la pièce");
  });

  it("asks the requester for satisfaction once resolved, and shows the rating on the request", async () => {
    await requester.reload();
    const group = requester.getByRole("radiogroup", {
      name: "Êtes-vous satisfait(e) de la réponse ?",
    });
    await group.getByRole("radio", { name: "Très satisfait(e)" }).check();
    await requester
      .getByLabel("Commentaire (facultatif)")
      .fill("Réponse rapide, merci.");
    await requester.getByRole("button", { name: "Envoyer mon avis" }).click();
    await requester
      .getByText("Merci, votre avis a bien été enregistré.")
      .first()
      .waitFor();
    expect(await requester.content()).not.toContain("vérifier la pièce");

    await agent.reload();
    await agent
      .getByText(/5\s*\/\s*5/)
      .first()
      .waitFor();
    await agent.getByText("Réponse rapide, merci.").waitFor();
    expect(sink.messages).toHaveLength(2);
  });
});
