import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { loadTipSources } from "../../api/tips/load-tips.ts";
import { useEmptyDatabase, type TestDatabase } from "../support/pg-database.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 15: the maintenance commands work on PostgreSQL as on SQLite, with DATABASE_URL set as for the
// server. Nothing is written to DATA_DIR but what the command itself makes (the export's files).

const SECRET = "7a".repeat(32);
const dataDir = makeTempDir();
const repoCount = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS).length;

let database: TestDatabase;
let admin: pg.Pool;
useEmptyDatabase((opened) => ({ pool: admin, database } = opened));

function cli(
  script:
    | "tips-import"
    | "tips-export"
    | "tips-coverage"
    | "support-user"
    | "retention",
  args: string[] = [],
  url = database.url,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", `api/cli/${script}.ts`, ...args],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        FOLLOW_UP_SECRET: SECRET,
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) =>
    child.once("exit", (code) => resolve({ code, out })),
  );
}

describe("the CLIs on PostgreSQL", () => {
  it("imports the repo's tips into a new database, then exports them", async () => {
    const imported = await cli("tips-import");
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(
      `${repoCount} astuce(s) créée(s), 0 mise(s) à jour, 0 inchangée(s)`,
    );
    // A SQLite base is never made by mistake next to a PostgreSQL one.
    expect(imported.out).not.toContain("nouvelle base créée");
    expect(fs.existsSync(path.join(dataDir, "snu-aide.sqlite"))).toBe(false);
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM tips WHERE published IS NOT NULL",
    );
    expect(rows[0]!.n).toBe(repoCount);

    const target = path.join(dataDir, "export");
    const exported = await cli("tips-export", ["--dir", target]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`${repoCount} astuce(s) publiée(s)`);
    const files = fs.readdirSync(target, {
      recursive: true,
      withFileTypes: true,
    });
    expect(files.filter((entry) => entry.isFile())).toHaveLength(repoCount);

    // The coverage reads the same database: the tips just imported, and no SQLite file made for it.
    const coverage = await cli("tips-coverage", ["--platform", "moncompte"]);
    expect(coverage.code).toBe(0);
    expect(coverage.out).toMatch(
      /Astuces publiées et actives le .* dans la base PostgreSQL 127\.0\.0\.1:\d+\/snu_test_\w+ : \d+\./,
    );
    expect(coverage.out).not.toContain("Aucune base");
    expect(fs.existsSync(path.join(dataDir, "snu-aide.sqlite"))).toBe(false);
  });

  it("creates and lists console accounts, and runs the retention", async () => {
    const created = await cli("support-user", [
      "create",
      "--email",
      "agent.pg@snu.gouv.fr",
      "--role",
      "agent",
    ]);
    expect(created.code).toBe(0);
    expect(created.out).toContain("Compte créé : #");
    const listed = await cli("support-user", ["list"]);
    expect(listed.out).toContain("agent.pg@snu.gouv.fr");

    const retention = await cli("retention");
    expect(retention.code).toBe(0);
    expect(retention.out).toContain(
      "0 demande(s) close(s) depuis plus de 365 jours anonymisée(s).",
    );
  });

  it("says which database it could not open, never the password", async () => {
    const url = new URL(database.url);
    url.pathname = "/base_absente";
    url.password = "mot-de-passe-secret";
    const result = await cli("tips-import", [], url.toString());
    expect(result.code).toBe(1);
    expect(result.out.trim()).toBe(
      `Base PostgreSQL inutilisable (PostgreSQL ${url.host}/base_absente) : cette base n'existe pas. Vérifiez DATABASE_URL.`,
    );
  });
});
