import path from "node:path";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import {
  createFollowUpTokens,
  loadFollowUpSecret,
  type FollowUpTokens,
} from "../follow-up/tokens.ts";
import type { Logger } from "../logger.ts";
import { createMailComposer } from "../mail/compose-mail.ts";
import { startMailWorker, type MailOutbox } from "../mail/mail-worker.ts";
import {
  createFileTransport,
  createSmtpTransport,
} from "../mail/transports.ts";

/** The e-mails to requesters, running: their follow-up links, the worker that sends them, its transport. */
export interface Mail {
  followUp: FollowUpTokens;
  /** Sends the e-mails due now rather than at the next poll, e.g. right after a reply is committed. */
  wake: () => void;
  /** Links go to `origin`, where the server listens, unless `publicUrlFixed`; returns where e-mails go, for the log. */
  listening: (origin: string) => string;
  /** Finishes the e-mail being sent (its outcome is recorded), then closes the transport. */
  stop: () => Promise<void>;
}

/**
 * Starts the mail worker on the outbox, by SMTP (SMTP_URL) or as `.eml` files in `${dataDir}/mail/`. E-mails
 * left due by a previous run (a crash, a stop) go at once, not after the first poll.
 */
export function startMail(
  config: Pick<
    Config,
    | "dataDir"
    | "followUpSecret"
    | "mailFrom"
    | "mailReplyTo"
    | "publicUrl"
    | "smtpUrl"
  >,
  deps: { outbox: MailOutbox; clock: Clock; logger: Logger },
  /** PUBLIC_URL was set: links keep `config.publicUrl` whatever the server listens on. */
  publicUrlFixed: boolean,
): Mail {
  // Issue 10. Without PUBLIC_URL, links use the address the server really listens on (known once it
  // listens: PORT=0 picks a free port).
  let publicUrl = config.publicUrl;
  const followUp = createFollowUpTokens(
    loadFollowUpSecret(config.dataDir, config.followUpSecret),
    () => publicUrl,
  );
  const mailDir = path.join(config.dataDir, "mail");
  const transport = config.smtpUrl
    ? createSmtpTransport(config.smtpUrl)
    : createFileTransport(mailDir);
  const worker = startMailWorker({
    ...deps,
    transport,
    compose: createMailComposer({
      from: config.mailFrom,
      ...(config.mailReplyTo ? { replyTo: config.mailReplyTo } : {}),
      linkFor: followUp.urlFor,
    }),
  });
  const wake = () => worker.wake();
  wake();
  return {
    followUp,
    wake,
    listening(origin) {
      if (!publicUrlFixed) publicUrl = origin;
      // Where replies go; never the SMTP credentials.
      return config.smtpUrl
        ? `E-mails envoyés par SMTP (${smtpHost(config.smtpUrl)}), liens de suivi vers ${publicUrl}`
        : `E-mails déposés dans ${mailDir} (aucun serveur SMTP configuré : SMTP_URL)`;
    },
    stop: () => worker.stop().then(() => transport.close()),
  };
}

/** `protocol//host:port` of an SMTP URL, without user or password. */
function smtpHost(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}
