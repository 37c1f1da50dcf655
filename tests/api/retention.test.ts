import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createMemoryStore } from "../../api/store/memory-store.ts";
import { ANONYMISED_MESSAGE } from "../../api/store/retention.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import {
  runRetention,
  scheduleRetention,
} from "../../api/support/retention-job.ts";
import { makeNewRequest } from "../support/factories.ts";
import { makeTempDir } from "../support/temp-dir.ts";

/** Two closed requests: one last changed 400 days before `now`, one 10 days before. */
async function seed(store: AppStore, now: Date) {
  const agent = await store.createUser(
    {
      email: "a@test.fr",
      displayName: "A",
      role: "agent",
      departments: [],
      passwordHash: "x",
    },
    now,
  );
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const old = await store.createRequest(makeNewRequest(), daysAgo(401));
  const recent = await store.createRequest(makeNewRequest(), daysAgo(11));
  await store.updateRequest(
    { kind: "all" },
    old.reference,
    { expectedVersion: 1, actorId: agent.id, status: "closed" },
    daysAgo(400),
  );
  await store.updateRequest(
    { kind: "all" },
    recent.reference,
    { expectedVersion: 1, actorId: agent.id, status: "closed" },
    daysAgo(10),
  );
  return { old, recent };
}

describe("retention", () => {
  it("anonymises the requests closed for more than RETENTION_DAYS, and only those", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    const store = createMemoryStore();
    const { old, recent } = await seed(store, now);
    expect(await runRetention(store, createFixedClock(now), 365)).toBe(1);
    expect((await store.getRequest(old.reference))?.message).toBe(
      ANONYMISED_MESSAGE,
    );
    expect((await store.getRequest(recent.reference))?.message).toBe(
      makeNewRequest().message,
    );
    expect(await runRetention(store, createFixedClock(now), 5)).toBe(1);
  });

  it("runs at once when scheduled and logs the count, never the content", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    const store = createMemoryStore();
    await seed(store, now);
    const logger = createMemoryLogger();
    const stop = scheduleRetention(store, createFixedClock(now), logger, 365);
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(logger.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        event: "retention_done",
        anonymised: 1,
        retentionDays: 365,
      }),
    ]);
  });

  it("logs the pruning of the search's words on its own: counts, or the failure's code without its message", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    for (const [prune, logged] of [
      [
        async () => ({ pruned: 2, left: 1 }),
        { event: "search_words_pruned", pruned: 2, left: 1 },
      ],
      [
        async () => {
          throw Object.assign(new Error("Key (lexeme)=(dupontel) …"), {
            code: "57P01",
          });
        },
        { event: "search_words_prune_failed", code: "57P01" },
      ],
    ] as const) {
      const store = { ...createMemoryStore(), pruneSearchWords: prune };
      await seed(store, now);
      const logger = createMemoryLogger();
      const stop = scheduleRetention(store, createFixedClock(now), logger, 365);
      await expect.poll(() => logger.lines.length).toBe(2);
      stop();
      const lines = logger.lines.map((line) => JSON.parse(line));
      expect(lines[0]).toMatchObject({
        event: "retention_done",
        anonymised: 1,
      });
      expect(lines[1]).toMatchObject(logged);
      expect(logger.lines.join("\n")).not.toContain("dupontel");
    }
  });

  it("is run by `npm run retention` against the data folder", async () => {
    const dataDir = makeTempDir();
    const store = createSqliteStore({
      file: path.join(dataDir, "snu-aide.sqlite"),
    });
    const { old } = await seed(store, new Date());
    await store.close();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "api/cli/retention.ts"],
      {
        env: { ...process.env, DATA_DIR: dataDir, RETENTION_DAYS: "365" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain(
      "1 demande(s) close(s) depuis plus de 365 jours anonymisée(s).",
    );
    const reopened = createSqliteStore({
      file: path.join(dataDir, "snu-aide.sqlite"),
    });
    expect((await reopened.getRequest(old.reference))?.message).toBe(
      ANONYMISED_MESSAGE,
    );
    await reopened.close();
  }, 30_000);
});

describe("retention leaves nothing readable in the SQLite file (issue 11)", () => {
  it("removes the message's words, the e-mail, the tags, the notes and the conversation from every page", async () => {
    const dir = makeTempDir();
    const file = path.join(dir, "snu-aide.sqlite");
    const store = createSqliteStore({ file });
    const now = new Date("2026-11-29T10:00:00Z");
    const agent = await store.createUser(
      {
        email: "a@test.fr",
        displayName: "A",
        role: "agent",
        departments: [],
        passwordHash: "x",
      },
      now,
    );
    const daysAgo = (days: number) =>
      new Date(now.getTime() - days * 86_400_000);
    const SECRETS = [
      "zorglubienne",
      "marsupilamique",
      "personne.unique@exemple.fr",
      "etiquettesecrete",
      "notetressecrete",
      "reponseconfidentielle",
    ];
    // Enough rows of ordinary text that the index has several segments, as in real life.
    for (let i = 0; i < 50; i++)
      await store.createRequest(
        makeNewRequest({
          message: `Question ordinaire numéro ${i} sur le séjour.`,
        }),
        daysAgo(402),
      );
    const { reference } = await store.createRequest(
      makeNewRequest({
        message: `Je suis zorglubienne et marsupilamique, écrivez-moi.`,
        email: "personne.unique@exemple.fr",
      }),
      daysAgo(401),
      undefined,
      () => "hash-of-the-token",
    );
    const all = { kind: "all" } as const;
    await store.updateRequest(
      all,
      reference,
      { expectedVersion: 1, actorId: agent.id, tags: ["etiquettesecrete"] },
      daysAgo(400),
    );
    await store.addNote(
      all,
      reference,
      agent.id,
      "notetressecrete",
      daysAgo(400),
    );
    await store.addReply(
      all,
      reference,
      { actorId: agent.id, text: "reponseconfidentielle", signature: "S" },
      daysAgo(400),
    );
    const detail = await store.getRequestDetail(all, reference);
    await store.updateRequest(
      all,
      reference,
      { expectedVersion: detail!.version, actorId: agent.id, status: "closed" },
      daysAgo(400),
    );
    expect(await store.anonymiseClosedBefore(daysAgo(365))).toBe(1);
    await store.close();

    const bytes = Buffer.concat(
      [file, `${file}-wal`].flatMap((f) =>
        fs.existsSync(f) ? [fs.readFileSync(f)] : [],
      ),
    );
    for (const secret of SECRETS)
      expect(bytes.includes(secret), secret).toBe(false);
    // The rows stay for the statistics, searchable by nothing they said.
    const reopened = createSqliteStore({ file });
    const page = await reopened.listRequests(
      all,
      { q: "zorglubienne" },
      { limit: 10 },
    );
    expect(page.items).toEqual([]);
    expect(await reopened.countRequests()).toBe(51);
    const after = await reopened.getRequestDetail(all, reference);
    expect(after?.tags).toEqual([]);
    expect(
      after?.events.some((e) => e.type === "tags" || e.type === "note"),
    ).toBe(false);
    await reopened.close();
  });
});
