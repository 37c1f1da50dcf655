import path from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import { createSqliteStore } from "../store/sqlite-store.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import { loadTipSources, TipContentError } from "../tips/load-tips.ts";

// `npm run tips:import [-- --dir <dossier>]`: the tip files (the repo's by default) → the database, as
// published tips. New ids are created, changed texts published anew (drafts kept), identical ones untouched.
// A running server serves the result on its next request.
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
      `${counts.created} astuce(s) créée(s), ${counts.updated} mise(s) à jour, ${counts.unchanged} inchangée(s).`,
    );
  } finally {
    await store.close();
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof TipContentError))
    throw error;
  console.error(error.message);
  process.exitCode = 1;
}
