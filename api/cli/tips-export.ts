import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../config.ts";
import { createSqliteStore } from "../store/sqlite-store.ts";
import { formatTipFile } from "../tips/format-tip-file.ts";

// `npm run tips:export -- --dir <dossier>`: the published tips of the database → `<dossier>/<platform>/<id>.md`,
// in the format tips:check and tips:import read (drafts are not exported). Existing files are overwritten.
try {
  const { values } = parseArgs({ options: { dir: { type: "string" } } });
  if (!values.dir) {
    console.error("Usage : npm run tips:export -- --dir <dossier>");
    process.exitCode = 2;
  } else {
    const config = parseConfig(process.env);
    const store = createSqliteStore({
      file: path.join(config.dataDir, "snu-aide.sqlite"),
    });
    try {
      let count = 0;
      for (const tip of await store.listTips()) {
        if (!tip.published) continue;
        const folder = path.join(values.dir, tip.platform);
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(
          path.join(folder, `${tip.id}.md`),
          formatTipFile(tip.published),
        );
        count++;
      }
      console.log(
        `${count} astuce(s) publiée(s) exportée(s) dans ${values.dir}.`,
      );
    } finally {
      await store.close();
    }
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
