import type { Hono } from "hono";
import type { AppEnv } from "../../api/app-env.ts";
import type {
  SupportStore,
  SupportUser,
} from "../../api/store/support-types.ts";
import { createAccount } from "../../api/support/accounts.ts";

export const TEST_PASSWORD = "correct horse battery staple";

/** Headers a console call carries from the console itself (same origin, CSRF header). */
export const CONSOLE_HEADERS = {
  "X-SNU-Support": "1",
  Origin: "http://localhost",
};

/** Creates an account and logs it in through the API; returns the session cookie to send. */
export async function loginAs(
  app: Hono<AppEnv>,
  store: SupportStore,
  account: {
    email: string;
    role: "admin" | "agent" | "referent";
    departments?: string;
  },
): Promise<{ user: SupportUser; cookie: string }> {
  const user = await createAccount(
    store,
    { ...account, password: TEST_PASSWORD },
    new Date("2026-11-01T00:00:00Z"),
  );
  const response = await app.request("/support/api/session", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...CONSOLE_HEADERS },
    body: JSON.stringify({ email: account.email, password: TEST_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(
      `login failed: ${response.status} ${await response.text()}`,
    );
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return { user, cookie };
}
