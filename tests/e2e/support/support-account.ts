import { spawn } from "node:child_process";

/**
 * Creates a console account the way an administrator does, with `npm run support:user -- create …
 * --password-stdin` (the CLI itself), against the server's data folder.
 */
export async function createSupportAccount(
  dataDir: string,
  account: { email: string; role: string; departments?: string; name?: string },
  password: string,
): Promise<string> {
  const args = [
    "--import",
    "tsx",
    "api/cli/support-user.ts",
    "create",
    "--email",
    account.email,
    "--role",
    account.role,
  ];
  if (account.departments) args.push("--departments", account.departments);
  if (account.name) args.push("--name", account.name);
  args.push("--password-stdin");
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  child.stdin.end(`${password}\n`);
  const code = await new Promise<number | null>((resolve) =>
    child.once("exit", resolve),
  );
  if (code !== 0)
    throw new Error(`support:user create failed (${code}): ${output}`);
  return output;
}
