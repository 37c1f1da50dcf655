import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../../api/store/sqlite-migrations.ts";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { createTipCatalog } from "../../api/tips/catalog.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { makeTipSource } from "../support/tip-sources.ts";
import { runTipStoreContract } from "../support/tip-store-contract.ts";

const dir = makeTempDir();
let counter = 0;
const newFile = () => path.join(dir, `store-${++counter}`, "snu-aide.sqlite");

runTipStoreContract("sqlite", () => createSqliteStore({ file: newFile() }));

describe("sqlite tip store", () => {
  it("keeps tips and their history in the file across a reopen", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const source = makeTipSource({ id: "mc-garde" });
    await store.importTips([source], new Date("2026-05-01T10:00:00Z"));
    await store.close();
    const reopened = createSqliteStore({ file });
    expect((await reopened.getTip("mc-garde"))?.published).toEqual(source);
    expect(await reopened.listTipVersions("mc-garde")).toHaveLength(1);
    await reopened.close();
  });

  it("brings a database of migration 2 to migration 3: accounts kept, none allowed to edit tips", async () => {
    // The file as it was before migration 3, with an account in it.
    const fresh = newFile();
    fs.mkdirSync(path.dirname(fresh), { recursive: true });
    const db = new Database(fresh);
    migrate(db, new Date(), MIGRATIONS.slice(0, 2));
    db.prepare(
      `INSERT INTO support_users (email, display_name, role, password_hash, created_at)
       VALUES ('a@snu.example', 'A', 'agent', 'hash', '2026-01-01T00:00:00.000Z')`,
    ).run();
    db.close();
    const store = createSqliteStore({ file: fresh });
    expect(await store.findUserByEmail("a@snu.example")).toMatchObject({
      role: "agent",
      canEditTips: false,
    });
    expect(await store.countTips()).toBe(0);
    await store.close();
  });

  it("stores drafts and published texts as JSON, and writes one history row per change", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    await store.importTips(
      [makeTipSource({ id: "mc-json" })],
      new Date("2026-05-01T10:00:00Z"),
    );
    await store.close();
    const db = new Database(file, { readonly: true });
    const row = db.prepare("SELECT * FROM tips").get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ id: "mc-json", draft: null, version: 1 });
    expect(JSON.parse(row.published as string).markdown).toBe(
      "Texte de l'astuce.",
    );
    expect(
      db.prepare("SELECT action, user_id FROM tip_versions").all(),
    ).toEqual([{ action: "import", user_id: null }]);
    db.close();
  });

  it("serves, without restart, what another process imported; a draft save rebuilds nothing", async () => {
    const file = newFile();
    const server = createSqliteStore({ file });
    const catalog = createTipCatalog({
      store: server,
      clock: createFixedClock("2026-05-01T10:00:00Z"),
      logger: createMemoryLogger(),
    });
    const first = await catalog.records();
    expect(first).toEqual([]);
    const cli = createSqliteStore({ file });
    await cli.importTips(
      [makeTipSource({ id: "mc-importee" })],
      new Date("2026-05-01T10:00:00Z"),
    );
    await cli.close();
    const imported = await catalog.records();
    expect(imported.map((tip) => tip.id)).toEqual(["mc-importee"]);
    const user = await server.createUser(
      {
        email: "a@snu.example",
        displayName: "A",
        role: "admin",
        departments: [],
        passwordHash: "hash",
      },
      new Date(),
    );
    await server.changeTip(
      "mc-importee",
      1,
      {
        action: "edit",
        source: makeTipSource({ id: "mc-importee", title: "Brouillon" }),
      },
      user.id,
      new Date(),
    );
    // The very same list: nothing was rebuilt for a draft.
    expect(await catalog.records()).toBe(imported);
    await server.close();
  });
});
