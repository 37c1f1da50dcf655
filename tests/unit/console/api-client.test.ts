import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createConsoleApi } from "../../../api/console/client/api-client.ts";
import {
  AGENT,
  apiUrl,
  NOW,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { ALL, seedRequest } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { server, api: realApi } = useConsoleServer();

const client = (onUnauthorized = vi.fn()) => ({
  onUnauthorized,
  api: createConsoleApi({
    fetch: window.fetch,
    baseUrl: `${window.location.origin}/support/api`,
    onUnauthorized,
  }),
});

describe("console API client", () => {
  it("reports an unreachable server as a failure with a French message, never throwing", async () => {
    // A network error: what no answer of the app can be.
    server.use(http.get(apiUrl("/session"), () => HttpResponse.error()));
    const { api } = client();

    const result = await api.getSession();

    expect(result).toMatchObject({ ok: false, status: 0, code: "network" });
    expect(!result.ok && result.message).toMatch(/^Le serveur ne répond pas/);
  });

  it("calls onUnauthorized on a 401, except for a failed login", async () => {
    const { api, onUnauthorized } = client();

    // A known account: its password is checked at once (an unknown one costs a full scrypt, passwords.ts).
    await api.login(AGENT.email, "wrong");
    expect(onUnauthorized).not.toHaveBeenCalled();
    await api.listRequests(new URLSearchParams());
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("sends X-SNU-Support on state changes only", async () => {
    await realApi.signIn(AGENT);
    await seedRequest(realApi.store);
    const { api } = client();

    await api.getRequest(REFERENCE);
    await api.updateRequest(REFERENCE, { version: 1, tags: ["a"] });
    await api.addNote(REFERENCE, "Note");
    await api.logout();

    expect(
      realApi.sent().map((c) => [c.method, c.headers.get("X-SNU-Support")]),
    ).toEqual([
      ["GET", null],
      ["PATCH", "1"],
      ["POST", "1"],
      ["DELETE", "1"],
    ]);
  });

  it("hands back the fresh request of a version conflict", async () => {
    await realApi.signIn(AGENT);
    await seedRequest(realApi.store);
    for (const text of ["Une", "Deux", "Trois"])
      // versions 2 to 4
      await realApi.store.addNote(ALL, REFERENCE, AGENT.id, text, NOW);
    const { api } = client();

    const result = await api.updateRequest(REFERENCE, {
      version: 3,
      status: "closed",
    });

    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: "version_conflict",
    });
    expect(!result.ok && result.current?.version).toBe(4);
  });

  it("refuses a success answer that does not look like the expected data", async () => {
    // The real app never answers so: a proxy or a mismatched deployment could.
    server.use(
      http.get(apiUrl("/requests/:reference"), () =>
        HttpResponse.json({ nope: true }),
      ),
    );
    const { api } = client();

    expect(await api.getRequest(REFERENCE)).toMatchObject({
      ok: false,
      code: "bad_response",
    });
  });
});
