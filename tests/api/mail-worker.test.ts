import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createMailComposer } from "../../api/mail/compose-mail.ts";
import {
  type MailWorker,
  retryDelayMs,
  startMailWorker,
} from "../../api/mail/mail-worker.ts";
import {
  createFileTransport,
  createSmtpTransport,
  type MailTransport,
} from "../../api/mail/transports.ts";
import {
  MAIL_RETRY_HOURS,
  type ConversationStore,
  type MailFailure,
  type MailTransportKind,
  type OutboxMail,
} from "../../api/store/conversation-types.ts";
import {
  closedPort,
  type SmtpSink,
  startSmtpSink,
} from "../support/smtp-sink.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const START = "2026-03-02T09:00:00.000Z";
const ADDRESS = "camille.martin@exemple.fr";
const REPLY = "Votre dossier est complet, bonne préparation de votre séjour.";

interface Row {
  mail: OutboxMail;
  state: "pending" | "sent" | "failed";
  nextAttemptAt: Date;
  lastError?: string;
  transport?: MailTransportKind;
}

/** The four outbox methods of the store, in memory, with the contract's semantics (lease and count on claim). */
function createFakeOutbox(mails: OutboxMail[], clockNow: Date) {
  const rows = new Map<number, Row>(
    mails.map((mail) => [
      mail.id,
      { mail, state: "pending", nextAttemptAt: clockNow },
    ]),
  );
  const outbox: Pick<
    ConversationStore,
    "claimDueMails" | "markMailSent" | "markMailFailed" | "countPendingMails"
  > = {
    async claimDueMails(now, limit, leaseMs) {
      const due = [...rows.values()]
        .filter((row) => row.state === "pending" && row.nextAttemptAt <= now)
        .slice(0, limit);
      // As the stores do: the attempt is counted when taken, so a crash mid-send still counts it.
      for (const row of due) {
        row.nextAttemptAt = new Date(now.getTime() + leaseMs);
        row.mail.attempts++;
      }
      return due.map((row) => ({ ...row.mail }));
    },
    async markMailSent(id, _now, transport) {
      const row = rows.get(id)!;
      Object.assign(row, { state: "sent", transport, lastError: undefined });
    },
    async markMailFailed(id, _now, failure: MailFailure) {
      const row = rows.get(id)!;
      row.lastError = failure.error;
      if (failure.permanent) row.state = "failed";
      else row.nextAttemptAt = failure.nextAttemptAt!;
    },
    async countPendingMails() {
      return [...rows.values()].filter((row) => row.state === "pending").length;
    },
  };
  return { outbox, rows };
}

function outboxMail(
  id: number,
  overrides: Partial<OutboxMail> = {},
): OutboxMail {
  return {
    id,
    kind: "reply",
    messageId: `<reply-${id}@snu.example>`,
    to: ADDRESS,
    reference: `SNU-2026-00000${id}`,
    platform: "moncompte",
    route: "/inscription/:step",
    text: REPLY,
    signature: "L'équipe support du SNU",
    attempts: 0,
    createdAt: START,
    requestStatus: "waiting_user",
    ...overrides,
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(
  options?: Parameters<typeof startSmtpSink>[0],
): Promise<SmtpSink> {
  const started = await startSmtpSink(options);
  cleanups.push(() => started.close());
  return started;
}

function setUp(
  mails: OutboxMail[],
  transport: MailTransport,
  options: { intervalMs?: number; batch?: number } = {},
) {
  const clock = createFixedClock(START);
  const logger = createMemoryLogger();
  const { outbox, rows } = createFakeOutbox(mails, clock.now());
  const worker: MailWorker = startMailWorker({
    outbox,
    transport,
    compose: createMailComposer({
      from: "SNU Aide <support@snu.example>",
      linkFor: (reference) =>
        `https://aide.snu.example/suivi/lien-${reference}`,
    }),
    clock,
    logger,
    intervalMs: options.intervalMs ?? 3_600_000,
    batch: options.batch,
    random: () => 0.5,
  });
  cleanups.push(
    () => transport.close(),
    () => worker.stop(),
  );
  return { clock, logger, outbox, rows, worker };
}

function expectNothingPersonalIn(lines: string[]) {
  const log = lines.join("\n");
  expect(log).not.toContain(ADDRESS);
  expect(log).not.toContain("camille");
  expect(log).not.toContain(REPLY);
}

describe("startMailWorker", () => {
  it("sends a due e-mail once, with the link derived from the reference, and records it", async () => {
    const smtp = await sink();
    const { rows, worker, logger } = setUp(
      [outboxMail(1)],
      createSmtpTransport(smtp.url),
    );

    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);

    expect(smtp.messages).toHaveLength(1);
    const { parsed } = smtp.messages[0]!;
    expect(parsed.messageId).toBe("<reply-1@snu.example>");
    expect(parsed.text).toContain(
      "https://aide.snu.example/suivi/lien-SNU-2026-000001",
    );
    expect(parsed.text).toContain(REPLY);
    expect(rows.get(1)).toMatchObject({ state: "sent", transport: "smtp" });
    expect(logger.lines.join("\n")).toContain('"event":"mail_sent"');
    expectNothingPersonalIn(logger.lines);
  });

  it("retries later when SMTP is down, then delivers exactly once when it is back", async () => {
    const port = await closedPort();
    const { clock, rows, worker, logger } = setUp(
      [outboxMail(1)],
      createSmtpTransport(`smtp://127.0.0.1:${port}`),
    );

    expect(await worker.runOnce()).toBe(1);
    const row = rows.get(1)!;
    expect(row.state).toBe("pending");
    expect(row.lastError).toBe("Serveur SMTP injoignable");
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);
    // Not due yet: nothing is taken.
    expect(await worker.runOnce()).toBe(0);

    clock.advance(30_000);
    expect(await worker.runOnce()).toBe(1);
    // The second failure waits longer.
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(60_000);

    const smtp = await sink({ port });
    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(1);
    clock.advance(3_600_000);
    expect(await worker.runOnce()).toBe(0);

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.parsed.messageId).toBe("<reply-1@snu.example>");
    expect(row).toMatchObject({ state: "sent", transport: "smtp" });
    expect(row.mail.attempts).toBe(3);
    expectNothingPersonalIn(logger.lines);
  });

  it("stops at once when the server refuses the address (550)", async () => {
    const smtp = await sink({
      refuseRecipient: (address) => address === ADDRESS,
    });
    const { clock, rows, worker, logger } = setUp(
      [outboxMail(1)],
      createSmtpTransport(smtp.url),
    );

    expect(await worker.runOnce()).toBe(1);
    expect(rows.get(1)).toMatchObject({
      state: "failed",
      lastError: "Adresse refusée par le serveur (550)",
    });
    clock.advance(24 * 3_600_000);
    expect(await worker.runOnce()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expectNothingPersonalIn(logger.lines);
  });

  it("gives up on a temporary failure once the e-mail is older than MAIL_RETRY_HOURS", async () => {
    const port = await closedPort();
    const old = new Date(
      Date.parse(START) - MAIL_RETRY_HOURS * 3_600_000,
    ).toISOString();
    const recent = new Date(
      Date.parse(START) - (MAIL_RETRY_HOURS - 1) * 3_600_000,
    ).toISOString();
    const { rows, worker } = setUp(
      [
        outboxMail(1, { createdAt: old, attempts: 40 }),
        outboxMail(2, { createdAt: recent, attempts: 40 }),
      ],
      createSmtpTransport(`smtp://127.0.0.1:${port}`),
    );

    expect(await worker.runOnce()).toBe(2);
    expect(rows.get(1)).toMatchObject({
      state: "failed",
      lastError: `Serveur SMTP injoignable — abandon après ${MAIL_RETRY_HOURS} h de tentatives`,
    });
    expect(rows.get(2)).toMatchObject({
      state: "pending",
      lastError: "Serveur SMTP injoignable",
    });
  });

  it("marks a mail whose stored address is not a single plain address as failed, without sending", async () => {
    const smtp = await sink();
    const { rows, worker } = setUp(
      [outboxMail(1, { to: `${ADDRESS}\r\nBcc: intrus@pirate.example` })],
      createSmtpTransport(smtp.url),
    );
    expect(await worker.runOnce()).toBe(1);
    expect(rows.get(1)).toMatchObject({
      state: "failed",
      lastError: "Adresse e-mail du destinataire invalide",
    });
    expect(smtp.messages).toHaveLength(0);
  });

  it("records the file transport when no SMTP server is configured", async () => {
    const dir = path.join(makeTempDir(), "mail");
    const { rows, worker } = setUp([outboxMail(1)], createFileTransport(dir));
    expect(await worker.runOnce()).toBe(1);
    expect(rows.get(1)).toMatchObject({ state: "sent", transport: "file" });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".eml"))).toHaveLength(
      1,
    );
  });

  it("never runs twice at once: calls during a run share the next run", async () => {
    let entered!: () => void;
    const inDelivery = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const smtp = await sink({
      beforeAccept: () => {
        entered();
        return held;
      },
    });
    const transport = createSmtpTransport(smtp.url);
    let inFlight = 0;
    let maxInFlight = 0;
    const counting: MailTransport = {
      ...transport,
      send: async (message) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          await transport.send(message);
        } finally {
          inFlight--;
        }
      },
    };
    const { rows, worker } = setUp([outboxMail(1), outboxMail(2)], counting, {
      batch: 1,
    });

    const first = worker.runOnce();
    await inDelivery;
    const during = [worker.runOnce(), worker.runOnce()];
    expect(during[0]).toBe(during[1]);
    release();

    expect(await Promise.all([first, ...during])).toEqual([1, 1, 1]);
    expect(maxInFlight).toBe(1);
    expect(smtp.messages.map((m) => m.parsed.messageId)).toEqual([
      "<reply-1@snu.example>",
      "<reply-2@snu.example>",
    ]);
    expect([...rows.values()].map((row) => row.state)).toEqual([
      "sent",
      "sent",
    ]);
  });

  it("sends right away when woken, and on its own when the poll comes", async () => {
    const smtp = await sink();
    const woken = setUp([outboxMail(1)], createSmtpTransport(smtp.url));
    woken.worker.wake();
    await smtp.waitForMessages(1);

    const polled = setUp([outboxMail(2)], createSmtpTransport(smtp.url), {
      intervalMs: 20,
    });
    await smtp.waitForMessages(2);
    await polled.worker.stop();
    expect(polled.rows.get(2)!.state).toBe("sent");
  });

  it("stop() waits for the send in progress and leaves the rest of the batch leased", async () => {
    let entered!: () => void;
    const inDelivery = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const smtp = await sink({
      beforeAccept: () => {
        entered();
        return held;
      },
    });
    const { rows, worker } = setUp(
      [outboxMail(1), outboxMail(2)],
      createSmtpTransport(smtp.url),
    );

    const run = worker.runOnce();
    await inDelivery;
    const stopped = worker.stop();
    release();
    await stopped;

    expect(rows.get(1)!.state).toBe("sent");
    expect(rows.get(2)!.state).toBe("pending");
    expect(smtp.messages).toHaveLength(1);
    expect(await run).toBe(1);
    expect(await worker.runOnce()).toBe(0);
  });
});

describe("retryDelayMs", () => {
  it("doubles from 30 s up to 1 h, with at most 20 % jitter", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 8, 30].map((n) => retryDelayMs(n, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(30, () => 0.999_999)).toBeLessThanOrEqual(4_320_000);
  });
});
