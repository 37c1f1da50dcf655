import path from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import { createSqliteStore } from "../store/sqlite-store.ts";
import { TipImportError } from "../store/tip-transitions.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import { loadTipSources, TipContentError } from "../tips/load-tips.ts";

// `npm run tips:import [-- --dir <dossier>]`: the tip files (the repo's by default) → the database, as
// published tips. New ids are created, changed texts published anew (drafts kept), identical ones untouched;
// a tip withdrawn in the console stays withdrawn (its file is no reason to bring it back). A file that would
// move a tip to another platform stops the import, nothing written. A running server serves the result on
// its next request.
try {
  const { values } = parseArgs({ options: { dir: { type: "string" } } });
  const config = parseConfig(process.env);
  const sources = loadTipSources(
    values.dir ?? TIPS_CONTENT_DIR,
    ROUTE_PATTERNS,
  );
  const store = createSqliteStore({
    file: path.join(config.dataDir, "snu-aide.sqlite"),
  });
  try {
    const counts = await store.importTips(sources, systemClock.now());
    console.log(
      `${counts.created} astuce(s) créée(s), ${counts.updated} mise(s) à jour, ${counts.unchanged} inchangée(s), ` +
        `${counts.withdrawn} retirée(s) dans la console, laissée(s) telle(s) quelle(s).`,
    );
  } finally {
    await store.close();
  }
} catch (error) {
  if (!(
    error instanceof ConfigError ||
    error instanceof TipContentError ||
    error instanceof TipImportError
  ))
    throw error;
  console.error(error.message);
  process.exitCode = 1;
}
