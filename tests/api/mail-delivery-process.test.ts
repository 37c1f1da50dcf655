import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createAccount } from "../../api/support/accounts.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { makeRequestBody } from "../support/factories.ts";
import {
  startServerProcess,
  stopAllServerProcesses,
  unthrottledEnv,
} from "../support/server-process.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { CONSOLE_HEADERS, TEST_PASSWORD } from "../support/support-session.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 10, « Done when »: SMTP down while replying → the e-mail waits, the server retries, and once SMTP is
// back it is delivered exactly once; the server killed (SIGKILL) between the commit and the send loses
// nothing. The real server process, a real SMTP server on loopback, the real SQLite file.

const sinks: SmtpSink[] = [];
afterEach(async () => {
  stopAllServerProcesses();
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});

async function withAgent(dataDir: string) {
  const store = createSqliteStore({
    file: path.join(dataDir, "snu-aide.sqlite"),
  });
  await createAccount(
    store,
    { email: "agent@test.fr", role: "agent", password: TEST_PASSWORD },
    new Date(),
  );
  await store.close();
}

async function logIn(base: URL) {
  const response = await fetch(new URL("/support/api/session", base), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...CONSOLE_HEADERS,
      Origin: base.origin,
    },
    body: JSON.stringify({ email: "agent@test.fr", password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function submit(base: URL) {
  const response = await fetch(new URL("/v1/requests", base), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: JSON.stringify(makeRequestBody()),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string; followUpUrl: string };
}

async function reply(
  base: URL,
  cookie: string,
  reference: string,
  text: string,
) {
  const response = await fetch(
    new URL(`/support/api/requests/${reference}/replies`, base),
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...CONSOLE_HEADERS,
        Origin: base.origin,
        Cookie: cookie,
      },
      body: JSON.stringify({ text, status: "waiting_user" }),
    },
  );
  expect(response.status).toBe(201);
}

function makeOutboxDue(dataDir: string) {
  const db = new Database(path.join(dataDir, "snu-aide.sqlite"));
  try {
    db.prepare(
      "UPDATE mail_outbox SET next_attempt_at = ? WHERE state = 'pending'",
    ).run(new Date(Date.now() - 1000).toISOString());
  } finally {
    db.close();
  }
}

function outbox(dataDir: string) {
  const db = new Database(path.join(dataDir, "snu-aide.sqlite"), {
    readonly: true,
  });
  try {
    return db
      .prepare(
        "SELECT id, state, attempts, last_error, message_id FROM mail_outbox ORDER BY id",
      )
      .all() as {
      id: number;
      state: string;
      attempts: number;
      last_error: string | null;
      message_id: string;
    }[];
  } finally {
    db.close();
  }
}

async function until<T>(
  read: () => T,
  ok: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("reply e-mails through a real SMTP server", () => {
  it("waits while SMTP is down, survives SIGKILL, then delivers exactly once", async () => {
    const dataDir = makeTempDir();
    await withAgent(dataDir);
    // A port with nothing behind it yet: the sink will open there later.
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const env = {
      ...unthrottledEnv(dataDir),
      SMTP_URL: `smtp://127.0.0.1:${port}`,
    };

    const first = await startServerProcess(env);
    const cookie = await logIn(first.url);
    const { reference } = await submit(first.url);
    await reply(
      first.url,
      cookie,
      reference,
      "Première réponse, pendant la panne SMTP.",
    );
    // The worker tried (connection refused) and keeps the e-mail for later.
    const [waiting] = await until(
      () => outbox(dataDir),
      (rows) => rows[0]?.attempts === 1 && rows[0].last_error !== null,
      15_000,
    );
    expect(waiting).toMatchObject({ state: "pending" });
    expect(waiting!.last_error).toMatch(/SMTP/);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    // The retry comes 30 s or more after the failure (mail-worker.test.ts checks the delays): rather than
    // waiting that long, the row is made due now, as if the time had passed while the server was down.
    makeOutboxDue(dataDir);

    const sink = await startSmtpSink({ port });
    sinks.push(sink);
    const second = await startServerProcess(env);
    const [delivered] = await sink.waitForMessages(1, 60_000);
    expect(delivered!.parsed.subject).toBe(
      `[${reference}] Réponse à votre demande`,
    );
    expect(delivered!.parsed.text).toContain(
      "Première réponse, pendant la panne SMTP.",
    );
    expect(delivered!.parsed.messageId).toBe(waiting!.message_id);
    await until(
      () => outbox(dataDir),
      (rows) => rows[0]?.state === "sent",
      10_000,
    );

    // A second reply is the event that would have carried a duplicate of the first: once it has arrived,
    // the first has still arrived only once.
    const cookie2 = await logIn(second.url);
    await reply(
      second.url,
      cookie2,
      reference,
      "Seconde réponse, SMTP revenu.",
    );
    await sink.waitForMessages(2, 20_000);
    const ids = sink.messages.map((m) => m.parsed.messageId);
    expect(ids.filter((id) => id === waiting!.message_id)).toHaveLength(1);
    expect(sink.messages).toHaveLength(2);
    // The sink has the message a moment before the worker records it as sent.
    await until(
      () => outbox(dataDir).map((row) => row.state),
      (states) => states.join() === "sent,sent",
      10_000,
    );
  }, 120_000);

  it("writes an .eml file and says so when no SMTP server is configured", async () => {
    const dataDir = makeTempDir();
    await withAgent(dataDir);
    const server = await startServerProcess(unthrottledEnv(dataDir));
    await server.stdoutMatches(
      /E-mails déposés dans .*mail \(aucun serveur SMTP configuré/,
    );
    const cookie = await logIn(server.url);
    const { reference, followUpUrl } = await submit(server.url);
    await reply(
      server.url,
      cookie,
      reference,
      "Réponse écrite dans un fichier.",
    );
    const mailDir = path.join(dataDir, "mail");
    const files = await until(
      () =>
        fs.existsSync(mailDir)
          ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml"))
          : [],
      (list) => list.length === 1,
      15_000,
    );
    const eml = fs.readFileSync(path.join(mailDir, files[0]!), "utf8");
    expect(eml).toContain(`[${reference}]`);
    expect(eml).toContain(followUpUrl.split("/").pop()!);
    const detail = await (
      await fetch(new URL(`/support/api/requests/${reference}`, server.url), {
        headers: {
          ...CONSOLE_HEADERS,
          Origin: server.url.origin,
          Cookie: cookie,
        },
      })
    ).json();
    await until(
      () => outbox(dataDir),
      (rows) => rows[0]?.state === "sent",
      5_000,
    );
    expect(detail.messages[0].mail).toBeDefined();
  }, 60_000);
});
