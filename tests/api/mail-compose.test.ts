import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  composeMail,
  createMailComposer,
} from "../../api/mail/compose-mail.ts";
import { classifyMailError } from "../../api/mail/classify-error.ts";
import { PermanentMailError } from "../../api/mail/mail-error.ts";
import {
  createSmtpTransport,
  type MailTransport,
} from "../../api/mail/transports.ts";
import type { OutboxMail } from "../../api/store/conversation-types.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

const LINK = "https://aide.snu.example/suivi/AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const FROM = "SNU Aide <support@snu.example>";

function outboxMail(overrides: Partial<OutboxMail> = {}): OutboxMail {
  return {
    id: 7,
    kind: "reply",
    messageId: "<reply-7.3f9a@snu.example>",
    to: "camille.martin@exemple.fr",
    reference: "SNU-2026-000123",
    platform: "moncompte",
    route: "/volontaire/:id/phase2",
    text: "Bonjour Camille,\n\nVotre dossier est complet.\nÀ bientôt <b>sur</b> le SNU & ailleurs.",
    signature: "L'équipe support du SNU — Alex",
    attempts: 0,
    createdAt: "2026-03-02T09:00:00.000Z",
    requestStatus: "waiting_user",
    ...overrides,
  };
}

// Headers of a raw message: everything before the first empty line.
const headerBlock = (raw: string) => raw.split(/\r?\n\r?\n/)[0]!;

let sink: SmtpSink;
let transport: MailTransport;
beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createSmtpTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.close();
});

async function sendAndRead(message: Parameters<MailTransport["send"]>[0]) {
  const before = sink.messages.length;
  await transport.send(message);
  const all = await sink.waitForMessages(before + 1);
  return all[before]!;
}

describe("composeMail", () => {
  it("puts the reference in the subject, the reply and the link in both bodies, and keeps the Message-ID", async () => {
    const { raw, parsed, envelope } = await sendAndRead(
      composeMail(outboxMail(), { from: FROM, followUpUrl: LINK }),
    );
    expect(parsed.subject).toBe("[SNU-2026-000123] Réponse à votre demande");
    expect(parsed.messageId).toBe("<reply-7.3f9a@snu.example>");
    expect(parsed.from?.value).toEqual([
      { name: "SNU Aide", address: "support@snu.example" },
    ]);
    expect(envelope.to).toEqual(["camille.martin@exemple.fr"]);
    expect(parsed.headers.has("reply-to")).toBe(false);
    expect(parsed.headers.has("auto-submitted")).toBe(false);

    const text = parsed.text ?? "";
    expect(text).toContain(
      "Votre dossier est complet.\nÀ bientôt <b>sur</b> le SNU & ailleurs.",
    );
    expect(text).toContain("L'équipe support du SNU — Alex");
    expect(text).toContain(LINK);
    expect(text).toContain("Référence de votre demande : SNU-2026-000123");
    // The line about answering through the link comes above the reply.
    const advice = text.indexOf(
      "toute la conversation reste ainsi au même endroit",
    );
    expect(advice).toBeGreaterThan(-1);
    expect(advice).toBeLessThan(text.indexOf("Votre dossier est complet."));

    const html = parsed.html || "";
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(
      "Votre dossier est complet.<br>À bientôt &#60;b&#62;sur&#60;/b&#62; le SNU &#38; ailleurs.",
    );
    expect(html).not.toContain("<b>sur</b>");
    expect(html).toContain(`<a href="${LINK}"`);
    expect(html).toContain("SNU-2026-000123");
    expect(html).not.toMatch(/<img|<link|<style|<script|src=|url\(/i);
    expect(headerBlock(raw)).toMatch(
      /^Message-ID: <reply-7\.3f9a@snu\.example>$/m,
    );
  });

  it("sets Reply-To only when a reply address is configured", async () => {
    const { parsed } = await sendAndRead(
      composeMail(outboxMail(), {
        from: FROM,
        replyTo: "equipe-support@snu.example",
        followUpUrl: LINK,
      }),
    );
    expect(parsed.replyTo?.value).toEqual([
      { name: "", address: "equipe-support@snu.example" },
    ]);
    expect(
      composeMail(outboxMail(), { from: FROM, followUpUrl: LINK }),
    ).not.toHaveProperty("replyTo");
  });

  it("carries nothing about the request besides the reply, the link and the reference", async () => {
    const internal = {
      note: "NOTE-INTERNE-confidentielle",
      tags: ["ETIQUETTE-interne"],
      assignee: "agent.secret@snu.example",
      context: { userAgent: "NAVIGATEUR-privé" },
    };
    const mail = { ...outboxMail(), ...internal } as OutboxMail;
    const { raw, parsed } = await sendAndRead(
      composeMail(mail, { from: FROM, followUpUrl: LINK }),
    );
    for (const secret of [
      "NOTE-INTERNE",
      "ETIQUETTE-interne",
      "agent.secret",
      "NAVIGATEUR",
      "/volontaire/",
      "phase2",
      "moncompte",
    ]) {
      expect(raw).not.toContain(secret);
      expect(parsed.text).not.toContain(secret);
      expect(parsed.html || "").not.toContain(secret);
    }
  });

  it("words the reminder and the resolution, which links to the satisfaction question", async () => {
    const reminder = composeMail(
      outboxMail({ kind: "reminder", text: undefined, signature: undefined }),
      {
        from: FROM,
        followUpUrl: LINK,
      },
    );
    expect(reminder.subject).toBe(
      "[SNU-2026-000123] Votre demande attend votre réponse",
    );
    expect(reminder.text).toContain(LINK);

    const { parsed } = await sendAndRead(
      composeMail(
        outboxMail({
          kind: "resolution",
          text: undefined,
          signature: undefined,
        }),
        {
          from: FROM,
          followUpUrl: LINK,
        },
      ),
    );
    expect(parsed.subject).toBe("[SNU-2026-000123] Votre demande est résolue");
    expect(parsed.text).toContain("Êtes-vous satisfait(e) de la réponse ?");
    expect(parsed.text).toContain(LINK);
    expect(parsed.html).toContain(`<a href="${LINK}"`);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("asks for satisfaction in a reply that resolved the request, not in one that waits for an answer", () => {
    const options = { from: FROM, followUpUrl: LINK };
    const resolving = composeMail(
      outboxMail({ requestStatus: "resolved" }),
      options,
    );
    expect(resolving.subject).toBe("[SNU-2026-000123] Réponse à votre demande");
    expect(resolving.text).toContain("Votre dossier est complet.");
    expect(resolving.text).toContain("Êtes-vous satisfait(e) de la réponse ?");
    const asking = composeMail(outboxMail(), options);
    expect(asking.text).not.toContain("satisfait");
  });

  it("derives the link from the reference at send time with createMailComposer", () => {
    const compose = createMailComposer({
      from: FROM,
      linkFor: (reference) =>
        `https://aide.snu.example/suivi/${reference.length}`,
    });
    expect(compose(outboxMail()).text).toContain(
      "https://aide.snu.example/suivi/15",
    );
  });
});

describe("header injection", () => {
  it("turns line breaks in the reference and the texts into nothing that starts a header", async () => {
    const injected = "\r\nBcc: intrus@pirate.example\r\nX-Injected: oui";
    const mail = outboxMail({
      reference: `SNU-2026-000123${injected}`,
      text: `Bonjour${injected}\r\n\r\nFin.`,
      signature: `Équipe${injected}`,
    });
    const { raw, parsed, envelope } = await sendAndRead(
      composeMail(mail, { from: FROM, followUpUrl: `${LINK}${injected}` }),
    );
    expect(envelope.to).toEqual(["camille.martin@exemple.fr"]);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has("x-injected")).toBe(false);
    expect(headerBlock(raw)).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(parsed.subject).toBe(
      "[SNU-2026-000123 Bcc: intrus@pirate.example X-Injected: oui] Réponse à votre demande",
    );
  });

  it.each([
    "camille@exemple.fr\r\nBcc: intrus@pirate.example",
    "camille@exemple.fr\nBcc: intrus@pirate.example",
    "camille@exemple.fr, intrus@pirate.example",
    "camille@exemple.fr;intrus@pirate.example",
    "Camille <camille@exemple.fr>",
    "camille@exemple.fr>",
    '"camille"@exemple.fr',
    "camille martin@exemple.fr",
    "undisclosed:;",
    "",
  ])("refuses the recipient %j with a permanent error", (to) => {
    const compose = () =>
      composeMail(outboxMail({ to }), { from: FROM, followUpUrl: LINK });
    expect(compose).toThrow(PermanentMailError);
    try {
      compose();
    } catch (error) {
      const { permanent, reason } = classifyMailError(error);
      expect(permanent).toBe(true);
      expect(reason).toBe("Adresse e-mail du destinataire invalide");
    }
  });

  it("refuses a Message-ID that is not one plain id", () => {
    for (const messageId of [
      "<a@b>\r\nBcc: x@y.z",
      "a@b",
      "<a b@c>",
      "<a@b><c@d>",
    ])
      expect(() =>
        composeMail(outboxMail({ messageId }), {
          from: FROM,
          followUpUrl: LINK,
        }),
      ).toThrow(PermanentMailError);
  });

  it("accepts an address with Unicode letters and a plus sign", () => {
    expect(
      composeMail(outboxMail({ to: "léa+snu@exemple.fr" }), {
        from: FROM,
        followUpUrl: LINK,
      }).to,
    ).toBe("léa+snu@exemple.fr");
  });
});
