import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";

/** Every server process spawned by the tests, until `stopAllServerProcesses` kills those still running. */
const spawned: ChildProcess[] = [];

/**
 * Spawns `api/server.ts` as `npm start` does, in its own process, on a free port (PORT=0), with `env` over
 * the current environment. `listening` resolves with the URL of its « écoute sur … » line and rejects if it
 * exits first; `stdoutMatches` waits the same way for any pattern in its standard output.
 */
export function spawnServerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "api/server.ts"], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const stdoutMatches = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const found = pattern.exec(stdout);
        if (!found) return;
        child.stdout!.off("data", check);
        resolve(found);
      };
      child.stdout!.on("data", check);
      child.once("exit", (code) =>
        reject(new Error(`exited ${code}: ${stdout}\n${stderr}`)),
      );
      check();
    });
  const listening = stdoutMatches(/écoute sur (http:\/\/\S+)/).then(
    (found) => found[1]!,
  );
  return {
    child,
    listening,
    stdoutMatches,
    output: () => ({ stdout, stderr }),
  };
}

/** Spawns `api/server.ts` (see `spawnServerProcess`) and resolves once it listens, with its URL. */
export async function startServerProcess(env: Record<string, string>) {
  const server = spawnServerProcess(env);
  return { ...server, url: new URL(await server.listening) };
}

/** The setup of the tests that send many requests: a given data folder, no demo accounts, no rate limit. */
export function unthrottledEnv(dataDir: string): Record<string, string> {
  return { DATA_DIR: dataDir, DEMO: "false", RATE_LIMIT_PER_MINUTE: "0" };
}

/** For `afterEach`: kills (SIGKILL) every server process a test left running. */
export function stopAllServerProcesses() {
  for (const child of spawned.splice(0))
    if (child.exitCode === null && child.signalCode === null)
      child.kill("SIGKILL");
}

/** The references of the requests stored in the database of the server process that used `dataDir`. */
export function storedReferences(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, "snu-aide.sqlite"), {
    readonly: true,
  });
  try {
    return db
      .prepare("SELECT reference FROM requests")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}
