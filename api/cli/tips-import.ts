import fs from "node:fs";
import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import {
  DatabaseOpenError,
  openStore,
  sqliteFile,
} from "../server/open-store.ts";
import { TipImportError } from "../store/tip-transitions.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import { loadTipSources, TipContentError } from "../tips/load-tips.ts";
import { CliError, parseCliArgs, runCli } from "./cli-errors.ts";

// `npm run tips:import [-- --dir <dossier>]`: the tip files (the repo's by default) → the database, as
// published tips. New ids are created, changed texts published anew (drafts kept), identical ones untouched;
// a tip withdrawn in the console stays withdrawn (its file is no reason to bring it back). A file that would
// move a tip to another platform stops the import, nothing written. A running server serves the result on
// its next request (on PostgreSQL, every instance within a second: NOTIFY). Like support:user (and the server), it creates the database if DATA_DIR has none — on
// purpose, to fill a new one — and says so, so that a mistyped DATA_DIR does not go unnoticed.
const USAGE = "Usage : npm run tips:import [-- --dir <dossier>]";

await runCli(async () => {
  const { values } = parseCliArgs({ dir: { type: "string" } }, USAGE);
  const config = parseConfig(process.env);
  const dir = values.dir ?? TIPS_CONTENT_DIR;
  checkSource(dir);
  const sources = loadTipSources(dir, ROUTE_PATTERNS);
  // PostgreSQL's database is the operator's to create; only a SQLite file can be made by mistake.
  const created = !config.postgres && !fs.existsSync(sqliteFile(config));
  const { store } = await openStore(config);
  try {
    const counts = await store.importTips(sources, systemClock.now());
    if (created)
      console.log(
        `Aucune base dans ${config.dataDir} : nouvelle base créée (vérifiez DATA_DIR si ce n'est pas voulu).`,
      );
    console.log(
      `${counts.created} astuce(s) créée(s), ${counts.updated} mise(s) à jour, ${counts.unchanged} inchangée(s), ` +
        `${counts.withdrawn} retirée(s) dans la console, laissée(s) telle(s) quelle(s).`,
    );
  } finally {
    await store.close();
  }
}, [ConfigError, DatabaseOpenError, TipContentError, TipImportError]);

/** The folder of tip files must exist, be a folder and be readable. */
function checkSource(dir: string) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT")
      throw new CliError(`Dossier d'astuces introuvable : ${dir}.`);
    throw error;
  }
  if (!stat.isDirectory())
    throw new CliError(
      `${dir} n'est pas un dossier d'astuces (c'est un fichier).`,
    );
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    throw new CliError(
      `Dossier d'astuces illisible : ${dir} (permission refusée).`,
    );
  }
}
