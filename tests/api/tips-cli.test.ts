import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { loadTips, loadTipSources } from "../../api/tips/load-tips.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// `npm run tips:import` and `npm run tips:export` as a maintainer types them, against a real data folder.
const dataDir = makeTempDir();
const repoCount = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS).length;

function cli(
  script: "tips-import" | "tips-export",
  args: string[] = [],
  data = dataDir,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", `api/cli/${script}.ts`, ...args],
    {
      env: { ...process.env, DATA_DIR: data },
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

async function withStore<T>(
  run: (store: ReturnType<typeof createSqliteStore>) => Promise<T>,
  data = dataDir,
) {
  const store = createSqliteStore({
    file: path.join(data, "snu-aide.sqlite"),
  });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe("npm run tips:import / tips:export", () => {
  it("imports the repo files as published tips, then changes nothing the second time", async () => {
    const first = await cli("tips-import");
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      `${repoCount} astuce(s) créée(s), 0 mise(s) à jour, 0 inchangée(s), 0 retirée(s)`,
    );
    const again = await cli("tips-import");
    expect(again.out).toContain(
      `0 astuce(s) créée(s), 0 mise(s) à jour, ${repoCount} inchangée(s), 0 retirée(s)`,
    );
    await withStore(async (store) => {
      const tips = await store.listTips();
      expect(tips).toHaveLength(repoCount);
      expect(tips.every((tip) => tip.published && !tip.draft)).toBe(true);
    });
  }, 30_000);

  it("exports the published tips as files tips:check accepts; re-importing them changes nothing", async () => {
    const out = makeTempDir();
    const exported = await cli("tips-export", ["--dir", out]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(
      `${repoCount} astuce(s) publiée(s) exportée(s)`,
    );
    expect(loadTips(out, ROUTE_PATTERNS)).toEqual(
      loadTips(TIPS_CONTENT_DIR, ROUTE_PATTERNS),
    );
    const reimported = await cli("tips-import", ["--dir", out]);
    expect(reimported.out).toContain(
      `0 astuce(s) créée(s), 0 mise(s) à jour, ${repoCount} inchangée(s), 0 retirée(s)`,
    );
  }, 30_000);

  it("publishes a changed file anew and keeps drafts out of the export", async () => {
    const dir = makeTempDir();
    fs.cpSync(TIPS_CONTENT_DIR, dir, { recursive: true });
    const [source] = loadTipSources(dir, ROUTE_PATTERNS);
    const file = path.join(dir, source!.platform, `${source!.id}.md`);
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(/^title: .*$/m, "title: Titre changé"),
    );
    const imported = await cli("tips-import", ["--dir", dir]);
    expect(imported.out).toContain(
      `0 astuce(s) créée(s), 1 mise(s) à jour, ${repoCount - 1} inchangée(s), 0 retirée(s)`,
    );
    await withStore(async (store) => {
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
      await store.createTip(
        { ...source!, id: "mc-brouillon-seul" },
        user.id,
        new Date(),
      );
      expect((await store.getTip(source!.id))?.published?.title).toBe(
        "Titre changé",
      );
    });
    const out = makeTempDir();
    await cli("tips-export", ["--dir", out]);
    expect(
      fs.existsSync(path.join(out, source!.platform, "mc-brouillon-seul.md")),
    ).toBe(false);
    expect(
      fs.readFileSync(
        path.join(out, source!.platform, `${source!.id}.md`),
        "utf8",
      ),
    ).toContain("title: Titre changé");
  }, 30_000);

  it("leaves a tip withdrawn in the console withdrawn, and refuses a file that moves a tip to another platform", async () => {
    const dir = makeTempDir();
    fs.cpSync(TIPS_CONTENT_DIR, dir, { recursive: true });
    const [source] = loadTipSources(dir, ROUTE_PATTERNS);
    await withStore(async (store) => {
      const user = await store.createUser(
        {
          email: "retrait@test.fr",
          displayName: "R",
          role: "admin",
          departments: [],
          passwordHash: "x",
        },
        new Date(),
      );
      const tip = (await store.getTip(source!.id))!;
      await store.changeTip(
        tip.id,
        tip.version,
        { action: "unpublish" },
        user.id,
        new Date(),
      );
    });
    const imported = await cli("tips-import", ["--dir", dir]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(
      "1 retirée(s) dans la console, laissée(s) telle(s) quelle(s).",
    );
    await withStore(async (store) => {
      expect((await store.getTip(source!.id))?.published).toBeNull();
    });

    const other = source!.platform === "admin" ? "moncompte" : "admin";
    fs.mkdirSync(path.join(dir, other), { recursive: true });
    fs.renameSync(
      path.join(dir, source!.platform, `${source!.id}.md`),
      path.join(dir, other, `${source!.id}.md`),
    );
    const file = path.join(dir, other, `${source!.id}.md`);
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(/^platform: .*$/m, `platform: ${other}`)
        .replace(/^routes: .*$/m, "routes: /mission")
        .replace(/^params: .*\n/m, ""),
    );
    const moved = await cli("tips-import", ["--dir", dir]);
    expect(moved.code, moved.out).toBe(1);
    expect(moved.out).toContain(`${other}/${source!.id}.md`);
    expect(moved.out).toContain("ne change pas de plateforme");
  }, 30_000);

  it("refuses a broken file with its name, and an export without --dir", async () => {
    const dir = makeTempDir();
    fs.mkdirSync(path.join(dir, "moncompte"));
    fs.writeFileSync(
      path.join(dir, "moncompte", "mc-casse.md"),
      "pas d'en-tête",
    );
    const broken = await cli("tips-import", ["--dir", dir]);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("moncompte/mc-casse.md");
    const usage = await cli("tips-export");
    expect(usage.code).toBe(2);
    expect(usage.out).toContain("--dir");
  }, 30_000);

  // An expected failure is one French line on stderr and exit 1, never a Node stack trace.
  function expectOneLineFailure(
    result: { code: number | null; out: string },
    text: string,
  ) {
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain(text);
    expect(result.out.trim().split("\n")).toHaveLength(1);
    expect(result.out).not.toMatch(/^\s+at |Error|node:internal/m);
  }

  it("refuses an unknown option with the usage, for both commands", async () => {
    expectOneLineFailure(
      await cli("tips-export", ["--dri", makeTempDir()]),
      "Option inconnue : --dri. Usage : npm run tips:export -- --dir <dossier> [--force]",
    );
    expectOneLineFailure(
      await cli("tips-import", ["--dri", makeTempDir()]),
      "Option inconnue : --dri. Usage : npm run tips:import",
    );
  }, 30_000);

  it("refuses an import --dir that is missing or a file, and an export --dir that is a file", async () => {
    const dir = makeTempDir();
    expectOneLineFailure(
      await cli("tips-import", ["--dir", path.join(dir, "absent")]),
      `Dossier d'astuces introuvable : ${path.join(dir, "absent")}.`,
    );
    const file = path.join(dir, "fichier.md");
    fs.writeFileSync(file, "x");
    expectOneLineFailure(
      await cli("tips-import", ["--dir", file]),
      `${file} n'est pas un dossier d'astuces`,
    );
    expectOneLineFailure(
      await cli("tips-export", ["--dir", file]),
      `${file} n'est pas un dossier`,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("x");
  }, 30_000);

  it("refuses to export from a data folder without a database, and creates none", async () => {
    const wrong = path.join(makeTempDir(), "mauvais");
    const out = makeTempDir();
    expectOneLineFailure(
      await cli("tips-export", ["--dir", out], wrong),
      `Aucune base trouvée dans ${wrong} : vérifiez DATA_DIR.`,
    );
    expect(fs.existsSync(wrong)).toBe(false);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 30_000);

  it("creates the database on import when there is none (on purpose), and says so", async () => {
    const fresh = path.join(makeTempDir(), "neuf");
    const imported = await cli("tips-import", [], fresh);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(
      `Aucune base dans ${fresh} : nouvelle base créée`,
    );
    expect(imported.out).toContain(`${repoCount} astuce(s) créée(s)`);
    expect(fs.existsSync(path.join(fresh, "snu-aide.sqlite"))).toBe(true);
  }, 30_000);

  it("refuses a non-empty --dir unless --force, which overwrites the exported tips' files and leaves the others", async () => {
    const data = makeTempDir();
    expect((await cli("tips-import", [], data)).code).toBe(0);
    const out = makeTempDir();
    const [source] = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
    const tipFile = path.join(out, source!.platform, `${source!.id}.md`);
    fs.mkdirSync(path.dirname(tipFile));
    fs.writeFileSync(tipFile, "ancien contenu");
    fs.writeFileSync(path.join(out, "NOTES.txt"), "à garder");

    expectOneLineFailure(
      await cli("tips-export", ["--dir", out], data),
      `Le dossier ${out} n'est pas vide : ajoutez --force`,
    );
    expect(fs.readFileSync(tipFile, "utf8")).toBe("ancien contenu");
    expect(fs.readdirSync(path.dirname(tipFile))).toEqual([`${source!.id}.md`]);

    const forced = await cli("tips-export", ["--dir", out, "--force"], data);
    expect(forced.code, forced.out).toBe(0);
    expect(forced.out).toContain(
      `${repoCount} astuce(s) publiée(s) exportée(s) dans ${out} (--force : 1 fichier(s) existant(s) écrasé(s), les autres fichiers du dossier laissés tels quels).`,
    );
    expect(fs.readFileSync(tipFile, "utf8")).toContain(`id: ${source!.id}`);
    expect(fs.readFileSync(path.join(out, "NOTES.txt"), "utf8")).toBe(
      "à garder",
    );
  }, 30_000);

  it("refuses to export a row whose id would lead outside the folder, writing nothing", async () => {
    const data = makeTempDir();
    const [source] = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
    await withStore(async (store) => {
      await store.importTips(
        [source!, { ...source!, id: "../../hors-du-dossier" }],
        new Date(),
      );
    }, data);
    const root = makeTempDir();
    const out = path.join(root, "a", "b");
    expectOneLineFailure(
      await cli("tips-export", ["--dir", out], data),
      "Astuce invalide dans la base (identifiant « ../../hors-du-dossier »",
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  }, 30_000);
});
