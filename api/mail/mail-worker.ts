import type { SendMailOptions } from "nodemailer";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import {
  MAIL_RETRY_HOURS,
  type ConversationStore,
  type MailFailure,
  type OutboxMail,
} from "../store/conversation-types.ts";
import { classifyMailError } from "./classify-error.ts";
import type { MailTransport } from "./transports.ts";

/** The part of the store the worker uses. */
export type MailOutbox = Pick<
  ConversationStore,
  "claimDueMails" | "markMailSent" | "markMailFailed"
>;

export interface MailWorkerOptions {
  outbox: MailOutbox;
  transport: Pick<MailTransport, "kind" | "send">;
  /** Renders an outbox e-mail at send time (see `createMailComposer`); may throw `PermanentMailError`. */
  compose: (mail: OutboxMail) => SendMailOptions;
  clock: Clock;
  logger: Logger;
  /** Time between two polls; default 5 s. `wake()` runs at once. */
  intervalMs?: number;
  /** E-mails taken per run; default 10. */
  batch?: number;
  /** How long a taken e-mail stays reserved to this worker; default 10 min, above a batch of timeouts. */
  leaseMs?: number;
  /** Source of the retry jitter, in [0, 1); default Math.random. */
  random?: () => number;
}

export interface MailWorker {
  /** Stops polling; resolves once the run in progress (if any) is over. */
  stop(): Promise<void>;
  /** Runs as soon as possible, e.g. right after a reply is committed. */
  wake(): void;
  /** One run (after the one in progress, never alongside it): the number of e-mails handled. */
  runOnce(): Promise<number>;
}

/** The delay before retrying after `failures` failed attempts: 30 s, 1 min, 2 min… capped at 1 h, ±20 %. */
export function retryDelayMs(failures: number, random: () => number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends the outbox: polls on a timer (unref'd: it never keeps the process alive), leases a batch of due
 * e-mails, sends each and records the outcome. A crash between the send and the record leaves the e-mail
 * leased; it is sent again after the lease with the same Message-ID (issue 10: at worst a duplicate).
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { outbox, transport, compose, clock, logger } = options;
  const intervalMs = options.intervalMs ?? 5_000;
  const batch = options.batch ?? 10;
  const leaseMs = options.leaseMs ?? 600_000;
  const random = options.random ?? Math.random;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Runs are chained: `tail` settles when the last queued run is over; `queued` is a run not yet started,
  // shared by every caller until it starts (ten wakes during a run make one more run, not ten).
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | undefined;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(wake, delay);
    timer.unref();
  };

  async function run(): Promise<number> {
    let mails: OutboxMail[];
    try {
      mails = await outbox.claimDueMails(clock.now(), batch, leaseMs);
    } catch (error) {
      logger.error("mail_claim_failed", { error: errorName(error) });
      return 0;
    }
    let handled = 0;
    for (const mail of mails) {
      // Left leased: taken again once the lease is over.
      if (stopped) break;
      await deliver(mail);
      handled++;
    }
    return handled;
  }

  async function deliver(mail: OutboxMail) {
    const fields = {
      mailId: mail.id,
      kind: mail.kind,
      attempt: mail.attempts,
    };
    let failure: MailFailure | undefined;
    try {
      await transport.send(compose(mail));
    } catch (error) {
      failure = failureFor(mail, error);
    }
    try {
      if (!failure) {
        await outbox.markMailSent(mail.id, clock.now(), transport.kind);
        logger.info("mail_sent", { ...fields, transport: transport.kind });
      } else {
        await outbox.markMailFailed(mail.id, clock.now(), failure);
        logger.error("mail_failed", {
          ...fields,
          permanent: failure.permanent,
          reason: failure.error,
          ...(failure.nextAttemptAt
            ? { nextAttemptAt: failure.nextAttemptAt.toISOString() }
            : {}),
        });
      }
    } catch (error) {
      // The outcome is lost; the lease brings the e-mail back (a duplicate at worst, same Message-ID).
      logger.error("mail_record_failed", {
        ...fields,
        error: errorName(error),
      });
    }
  }

  function failureFor(mail: OutboxMail, error: unknown): MailFailure {
    const { permanent, reason } = classifyMailError(error);
    if (permanent) return { permanent, error: reason };
    const now = clock.now();
    const age = now.getTime() - new Date(mail.createdAt).getTime();
    // Temporary failures are retried for MAIL_RETRY_HOURS (≥ 24 h, issue 10), then given up.
    if (age >= MAIL_RETRY_HOURS * 3_600_000)
      return {
        permanent: true,
        error: `${reason} — abandon après ${MAIL_RETRY_HOURS} h de tentatives`,
      };
    // `attempts` counts this one (the store counts an attempt when it is taken).
    const delay = retryDelayMs(mail.attempts, random);
    return {
      permanent: false,
      error: reason,
      nextAttemptAt: new Date(now.getTime() + delay),
    };
  }

  function runOnce(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    if (!queued) {
      const next = tail.then(async () => {
        queued = undefined;
        if (stopped) return 0;
        const handled = await run();
        // A full batch may mean more is due: go on at once, else wait for the next poll.
        schedule(handled === batch ? 0 : intervalMs);
        return handled;
      });
      queued = next;
      tail = next.catch(() => undefined);
    }
    return queued;
  }

  // For the timer and `wake()`: nobody awaits these runs, so a failure is logged, never left unhandled.
  function wake() {
    runOnce().catch((error) =>
      logger.error("mail_run_failed", { error: errorName(error) }),
    );
  }

  schedule(intervalMs);
  return {
    runOnce,
    wake,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await tail;
    },
  };
}

// Logs carry the error's class and code only: nodemailer messages may quote the server's reply, which
// can contain the recipient's address.
function errorName(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}
