import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const made = new Set<string>();

// Registered once, while the test file that imports this module is collected: a hook registered from
// inside a running test (createTestApp is called in tests) is never run, and those folders — SQLite files
// holding test requests — stayed in /tmp, hundreds per `npm test`.
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  made.clear();
});

/** A fresh folder under the OS temp dir, removed when the test file ends. */
export function makeTempDir(prefix = "snu-aide-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}
