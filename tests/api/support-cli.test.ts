import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { verifyPassword } from "../../api/support/passwords.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import path from "node:path";

// `npm run support:user -- …` as an administrator types it, against a real data folder.
const dataDir = makeTempDir();

function cli(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "api/cli/support-user.ts", ...args],
    {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  child.stdin.end(stdin ?? "");
  return new Promise((resolve) =>
    child.once("exit", (code) => resolve({ code, out })),
  );
}

async function account(email: string) {
  const store = createSqliteStore({
    file: path.join(dataDir, "snu-aide.sqlite"),
  });
  try {
    return await store.findUserByEmail(email);
  } finally {
    await store.close();
  }
}

describe("npm run support:user", () => {
  it("creates a referent with its départements and a password read from stdin, never printed", async () => {
    const { code, out } = await cli(
      [
        "create",
        "--email",
        "Ref@Test.fr",
        "--role",
        "referent",
        "--departments",
        "75,92",
        "--password-stdin",
      ],
      "un mot de passe assez long\n",
    );
    expect(code).toBe(0);
    expect(out).toContain("Compte créé : #1 ref@test.fr");
    expect(out).not.toContain("un mot de passe assez long");
    const user = await account("ref@test.fr");
    expect(user).toMatchObject({
      role: "referent",
      departments: ["75", "92"],
      disabled: false,
    });
    expect(
      await verifyPassword("un mot de passe assez long", user!.passwordHash),
    ).toBe(true);
  }, 30_000);

  it("gives a regional referent the départements of its région", async () => {
    const { code } = await cli([
      "create",
      "--email",
      "idf@test.fr",
      "--role",
      "referent",
      "--region",
      "ile-de-france",
    ]);
    expect(code).toBe(0);
    expect((await account("idf@test.fr"))?.departments).toEqual([
      "75",
      "77",
      "78",
      "91",
      "92",
      "93",
      "94",
      "95",
    ]);
  }, 30_000);

  it("refuses bad input with a French message and exit code 1", async () => {
    for (const args of [
      ["create", "--email", "x@test.fr", "--role", "chef"],
      ["create", "--email", "x@test.fr", "--role", "referent"],
      [
        "create",
        "--email",
        "x@test.fr",
        "--role",
        "agent",
        "--departments",
        "75",
      ],
      ["create", "--email", "ref@test.fr", "--role", "agent"],
    ]) {
      const { code, out } = await cli(args);
      expect(code, args.join(" ")).toBe(1);
      expect(out).toMatch(
        /Rôle inconnu|au moins un département|Seuls les référents|existe déjà/,
      );
    }
  }, 60_000);

  it("lets an agent edit tips or not, and refuses the switch for other roles", async () => {
    await cli(["create", "--email", "agent@test.fr", "--role", "agent"]);
    const allowed = await cli(["allow-tips", "--email", "agent@test.fr"]);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain("Peut désormais modifier les astuces");
    expect((await account("agent@test.fr"))?.canEditTips).toBe(true);
    expect((await cli(["list"])).out).toContain("agent — astuces");
    expect((await cli(["deny-tips", "--email", "agent@test.fr"])).code).toBe(0);
    expect((await account("agent@test.fr"))?.canEditTips).toBe(false);
    const referent = await cli(["allow-tips", "--email", "idf@test.fr"]);
    expect(referent.code).toBe(1);
    expect(referent.out).toContain(
      "Un référent ne peut pas modifier les astuces.",
    );
    expect((await account("idf@test.fr"))?.canEditTips).toBe(false);
  }, 60_000);

  it("lists, disables and resets passwords", async () => {
    const listed = await cli(["list"]);
    expect(listed.out).toContain(
      "ref@test.fr (ref) — referent départements 75,92",
    );
    expect((await cli(["disable", "--email", "ref@test.fr"])).code).toBe(0);
    expect((await account("ref@test.fr"))?.disabled).toBe(true);
    const reset = await cli(["reset-password", "--email", "idf@test.fr"]);
    expect(reset.code).toBe(0);
    const generated =
      /Nouveau mot de passe \(à transmettre de façon sûre\) : (\S+)/.exec(
        reset.out,
      )?.[1];
    expect(generated).toBeDefined();
    expect(
      await verifyPassword(
        generated!,
        (await account("idf@test.fr"))!.passwordHash,
      ),
    ).toBe(true);
  }, 60_000);
});
