// What the HTTP benchmarks share: servers started in their own process (their stdout to a file, as it
// would go to a log collector, read until the « écoute sur » line), /proc readings of a process, percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LISTENING_RE = /écoute sur http:\/\/127\.0\.0\.1:(\d+)\//;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Writes a V8 CPU profile per thread there (tsx adds a loader thread: the largest is the server's). */
  cpuProfDir?: string;
  /** Pins the process to these CPUs (`taskset -c`), so that server and load generator do not share one. */
  cpus?: string;
  /** The folder the process runs in; default the repository's root. */
  cwd?: string;
}

/**
 * V8's flags of the server as `npm start` runs it (package.json): young-generation semi-spaces of 8 MB
 * instead of 16 keep the peak RSS under load about 15 MB lower, away from the 256 MB budget (05/12, 30 s
 * runs: 237 MB against 247 to 258 MB), writes as fast; 4 MB saved 30 MB but slowed the real server more
 * than the bare one (real/bare 0.80). Every server of a bench runs with them, real and bare alike.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8"];

/** The command line of a Node process running `args` through tsx, pinned to `cpus` when given. */
export function nodeCommand(
  args: string[],
  options: StartOptions = {},
): [string, string[]] {
  const profile = options.cpuProfDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`]
    : [];
  const node = [...SERVER_NODE_FLAGS, ...profile, "--import", "tsx", ...args];
  return options.cpus
    ? ["taskset", ["-c", options.cpus, process.execPath, ...node]]
    : [process.execPath, node];
}

/** Starts `node --import tsx ...args` (taskset execs it: same pid) and waits for its « écoute sur » line. */
/** The real server's environment in the benches: its own data folder, no demo, no rate limit, one origin. */
export const realServerEnv = (dataDir: string, origin: string) => ({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  DEMO: "false",
  RATE_LIMIT_PER_MINUTE: "0",
  ALLOWED_ORIGINS: origin,
});

export async function startServer(
  args: string[],
  env: Record<string, string>,
  logFile: string,
  options: StartOptions = {},
): Promise<ServerProcess> {
  const out = fs.openSync(logFile, "w");
  const [command, commandArgs] = nodeCommand(args, options);
  const child = spawn(command, commandArgs, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, "pipe"],
  });
  fs.closeSync(out);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = LISTENING_RE.exec(
      fs.readFileSync(logFile, "utf8").slice(0, 4096),
    );
    if (found)
      return {
        child,
        pid: child.pid!,
        port: Number(found[1]),
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start (${args.join(" ")}):\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// /proc readings of a process: RSS now, kernel peak RSS, CPU time (user + system).
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** `VmRSS` (now) or `VmHWM` (peak) of a process, in kB. */
export const procStatusKb = (pid: number, field: "VmRSS" | "VmHWM") =>
  Number(
    new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      fs.readFileSync(`/proc/${pid}/status`, "utf8"),
    )?.[1] ?? NaN,
  );

/** CPU time a process has used so far (user + system), in ms. */
export const procCpuMs = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime, stime
};

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]!;
}
