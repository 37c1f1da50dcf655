import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import { DatabaseOpenError, openStore } from "../server/open-store.ts";
import { runRetention } from "../support/retention-job.ts";

// `npm run retention`: anonymises now the requests closed for more than RETENTION_DAYS (the server also
// does it at start-up and every day). On PostgreSQL too (DATABASE_URL): anonymising twice is harmless, so it
// does not wait for a server's run.
try {
  const config = parseConfig(process.env);
  const { store } = await openStore(config);
  const count = await runRetention(store, systemClock, config.retentionDays);
  console.log(
    `${count} demande(s) close(s) depuis plus de ${config.retentionDays} jours anonymisée(s).`,
  );
  const words = await store.pruneSearchWords?.();
  await store.close();
  if (words)
    console.log(
      `Mots de recherche retirés : ${words.pruned}` +
        (words.left ? ` (${words.left} à revoir au prochain passage).` : "."),
    );
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof DatabaseOpenError))
    throw error;
  console.error(error.message);
  process.exitCode = 1;
}
