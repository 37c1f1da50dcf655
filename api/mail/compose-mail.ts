import type { SendMailOptions } from "nodemailer";
import type { MailKind, OutboxMail } from "../store/conversation-types.ts";
import { isPlainAddress, parseMailbox } from "./address.ts";
import { type MailBodyParts, renderHtml, renderText } from "./mail-body.ts";
import { PermanentMailError } from "./mail-error.ts";

export interface ComposeMailDeps {
  /** `MAIL_FROM`: `Nom <adresse>` or a plain address. */
  from: string;
  /** `MAIL_REPLY_TO`: a mailbox the team reads; no `Reply-To` header without it. */
  replyTo?: string;
  /** The request's follow-up page, `${PUBLIC_URL}/suivi/<token>`. */
  followUpUrl: string;
}

// Issue 10: above the reply, tell the requester that the link keeps the conversation in one place.
const ANSWER_THROUGH_LINK =
  "Pour nous répondre, utilisez le lien de suivi ci-dessous plutôt que la fonction « Répondre » de votre messagerie : toute la conversation reste ainsi au même endroit.";

const CONTENT: Record<
  MailKind,
  { subject: string; intro: string[]; outro: string[]; linkLabel: string }
> = {
  reply: {
    subject: "Réponse à votre demande",
    intro: ["Bonjour,", "L'équipe support du SNU a répondu à votre demande."],
    outro: [],
    linkLabel: "Voir votre demande et y répondre",
  },
  reminder: {
    subject: "Votre demande attend votre réponse",
    intro: [
      "Bonjour,",
      "Nous avons répondu à votre demande et attendons votre retour pour la traiter. Sans réponse de votre part, elle sera bientôt considérée comme résolue.",
    ],
    outro: [],
    linkLabel: "Voir la réponse et y répondre",
  },
  resolution: {
    subject: "Votre demande est résolue",
    intro: ["Bonjour,", "Votre demande est résolue."],
    outro: [
      "Êtes-vous satisfait(e) de la réponse ? Donnez-nous votre avis sur la page de suivi : il nous aide à mieux vous répondre.",
      "Si votre difficulté persiste, écrivez-nous par le même lien : votre demande sera rouverte.",
    ],
    linkLabel: "Donner mon avis sur la réponse",
  },
};

/**
 * The nodemailer message for one outbox e-mail: French, text and HTML, the reference in the subject, the
 * reply with its signature, the follow-up link — nothing else about the request (no note, tag, assignee or
 * page context). Throws `PermanentMailError` when the recipient or the Message-ID is not safe to send.
 */
export function composeMail(
  mail: OutboxMail,
  deps: ComposeMailDeps,
): SendMailOptions {
  // The stored address is used as it is, but only if a parser can read nothing else into it (a list, a
  // group, a line break that would start a header).
  if (!isPlainAddress(mail.to))
    throw new PermanentMailError("Adresse e-mail du destinataire invalide");
  // RFC 5322 § 3.6.4: `<left@right>`, printable ASCII without spaces or angle brackets.
  if (
    !/^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(
      mail.messageId,
    )
  )
    throw new PermanentMailError("Identifiant de message invalide");
  const url = followUpLink(deps.followUpUrl);
  const from = parseMailbox(deps.from);
  if (!from) throw new TypeError("MAIL_FROM is not a single mailbox");
  const replyTo = deps.replyTo?.trim();
  if (replyTo !== undefined && !isPlainAddress(replyTo))
    throw new TypeError("MAIL_REPLY_TO is not a plain address");

  // A reply that resolved the request asks for satisfaction as the resolution e-mail does.
  const content =
    mail.kind === "reply" && mail.requestStatus === "resolved"
      ? { ...CONTENT.reply, outro: CONTENT.resolution.outro }
      : CONTENT[mail.kind];
  const reference = oneLine(mail.reference);
  const subject = `[${reference}] ${content.subject}`;
  const parts: MailBodyParts = {
    title: subject,
    intro: [...content.intro, ANSWER_THROUGH_LINK],
    reply: mail.text
      ? { text: mail.text, signature: mail.signature?.trim() || undefined }
      : undefined,
    outro: content.outro,
    link: { label: content.linkLabel, url },
    reference,
  };
  return {
    from,
    to: mail.to,
    ...(replyTo ? { replyTo } : {}),
    subject,
    messageId: mail.messageId,
    text: renderText(parts),
    html: renderHtml(parts),
    // RFC 3834: reminders and resolutions are sent by the server itself; out-of-office replies skip them.
    ...(mail.kind === "reply"
      ? {}
      : { headers: { "Auto-Submitted": "auto-generated" } }),
  };
}

/** `composeMail` with its settings bound; the follow-up link is derived from the reference at send time. */
export function createMailComposer(deps: {
  from: string;
  replyTo?: string;
  linkFor: (reference: string) => string;
}): (mail: OutboxMail) => SendMailOptions {
  return (mail) =>
    composeMail(mail, {
      from: deps.from,
      replyTo: deps.replyTo,
      followUpUrl: deps.linkFor(mail.reference),
    });
}

function followUpLink(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url.href;
  } catch {
    // reported below
  }
  throw new PermanentMailError("Lien de suivi invalide");
}

// Header values are single lines: nodemailer also replaces line breaks, this keeps the subject tidy.
function oneLine(text: string): string {
  return text.replace(/\p{Cc}+/gu, " ").trim();
}
