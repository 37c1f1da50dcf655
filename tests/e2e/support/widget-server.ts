import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface WidgetServer {
  url: string;
  origin: string;
  dataDir: string;
  database: string;
  stop(): Promise<void>;
}

/** The real server (`api/server.ts`, built widget and demo from `dist/`) on a free port and a fresh data folder. */
export async function startWidgetServer(
  env: Record<string, string> = {},
): Promise<WidgetServer> {
  if (!fs.existsSync("dist/widget/loader.js"))
    throw new Error("Build first: npm run build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "api/server.ts"],
    {
      env: {
        ...process.env,
        PORT: "0",
        DATA_DIR: dataDir,
        RATE_LIMIT_PER_MINUTE: "1000",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = /écoute sur (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code}: ${output}`)),
    );
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    database: path.join(dataDir, "snu-aide.sqlite"),
    async stop() {
      // A process that already died (crash, or killed by a signal: exitCode stays null then) sends no
      // further "exit": waiting for one would hang the suite.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
