import type { JobLock } from "../store/job-lock.ts";
import type { AppStore } from "../store/app-store.ts";
import { createDemoAccounts } from "./demo-accounts.ts";
import { createDemoReplyTemplates } from "./demo-reply-templates.ts";

/**
 * The demo accounts and reply templates (DEMO=true), created by one instance at a time: on PostgreSQL,
 * instances starting together would each find no account and create them all — the second failing on an
 * e-mail already taken, the templates twice. The instance that holds the lock creates them; one started
 * meanwhile skips (the first prints the passwords). Returns the lines to print once, empty if none.
 */
export async function prepareDemoData(
  store: AppStore,
  lock: JobLock,
  now: Date,
): Promise<string[]> {
  let lines: string[] = [];
  await lock.runAlone("demo", async () => {
    lines = await createDemoAccounts(store, now);
    await createDemoReplyTemplates(store, now);
  });
  return lines;
}
