import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { MailTransportKind } from "../store/conversation-types.ts";

/** Where e-mails leave: SMTP, or `.eml` files when no SMTP server is configured. */
export interface MailTransport {
  kind: MailTransportKind;
  /** Resolves once the message is accepted (by the server, or written); rejects with nodemailer's error. */
  send(message: SendMailOptions): Promise<void>;
  close(): void;
}

// Short waits: the worker retries anyway, and a hung server must not hold a batch for minutes
// (nodemailer's defaults are 2 min to connect and 10 min of socket inactivity).
const TIMEOUT_MS = 10_000;
// Messages are built from our own strings only: never let one read a file or fetch a URL.
const NO_ACCESS = { disableFileAccess: true, disableUrlAccess: true };

/** SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
    ...NO_ACCESS,
  });
  return {
    kind: "smtp",
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each message, built by nodemailer exactly as SMTP would carry it, as an `.eml` file in `dir`
 * (`${DATA_DIR}/mail/`). Written to a temporary name then renamed, so a reader never sees half a file;
 * the name is a timestamp and random characters, never an address.
 */
export function createFileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    ...NO_ACCESS,
  });
  return {
    kind: "file",
    send: async (message) => {
      const info = await builder.sendMail(message);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(6).toString("hex")}`;
      const temporary = path.join(dir, `.${name}.tmp`);
      // The file holds personal data (address, reply): readable by the server's user only.
      try {
        const file = await fs.open(temporary, "wx", 0o600);
        try {
          await file.writeFile(info.message as Buffer);
          // On disk before the outbox says « sent ».
          await file.sync();
        } finally {
          await file.close();
        }
        await fs.rename(temporary, path.join(dir, `${name}.eml`));
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
    },
    close: () => builder.close(),
  };
}
