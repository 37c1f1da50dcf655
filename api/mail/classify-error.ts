import type { NodemailerError } from "nodemailer";
import { PermanentMailError } from "./mail-error.ts";

/** What a failed send means: retry later or give up, and a short French reason for the console. */
export interface MailErrorClass {
  permanent: boolean;
  /** Never the address nor the message text: fixed wording, at most an SMTP reply code. */
  reason: string;
}

/**
 * SMTP 5xx replies and refused or invalid addresses are permanent; everything else — connection refused,
 * timeouts, DNS, TLS, SMTP 4xx, authentication, a disk error of the file transport, the unknown — is
 * temporary: the same e-mail may go through once the server or the configuration is fixed.
 */
export function classifyMailError(error: unknown): MailErrorClass {
  if (error instanceof PermanentMailError)
    return { permanent: true, reason: error.message };
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  // A rejected login or a missing STARTTLS is about our configuration, not this e-mail: retry (RFC 4954).
  if (e.code === "EAUTH" || e.code === "ENOAUTH")
    return temporary("Authentification refusée par le serveur SMTP");
  if (code !== undefined && code >= 500 && code < 600 && code !== 503)
    return { permanent: true, reason: rejection(e.command, code) };
  if (code !== undefined && code >= 400 && code < 600)
    return temporary(`Refus temporaire du serveur SMTP (${code})`);
  // nodemailer refused the address itself before any exchange (no valid recipient).
  if (e.code === "EENVELOPE")
    return {
      permanent: true,
      reason: "Adresse e-mail du destinataire invalide",
    };
  const original = e.originalCode ?? e.code;
  switch (original) {
    case "ETIMEDOUT":
      return temporary("Serveur SMTP sans réponse (délai dépassé)");
    case "EDNS":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return temporary("Serveur SMTP introuvable (DNS)");
    case "ETLS":
      return temporary("Connexion chiffrée au serveur SMTP impossible");
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ECONNECTION":
    case "ESOCKET":
      return temporary("Serveur SMTP injoignable");
    case "ENOSPC":
    case "EACCES":
    case "EROFS":
    case "EPERM":
      return temporary("Écriture du fichier e-mail impossible");
    default:
      return temporary("Erreur d'envoi inattendue");
  }
}

function temporary(reason: string): MailErrorClass {
  return { permanent: false, reason };
}

// The command the server answered says what it refused.
function rejection(command: string | undefined, code: number): string {
  const verb = (command ?? "").toUpperCase();
  if (verb.startsWith("RCPT"))
    return `Adresse refusée par le serveur (${code})`;
  if (verb.startsWith("MAIL"))
    return `Expéditeur refusé par le serveur (${code})`;
  return `Message refusé par le serveur (${code})`;
}
