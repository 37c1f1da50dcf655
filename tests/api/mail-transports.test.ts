import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { classifyMailError } from "../../api/mail/classify-error.ts";
import { composeMail } from "../../api/mail/compose-mail.ts";
import {
  createFileTransport,
  createSmtpTransport,
  type MailTransport,
} from "../../api/mail/transports.ts";
import type { OutboxMail } from "../../api/store/conversation-types.ts";
import {
  closedPort,
  type SmtpSink,
  startSmtpSink,
} from "../support/smtp-sink.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const message = (to = "camille.martin@exemple.fr") =>
  composeMail(
    {
      id: 1,
      kind: "reply",
      messageId: "<reply-1@snu.example>",
      to,
      reference: "SNU-2026-000001",
      platform: "moncompte",
      route: "/",
      text: "Votre dossier est complet.",
      signature: "L'équipe support du SNU",
      attempts: 0,
      createdAt: "2026-03-02T09:00:00.000Z",
      requestStatus: "waiting_user",
    } satisfies OutboxMail,
    {
      from: "SNU Aide <support@snu.example>",
      followUpUrl: "https://aide.snu.example/suivi/x",
    },
  );

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function track<T extends MailTransport | SmtpSink>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

describe("createSmtpTransport", () => {
  it("delivers the message to the SMTP server", async () => {
    const sink = track(await startSmtpSink());
    const transport = track(createSmtpTransport(sink.url));
    expect(transport.kind).toBe("smtp");
    await transport.send(message());
    const [received] = await sink.waitForMessages(1);
    expect(received!.envelope).toEqual({
      from: "support@snu.example",
      to: ["camille.martin@exemple.fr"],
    });
    expect(received!.parsed.messageId).toBe("<reply-1@snu.example>");
  });

  it("fails temporarily, without the address, when nothing listens", async () => {
    const transport = track(
      createSmtpTransport(`smtp://127.0.0.1:${await closedPort()}`),
    );
    const error = await transport.send(message()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(classifyMailError(error)).toEqual({
      permanent: false,
      reason: "Serveur SMTP injoignable",
    });
  });

  it("fails permanently when the server refuses the recipient (550 on RCPT TO)", async () => {
    const sink = track(
      await startSmtpSink({ refuseRecipient: (a) => a.startsWith("inconnu") }),
    );
    const transport = track(createSmtpTransport(sink.url));
    const error = await transport.send(message("inconnu@exemple.fr")).then(
      () => undefined,
      (e: unknown) => e,
    );
    const { permanent, reason } = classifyMailError(error);
    expect(permanent).toBe(true);
    expect(reason).toBe("Adresse refusée par le serveur (550)");
    expect(sink.messages).toHaveLength(0);
  });
});

describe("createFileTransport", () => {
  it("writes each message as a parseable .eml file named without the address", async () => {
    const dir = path.join(makeTempDir(), "mail");
    const transport = track(createFileTransport(dir));
    expect(transport.kind).toBe("file");
    await transport.send(message());
    await transport.send(message());

    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(file).toMatch(/^[\w-]+\.eml$/);
      expect(file).not.toContain("camille");
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
      expect(parsed.subject).toBe("[SNU-2026-000001] Réponse à votre demande");
      expect(parsed.messageId).toBe("<reply-1@snu.example>");
      expect(parsed.text).toContain("Votre dossier est complet.");
      expect(parsed.html).toContain("https://aide.snu.example/suivi/x");
    }
  });

  it("fails temporarily when the folder cannot be written, leaving no temporary file", async () => {
    const parent = makeTempDir();
    // A file where the folder should be.
    const dir = path.join(parent, "mail");
    fs.writeFileSync(dir, "");
    const transport = track(createFileTransport(dir));
    const error = await transport.send(message()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(classifyMailError(error).permanent).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(["mail"]);
  });
});

describe("classifyMailError", () => {
  const smtpError = (fields: Record<string, unknown>) =>
    Object.assign(
      new Error("Can't send mail - recipient camille@exemple.fr"),
      fields,
    );

  it.each([
    [
      { code: "EENVELOPE", responseCode: 550, command: "RCPT TO" },
      true,
      "Adresse refusée par le serveur (550)",
    ],
    [
      { code: "EENVELOPE", responseCode: 553, command: "MAIL FROM" },
      true,
      "Expéditeur refusé par le serveur (553)",
    ],
    [
      { code: "EMESSAGE", responseCode: 554, command: "DATA" },
      true,
      "Message refusé par le serveur (554)",
    ],
    [{ code: "EENVELOPE" }, true, "Adresse e-mail du destinataire invalide"],
    [
      { code: "EENVELOPE", responseCode: 450, command: "RCPT TO" },
      false,
      "Refus temporaire du serveur SMTP (450)",
    ],
    [
      { code: "EPROTOCOL", responseCode: 421 },
      false,
      "Refus temporaire du serveur SMTP (421)",
    ],
    [
      { code: "EPROTOCOL", responseCode: 503 },
      false,
      "Refus temporaire du serveur SMTP (503)",
    ],
    [
      { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" },
      false,
      "Authentification refusée par le serveur SMTP",
    ],
    [
      { code: "ESOCKET", originalCode: "ECONNREFUSED" },
      false,
      "Serveur SMTP injoignable",
    ],
    [{ code: "ETIMEDOUT" }, false, "Serveur SMTP sans réponse (délai dépassé)"],
    [
      { code: "EDNS", originalCode: "ENOTFOUND" },
      false,
      "Serveur SMTP introuvable (DNS)",
    ],
    [{ code: "ETLS" }, false, "Connexion chiffrée au serveur SMTP impossible"],
    [{ code: "ENOSPC" }, false, "Écriture du fichier e-mail impossible"],
    [{}, false, "Erreur d'envoi inattendue"],
  ])("classifies %o", (fields, permanent, reason) => {
    const result = classifyMailError(smtpError(fields));
    expect(result).toEqual({ permanent, reason });
    expect(result.reason).not.toContain("@");
  });

  it("treats what is not an error as temporary", () => {
    expect(classifyMailError(undefined).permanent).toBe(false);
    expect(classifyMailError("boom").permanent).toBe(false);
  });
});
