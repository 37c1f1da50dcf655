import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { loginError } from "../../../api/console/pages/Login.tsx";
import { AGENT, apiUrl, PASSWORD } from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();

const field = (label: string) =>
  screen.getByLabelText(label) as HTMLInputElement;
function logIn(email: string, password: string) {
  fireEvent.input(field("Adresse e-mail"), { target: { value: email } });
  fireEvent.input(field("Mot de passe"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Se connecter" }));
}

describe("login", () => {
  it("sends an anonymous visitor to the login page with the current path as next", async () => {
    openConsole("/support/requests/SNU-2026-000123?from=x");

    await screen.findByRole("heading", {
      name: "Connexion à la console support",
    });
    expect(currentPath()).toBe(
      `/support/login?next=${encodeURIComponent("/support/requests/SNU-2026-000123?from=x")}`,
    );
    expect(document.activeElement).toBe(field("Adresse e-mail"));
  });

  it("logs in with the CSRF header and goes back to the page named in next", async () => {
    openConsole(
      `/support/login?next=${encodeURIComponent("/support/pages?period=7")}`,
    );

    logIn(AGENT.email, PASSWORD);

    await screen.findByRole("heading", { name: "Demandes par page" });
    expect(currentPath()).toBe("/support/pages?period=7");
    // The real API checked the e-mail and the password, and refuses a login without the header.
    const [login] = api.sent("POST", "/session");
    expect(login!.headers.get("X-SNU-Support")).toBe("1");
    expect(screen.queryByText("Claire Dubois")).not.toBeNull();
  });

  it("ignores a next that leaves the console", async () => {
    openConsole(
      `/support/login?next=${encodeURIComponent("//evil.example/support/")}`,
    );

    logIn(AGENT.email, PASSWORD);

    await screen.findByRole("heading", { name: "Demandes" });
    expect(currentPath()).toBe("/support/");
  });

  it("announces wrong credentials in an alert, keeps the e-mail and focuses the emptied password", async () => {
    openConsole("/support/login");

    logIn("claire.dubois@snu.gouv.fr", "wrong");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Adresse e-mail ou mot de passe incorrect.",
    );
    expect(currentPath()).toBe("/support/login");
    expect(field("Adresse e-mail").value).toBe("claire.dubois@snu.gouv.fr");
    expect(field("Mot de passe").value).toBe("");
    expect(document.activeElement).toBe(field("Mot de passe"));
  });

  it("says how long to wait when too many attempts failed", async () => {
    // Five failures are free, the next one (a second later) imposes 2 s (login-throttle.ts).
    const fail = () =>
      fetch(apiUrl("/session"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-SNU-Support": "1" },
        body: JSON.stringify({ email: AGENT.email, password: "wrong" }),
      });
    for (let failures = 0; failures < 5; failures++) await fail();
    api.clock.advance(1000);
    await fail();
    openConsole("/support/login");

    logIn("claire.dubois@snu.gouv.fr", "wrong again");

    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Trop de tentatives de connexion. Réessayez dans 2 secondes.",
      ),
    );
  });

  it("does not repeat the wait when the server's message already gives it", () => {
    expect(
      loginError({
        ok: false,
        status: 429,
        code: "rate_limited",
        message: "Trop de tentatives de connexion. Réessayez dans 45 secondes.",
        retryAfter: 45,
      }),
    ).toBe("Trop de tentatives de connexion. Réessayez dans 45 secondes.");
  });

  it("asks for both fields without calling the API when one is empty", async () => {
    openConsole("/support/login");

    logIn("claire.dubois@snu.gouv.fr", "");

    expect(screen.getByRole("alert").textContent).toBe(
      "Saisissez votre adresse e-mail et votre mot de passe.",
    );
    expect(api.sent("POST", "/session")).toHaveLength(0);
  });

  it("logs out with the CSRF header and returns to the login page", async () => {
    await api.signIn(AGENT);
    openConsole("/support/");
    fireEvent.click(
      await screen.findByRole("button", { name: "Se déconnecter" }),
    );

    await screen.findByRole("heading", {
      name: "Connexion à la console support",
    });
    const [logout] = api.sent("DELETE", "/session");
    expect(logout!.headers.get("X-SNU-Support")).toBe("1");
    expect(currentPath()).toBe("/support/login");
  });
});
