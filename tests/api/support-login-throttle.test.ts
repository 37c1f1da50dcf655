import { describe, expect, it } from "vitest";
import { createAccount } from "../../api/support/accounts.ts";
import { CONSOLE_HEADERS, TEST_PASSWORD } from "../support/support-session.ts";
import { createTestApp, fromAddress } from "../support/test-app.ts";

// Issue 11, item 2: the console login's throttle on the real app — attempts are counted before the
// password is checked, and a success takes back only what concerns its own account.

type App = ReturnType<typeof createTestApp>["app"];

const login = (app: App, email: string, password: string, address: string) =>
  app.request(
    "/support/api/session",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...CONSOLE_HEADERS },
      body: JSON.stringify({ email, password }),
    },
    fromAddress(address),
  );

async function withAccounts(...emails: string[]) {
  const context = createTestApp();
  for (const email of emails)
    await createAccount(
      context.store,
      { email, role: "agent", password: TEST_PASSWORD },
      new Date("2026-11-01T00:00:00Z"),
    );
  return context;
}

describe("console login throttle", () => {
  it("counts parallel attempts before checking them: the right password among 40 wrong ones does not get in", async () => {
    const { app } = await withAccounts("cible@test.fr");
    // 41 attempts at once, each from its own address (only the account's key can stop them), the right
    // password in the middle.
    const passwords = Array.from({ length: 41 }, (_, i) =>
      i === 20 ? TEST_PASSWORD : `mauvais-${i}`,
    );
    const responses = await Promise.all(
      passwords.map((password, i) =>
        login(app, "cible@test.fr", password, `198.51.100.${i + 1}`),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses[20]).toBe(429);
    // As many checked as sequential attempts would have been: the free ones, and no more.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    for (const response of responses.filter((r) => r.status === 429))
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("keeps an address's failures on other accounts when it logs in to its own", async () => {
    const { app } = await withAccounts("moi@test.fr");
    const address = "203.0.113.7";
    // Three accounts tried once each (none is throttled on its own), one typo on one's own account.
    for (const victim of ["v1", "v2", "v3"])
      expect(
        (await login(app, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    expect((await login(app, "moi@test.fr", "faute", address)).status).toBe(
      401,
    );
    expect(
      (await login(app, "moi@test.fr", TEST_PASSWORD, address)).status,
    ).toBe(200);
    // The typo is forgiven, the three guesses are not: two more free failures, then the address waits.
    for (const victim of ["v4", "v5"])
      expect(
        (await login(app, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    const slowed = await login(app, "v6@test.fr", "devine", address);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not slowed by these.
    expect(
      (await login(app, "v6@test.fr", "devine", "203.0.113.8")).status,
    ).toBe(401);
  });
});
