import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { loadTipSources } from "../../api/tips/load-tips.ts";
import { makeRequestBody } from "../support/factories.ts";
import {
  spawnServerProcess,
  stopAllServerProcesses,
} from "../support/server-process.ts";
import { makeTempDir } from "../support/temp-dir.ts";

afterEach(stopAllServerProcesses);

describe("the server process", () => {
  it("starts on an empty data folder, creates its database, serves, and stops cleanly on SIGTERM", async () => {
    const dataDir = path.join(makeTempDir(), "data");
    const server = spawnServerProcess({ DATA_DIR: dataDir });
    const url = await server.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(fs.existsSync(path.join(dataDir, "snu-aide.sqlite"))).toBe(true);

    expect(await (await fetch(new URL("/healthz", url))).json()).toEqual({
      status: "ok",
    });
    const tips = await (
      await fetch(new URL("/v1/tips?platform=moncompte&route=/phase1", url))
    ).json();
    expect(tips.tips.length).toBeGreaterThanOrEqual(2);
    const created = await fetch(new URL("/v1/requests", url), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: JSON.stringify(makeRequestBody()),
    });
    expect(created.status).toBe(201);

    // DEMO is on by default: the demo accounts are created once and their passwords printed.
    expect(server.output().stdout).toMatch(
      /agent@demo\.snu-aide\.fr \/ \S+ \(agent\)/,
    );

    server.child.kill("SIGTERM");
    const [code] = await once(server.child, "exit");
    expect(code).toBe(0);
    expect(server.output().stdout).not.toContain(makeRequestBody().message);
  }, 30_000);

  it("seeds the tips from the repo files once: a later start keeps the database's tips", async () => {
    const dataDir = makeTempDir();
    const first = spawnServerProcess({ DATA_DIR: dataDir, DEMO: "false" });
    await first.listening;
    const count = /\((\d+) astuces,/.exec(first.output().stdout)?.[1];
    expect(Number(count)).toBe(
      loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS).length,
    );
    first.child.kill("SIGTERM");
    await once(first.child, "exit");

    // An editor withdraws a tip between two starts: the next start must not bring it back.
    const store = createSqliteStore({
      file: path.join(dataDir, "snu-aide.sqlite"),
    });
    const [tip] = await store.listTips();
    const user = await store.createUser(
      {
        email: "a@test.fr",
        displayName: "A",
        role: "admin",
        departments: [],
        passwordHash: "x",
      },
      new Date(),
    );
    await store.changeTip(
      tip!.id,
      tip!.version,
      { action: "unpublish" },
      user.id,
      new Date(),
    );
    await store.close();
    const second = spawnServerProcess({ DATA_DIR: dataDir, DEMO: "false" });
    await second.listening;
    expect(second.output().stdout).toContain(`(${Number(count) - 1} astuces,`);
    second.child.kill("SIGTERM");
    await once(second.child, "exit");
  }, 30_000);

  it("creates no demo account in production (DEMO=false)", async () => {
    const server = spawnServerProcess({
      DATA_DIR: makeTempDir(),
      DEMO: "false",
    });
    await server.listening;
    expect(server.output().stdout).not.toContain("démonstration");
    server.child.kill("SIGTERM");
    await once(server.child, "exit");
  }, 30_000);

  it("creates no demo account on a network address unless DEMO=true is set (issue 11)", async () => {
    const server = spawnServerProcess({
      DATA_DIR: makeTempDir(),
      HOST: "0.0.0.0",
    });
    await server.listening;
    const { stdout } = server.output();
    expect(stdout).toContain("Mode démonstration désactivé");
    expect(stdout).not.toContain("@demo.snu-aide.fr");
    server.child.kill("SIGTERM");
    await once(server.child, "exit");
  }, 30_000);

  it("refuses to start with a wrong variable and names it", async () => {
    const server = spawnServerProcess({
      DATA_DIR: makeTempDir(),
      ALLOWED_ORIGINS: "moncompte.snu.gouv.fr",
    });
    await expect(server.listening).rejects.toThrow("ALLOWED_ORIGINS");
    expect(server.child.exitCode).toBe(1);
  }, 30_000);
});
