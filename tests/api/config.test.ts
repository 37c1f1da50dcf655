import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../api/config.ts";

describe("parseConfig", () => {
  it("gives every variable a default", () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.resolve("./data"),
      allowedOrigins: [],
      demo: true,
      trustProxy: false,
      rateLimitPerMinute: 20,
      retentionDays: 365,
    });
  });

  it("reads every variable", () => {
    const config = parseConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATA_DIR: "/var/lib/snu-aide",
      ALLOWED_ORIGINS:
        "https://moncompte.snu.gouv.fr, https://admin.snu.gouv.fr",
      DEMO: "false",
      TRUST_PROXY: "true",
      RATE_LIMIT_PER_MINUTE: "0",
      RETENTION_DAYS: "30",
    });
    expect(config).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/var/lib/snu-aide",
      allowedOrigins: [
        "https://moncompte.snu.gouv.fr",
        "https://admin.snu.gouv.fr",
      ],
      demo: false,
      trustProxy: true,
      rateLimitPerMinute: 0,
      retentionDays: 30,
    });
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DEMO: "oui" }, "DEMO"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY"],
    [{ ALLOWED_ORIGINS: "https://moncompte.snu.gouv.fr/" }, "ALLOWED_ORIGINS"],
    [{ ALLOWED_ORIGINS: "moncompte.snu.gouv.fr" }, "ALLOWED_ORIGINS"],
    [{ RATE_LIMIT_PER_MINUTE: "-1" }, "RATE_LIMIT_PER_MINUTE"],
    [{ DATA_DIR: "" }, "DATA_DIR"],
    [{ RETENTION_DAYS: "0" }, "RETENTION_DAYS"],
    [{ RETENTION_DAYS: "un an" }, "RETENTION_DAYS"],
  ])("stops with a message naming the variable for %o", (env, name) => {
    expect(() => parseConfig(env)).toThrow(name);
  });
});
