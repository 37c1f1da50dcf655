import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createConsoleApi } from "../../../api/console/api-client.ts";
import {
  AGENT,
  apiUrl,
  makeDetail,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { errorResponse } from "../../support/console/handlers.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { server, fake } = useConsoleServer();

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
    server.use(http.get(apiUrl("/session"), () => HttpResponse.error()));
    const { api } = client();

    const result = await api.getSession();

    expect(result).toMatchObject({ ok: false, status: 0, code: "network" });
    expect(!result.ok && result.message).toMatch(/^Le serveur ne répond pas/);
  });

  it("calls onUnauthorized on a 401, except for a failed login", async () => {
    server.use(
      http.post(apiUrl("/session"), () =>
        errorResponse(
          401,
          "invalid_credentials",
          "Adresse e-mail ou mot de passe incorrect.",
        ),
      ),
    );
    const { api, onUnauthorized } = client();

    await api.login("a@b.fr", "x");
    expect(onUnauthorized).not.toHaveBeenCalled();
    await api.listRequests(new URLSearchParams());
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("sends X-SNU-Support on state changes only", async () => {
    fake.user = AGENT;
    fake.details.set(REFERENCE, makeDetail());
    const { api } = client();

    await api.getRequest(REFERENCE);
    await api.updateRequest(REFERENCE, { version: 1, tags: ["a"] });
    await api.addNote(REFERENCE, "Note");
    await api.logout();

    expect(
      fake.calls.map((c) => [c.method, c.headers.get("X-SNU-Support")]),
    ).toEqual([
      ["GET", null],
      ["PATCH", "1"],
      ["POST", "1"],
      ["DELETE", "1"],
    ]);
  });

  it("hands back the fresh request of a version conflict", async () => {
    fake.user = AGENT;
    fake.details.set(REFERENCE, makeDetail({ version: 4 }));
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
