import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";

/** One message the sink accepted: the raw source as it came over the wire, and mailparser's reading. */
export interface SunkMail {
  raw: string;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  messages: SunkMail[];
  /** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<SunkMail[]>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Recipients for which RCPT TO answers 550. */
  refuseRecipient?: (address: string) => boolean;
  /** Awaited before a message is accepted: lets a test hold a send in flight. */
  beforeAccept?: () => Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), as a mail sink for tests: no TLS, no
 * authentication, every message kept and parsed with `mailparser`.
 */
export async function startSmtpSink(
  options: SmtpSinkOptions = {},
): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuseRecipient?.(address.address)) {
        const error: SMTPServerError = new Error("Mailbox unavailable");
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          await options.beforeAccept?.();
          const raw = Buffer.concat(chunks).toString("utf8");
          messages.push({
            raw,
            parsed: await simpleParser(raw),
            envelope: {
              from: session.envelope.mailFrom
                ? session.envelope.mailFrom.address
                : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
          });
          for (const waiter of waiters) waiter();
          callback();
        })();
      });
    },
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessages: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${messages.length} message(s) after ${timeoutMs} ms, ${count} expected`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const sink = await startSmtpSink();
  await sink.close();
  return sink.port;
}
