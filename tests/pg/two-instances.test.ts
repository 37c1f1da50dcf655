import { once } from "node:events";
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresSupportStore } from "../../api/store/pg/pg-support-store.ts";
import { createAccount } from "../../api/support/accounts.ts";
import { makeRequestBody } from "../support/factories.ts";
import { useEmptyDatabase, type TestDatabase } from "../support/pg-database.ts";
import {
  startServerProcess,
  stopAllServerProcesses,
} from "../support/server-process.ts";
import { loadSubmissions } from "../support/submission-load.ts";
import { TEST_PASSWORD } from "../support/support-session.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { makeTipSource } from "../support/tip-sources.ts";

// Issue 15: two real server processes (`api/server.ts`, as `npm start` runs it) on one PostgreSQL database,
// started at the same time on an empty database (both migrate: one waits for the other's lock).
afterEach(stopAllServerProcesses);

let database: TestDatabase;
let pool: pg.Pool;
const secret = randomBytes(32).toString("hex");

useEmptyDatabase((opened) => ({ pool, database } = opened));

/** Two instances on the test database, started together; `rateLimit` 0 turns the limits off. */
async function startTwo(rateLimit = 0) {
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "4",
    FOLLOW_UP_SECRET: secret,
    DEMO: "false",
    RATE_LIMIT_PER_MINUTE: String(rateLimit),
  };
  return Promise.all([
    startServerProcess({ ...env, DATA_DIR: makeTempDir() }),
    startServerProcess({ ...env, DATA_DIR: makeTempDir() }),
  ]);
}

function submit(url: URL, key: string, body = makeRequestBody()) {
  return fetch(new URL("/v1/requests", url), {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
}

/** A console call as the console makes it: same origin as the instance called, CSRF header, session cookie. */
function consoleCall(
  url: URL,
  method: string,
  path: string,
  cookie?: string,
  body?: unknown,
) {
  return fetch(new URL(`/support/api${path}`, url), {
    method,
    headers: {
      "X-SNU-Support": "1",
      Origin: url.origin,
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** An admin account written straight to the database, logged in through `url`; returns its cookie. */
async function adminSession(url: URL): Promise<string> {
  const email = `admin-${randomUUID()}@test.fr`;
  await createAccount(
    createPostgresSupportStore(pool),
    { email, role: "admin", password: TEST_PASSWORD },
    new Date(),
  );
  const response = await consoleCall(url, "POST", "/session", undefined, {
    email,
    password: TEST_PASSWORD,
  });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function countRows(sql: string, values: unknown[] = []) {
  const { rows } = await pool.query<{ n: string }>(sql, values);
  return Number(rows[0]!.n);
}

describe("two instances on one PostgreSQL database", () => {
  it("create one request for one Idempotency-Key posted to both at once, and answer both with its reference", async () => {
    const [a, b] = await startTwo();
    for (let round = 0; round < 10; round++) {
      const key = randomUUID();
      const body = makeRequestBody();
      const answers = await Promise.all([
        submit(a.url, key, body),
        submit(b.url, key, body),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      const [first, second] = (await Promise.all(
        answers.map((answer) => answer.json()),
      )) as { reference: string }[];
      expect(second!.reference).toBe(first!.reference);
      expect(
        await countRows(
          "SELECT count(*) AS n FROM requests WHERE reference = $1",
          [first!.reference],
        ),
      ).toBe(1);
    }
  }, 60_000);

  it("accept on one instance a console session opened on the other, and end it on both", async () => {
    const [a, b] = await startTwo();
    const cookie = await adminSession(a.url);
    const onB = await consoleCall(b.url, "GET", "/session", cookie);
    expect(onB.status).toBe(200);
    expect(await onB.json()).toMatchObject({ user: { role: "admin" } });
    expect(
      (await consoleCall(b.url, "DELETE", "/session", cookie)).status,
    ).toBe(204);
    expect((await consoleCall(a.url, "GET", "/session", cookie)).status).toBe(
      401,
    );
  }, 60_000);

  it("count the rate limit across both: the budget is the same for one address calling either", async () => {
    const limit = 6;
    const [a, b] = await startTwo(limit);
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++)
      statuses.push(
        (await submit(i % 2 === 0 ? a.url : b.url, randomUUID())).status,
      );
    expect(statuses).toEqual([...Array<number>(limit).fill(201), 429, 429]);
  }, 60_000);

  it("serve on the other instance within 1 s a tip published through one", async () => {
    const [a, b] = await startTwo();
    const id = `mc-two-instances-${randomUUID().slice(0, 8)}`;
    const tipsOnB = async () =>
      (
        (await (
          await fetch(
            new URL("/v1/tips?platform=moncompte&route=/phase1", b.url),
          )
        ).json()) as { tips: { id: string }[] }
      ).tips.map((tip) => tip.id);
    // B has read and cached its catalogue before the publication.
    expect(await tipsOnB()).not.toContain(id);
    const cookie = await adminSession(a.url);
    const created = await consoleCall(a.url, "POST", "/tips", cookie, {
      source: makeTipSource({ id, title: "Publiée sur A" }),
    });
    expect(created.status).toBe(201);
    const publish = await consoleCall(
      a.url,
      "POST",
      `/tips/${id}/publish`,
      cookie,
      { version: 1 },
    );
    expect(publish.status).toBe(200);
    const publishedAt = performance.now();
    let seenAfterMs = Infinity;
    while (performance.now() - publishedAt < 3_000) {
      if ((await tipsOnB()).includes(id)) {
        seenAfterMs = performance.now() - publishedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(
      `tip published on A, served by B after ${Math.round(seenAfterMs)} ms`,
    );
    expect(seenAfterMs).toBeLessThanOrEqual(1_000);
  }, 60_000);

  it("keep every acknowledged request, once, when one instance is killed (SIGKILL) under load", async () => {
    const [a, b] = await startTwo();
    const trafficA = loadSubmissions(a.url, 6);
    const trafficB = loadSubmissions(b.url, 6);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    a.child.kill("SIGKILL");
    await once(a.child, "exit");
    await trafficA.stop();
    // B goes on serving after A's death: the connections and locks A held were its own.
    const atKill = trafficB.acknowledged.length;
    await expect
      .poll(() => trafficB.acknowledged.length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(atKill + 20);
    await trafficB.stop();
    expect(trafficA.acknowledged.length).toBeGreaterThan(20);
    expect(trafficB.acknowledged.length).toBeGreaterThan(20);
    const acknowledged = [...trafficA.acknowledged, ...trafficB.acknowledged];
    const { rows } = await pool.query<{ reference: string }>(
      "SELECT reference FROM requests WHERE reference = ANY($1)",
      [acknowledged],
    );
    const stored = new Set(rows.map((row) => row.reference));
    expect(acknowledged.filter((reference) => !stored.has(reference))).toEqual(
      [],
    );
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    // None twice: every stored request is the answer of exactly one Idempotency-Key, each key one request
    // (requests in flight at the kill may be stored unacknowledged, never doubled).
    const { rows: pairs } = await pool.query<{
      requests: string;
      answered: string;
      distinct: string;
    }>(
      `SELECT (SELECT count(*) FROM requests) AS requests,
              count(*) AS answered,
              count(DISTINCT response -> 'body' ->> 'reference') AS distinct
       FROM idempotency_keys WHERE response IS NOT NULL`,
    );
    expect(Number(pairs[0]!.answered)).toBe(Number(pairs[0]!.requests));
    expect(Number(pairs[0]!.distinct)).toBe(Number(pairs[0]!.requests));
    console.log(
      `SIGKILL of A: ${trafficA.acknowledged.length} acknowledged by A, ${trafficB.acknowledged.length} by B, all stored once`,
    );
    b.child.kill("SIGTERM");
    const [code] = await once(b.child, "exit");
    expect(code).toBe(0);
  }, 60_000);
});
