import fs from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { readFileSet } from "../../api/static/file-set.ts";
import { makeRequestBody } from "../support/factories.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { createTestApp, postJson } from "../support/test-app.ts";

const HOST = "https://moncompte.snu.gouv.fr";

/** What hono/secure-headers sets by default, CORP aside (set per area): the policy the app keeps. */
async function honoDefaults(): Promise<[string, string][]> {
  const reference = new Hono()
    .use(secureHeaders({ crossOriginResourcePolicy: false }))
    .get("/", (c) => c.text("ok"));
  const response = await reference.request("/");
  return [...response.headers].filter(([name]) => name !== "content-type");
}

const dir = makeTempDir();
fs.mkdirSync(path.join(dir, "widget"));
fs.writeFileSync(path.join(dir, "widget", "loader.js"), "void 0;");
const files = {
  widget: readFileSet(path.join(dir, "widget")),
  demo: new Map(),
};

describe("security headers", () => {
  it("are those of hono/secure-headers on every answer, errors, 404s and preflights included", async () => {
    const { app } = createTestApp({ files });
    const defaults = await honoDefaults();
    expect(defaults.length).toBeGreaterThanOrEqual(10);
    const answers = {
      health: await app.request("/healthz"),
      tips: await app.request("/v1/tips?platform=moncompte", {
        headers: { Origin: HOST },
      }),
      refused: await app.request("/v1/tips?platform=intranet"),
      badJson: await app.request("/v1/requests", postJson("{")),
      preflight: await app.request("/v1/requests", {
        method: "OPTIONS",
        headers: { Origin: HOST, "Access-Control-Request-Method": "POST" },
      }),
      unknown: await app.request("/v1/nothing-here"),
      created: await app.request("/v1/requests", postJson(makeRequestBody())),
      loader: await app.request("/widget/loader.js"),
      missingFile: await app.request("/widget/nope.js"),
      home: await app.request("/"),
    };
    expect(Object.values(answers).map((response) => response.status)).toEqual([
      200, 200, 400, 400, 204, 404, 201, 200, 404, 200,
    ]);
    for (const [name, response] of Object.entries(answers))
      for (const [header, value] of defaults)
        expect(response.headers.get(header), `${name}: ${header}`).toBe(value);
  });

  it("make widget files embeddable anywhere, the rest same-origin, and forbid the API any content", async () => {
    const { app } = createTestApp({ files });
    const corp = async (url: string) =>
      (await app.request(url)).headers.get("Cross-Origin-Resource-Policy");
    expect(await corp("/widget/loader.js")).toBe("cross-origin");
    expect(await corp("/widget/nope.js")).toBe("cross-origin");
    expect(await corp("/healthz")).toBe("same-origin");
    expect(await corp("/v1/tips?platform=admin")).toBe("same-origin");
    for (const url of ["/v1/tips?platform=admin", "/v1/nothing-here"])
      expect(
        (await app.request(url)).headers.get("Content-Security-Policy"),
      ).toBe("default-src 'none'; frame-ancestors 'none'");
    // A page keeps its own policy.
    expect(
      (await app.request("/")).headers.get("Content-Security-Policy"),
    ).toBe("default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  });
});
