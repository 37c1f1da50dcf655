import path from "node:path";
import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { createSqliteStore } from "../store/sqlite-store.ts";
import { runRetention } from "../support/retention-job.ts";

// `npm run retention`: anonymises now the requests closed for more than RETENTION_DAYS (the server also
// does it at start-up and every day).
try {
  const config = parseConfig(process.env);
  const store = createSqliteStore({
    file: path.join(config.dataDir, "snu-aide.sqlite"),
  });
  const count = await runRetention(store, systemClock, config.retentionDays);
  await store.close();
  console.log(
    `${count} demande(s) close(s) depuis plus de ${config.retentionDays} jours anonymisée(s).`,
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
