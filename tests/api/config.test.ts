import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POOL_SIZE, parseConfig } from "../../api/config.ts";

describe("parseConfig", () => {
  it("gives every variable a default", () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.resolve("./data"),
      allowedOrigins: [],
      demo: true,
      demoExplicit: false,
      trustProxy: false,
      rateLimitPerMinute: 20,
      retentionDays: 365,
      mailFrom: "SNU Aide <support@snu.localhost>",
      publicUrl: "http://127.0.0.1:3000",
      reminderDays: 5,
      autoResolveDays: 14,
    });
    // No DATABASE_URL: SQLite in DATA_DIR, as ever.
    expect(parseConfig({})).not.toHaveProperty("postgres");
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
      SMTP_URL: "smtps://aide:s3cr%40t@smtp.snu.gouv.fr:465",
      MAIL_FROM: "Support SNU <support@snu.gouv.fr>",
      MAIL_REPLY_TO: "equipe-support@snu.gouv.fr",
      PUBLIC_URL: "https://aide.snu.gouv.fr/",
      REMINDER_DAYS: "3",
      AUTO_RESOLVE_DAYS: "10",
      FOLLOW_UP_SECRET: "ab".repeat(32),
      DATABASE_URL:
        "postgresql://aide:s3cret@db.snu.gouv.fr:5432/snu_aide?sslmode=verify-full",
      DATABASE_POOL_SIZE: "25",
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
      demoExplicit: true,
      trustProxy: true,
      rateLimitPerMinute: 0,
      retentionDays: 30,
      smtpUrl: "smtps://aide:s3cr%40t@smtp.snu.gouv.fr:465",
      mailFrom: "Support SNU <support@snu.gouv.fr>",
      mailReplyTo: "equipe-support@snu.gouv.fr",
      publicUrl: "https://aide.snu.gouv.fr",
      reminderDays: 3,
      autoResolveDays: 10,
      followUpSecret: "ab".repeat(32),
      postgres: {
        url: "postgresql://aide:s3cret@db.snu.gouv.fr:5432/snu_aide?sslmode=verify-full",
        poolSize: 25,
      },
    });
  });

  describe("PostgreSQL (issue 15)", () => {
    const secret = { FOLLOW_UP_SECRET: "cd".repeat(32) };

    it("selects PostgreSQL with a postgres:// URL, with a pool of 10 connections by default", () => {
      expect(
        parseConfig({ ...secret, DATABASE_URL: " postgres://db/snu_aide " })
          .postgres,
      ).toEqual({ url: "postgres://db/snu_aide", poolSize: DEFAULT_POOL_SIZE });
      expect(DEFAULT_POOL_SIZE).toBe(10);
    });

    it("treats an empty DATABASE_URL as unset", () => {
      expect(parseConfig({ DATABASE_URL: " " })).not.toHaveProperty("postgres");
    });

    it("requires FOLLOW_UP_SECRET, which every instance must share", () => {
      for (const unset of [{}, { FOLLOW_UP_SECRET: "" }])
        expect(() =>
          parseConfig({ ...unset, DATABASE_URL: "postgres://db/snu_aide" }),
        ).toThrow(
          /FOLLOW_UP_SECRET est obligatoire avec DATABASE_URL.*openssl rand -hex 32/,
        );
    });

    it.each([
      "mysql://aide:s3cret@db/snu_aide",
      "aide:s3cret@db/snu_aide",
      "http://aide:s3cret@db/snu_aide",
      "./data/snu-aide.sqlite",
      "postgres//aide:s3cret@db",
    ])(
      "refuses %s, naming DATABASE_URL and never repeating the password",
      (url) => {
        let message = "";
        try {
          parseConfig({ ...secret, DATABASE_URL: url });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toMatch(
          /^Configuration invalide : DATABASE_URL doit être une adresse postgres:\/\/ ou postgresql:\/\//,
        );
        expect(message).not.toContain("s3cret");
      },
    );

    it.each(["1", "0", "101", "dix", "-5", "2.5", ""])(
      "refuses DATABASE_POOL_SIZE=%s, with or without DATABASE_URL",
      (size) => {
        for (const env of [{}, { ...secret, DATABASE_URL: "postgres://db/x" }])
          expect(() =>
            parseConfig({ ...env, DATABASE_POOL_SIZE: size }),
          ).toThrow(
            "DATABASE_POOL_SIZE doit être un nombre de connexions entre 2 et 100",
          );
      },
    );

    it("accepts the bounds of DATABASE_POOL_SIZE", () => {
      for (const size of [2, 100])
        expect(
          parseConfig({
            ...secret,
            DATABASE_URL: "postgres://db/x",
            DATABASE_POOL_SIZE: String(size),
          }).postgres?.poolSize,
        ).toBe(size);
    });
  });

  it("turns the demo on by default only on a loopback address (issue 11)", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
      expect(parseConfig({ HOST: host }).demo, host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "aide.snu.gouv.fr"])
      expect(parseConfig({ HOST: host }).demo, host).toBe(false);
    expect(parseConfig({ HOST: "0.0.0.0", DEMO: "true" })).toMatchObject({
      demo: true,
      demoExplicit: true,
    });
    expect(parseConfig({ HOST: "127.0.0.1", DEMO: "false" }).demo).toBe(false);
  });

  it("derives the public URL from where the server listens", () => {
    expect(parseConfig({ HOST: "::1", PORT: "8080" }).publicUrl).toBe(
      "http://[::1]:8080",
    );
    expect(parseConfig({ HOST: "0.0.0.0" }).publicUrl).toBe(
      "http://localhost:3000",
    );
    expect(
      parseConfig({ PUBLIC_URL: "https://AIDE.snu.gouv.fr:443" }).publicUrl,
    ).toBe("https://aide.snu.gouv.fr");
  });

  it("treats empty optional mail variables as unset", () => {
    const config = parseConfig({
      SMTP_URL: "",
      MAIL_REPLY_TO: " ",
      FOLLOW_UP_SECRET: "",
      PUBLIC_URL: "",
    });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailReplyTo).toBeUndefined();
    expect(config.followUpSecret).toBeUndefined();
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
  });

  it("never repeats the SMTP password in its message", () => {
    expect(() =>
      parseConfig({ SMTP_URL: "http://aide:s3cret@smtp.example" }),
    ).toThrow(/^(?!.*s3cret).*SMTP_URL/s);
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
    [{ SMTP_URL: "smtp.snu.gouv.fr:587" }, "SMTP_URL"],
    [{ SMTP_URL: "https://smtp.snu.gouv.fr" }, "SMTP_URL"],
    [{ SMTP_URL: "smtp://" }, "SMTP_URL"],
    [{ MAIL_FROM: "pas une adresse" }, "MAIL_FROM"],
    [{ MAIL_FROM: "Aide <a@snu.gouv.fr>, b@snu.gouv.fr" }, "MAIL_FROM"],
    [{ MAIL_FROM: "Aide <a@snu.gouv.fr>\r\nBcc: x@y.fr" }, "MAIL_FROM"],
    [{ MAIL_REPLY_TO: "Équipe <support@snu.gouv.fr>" }, "MAIL_REPLY_TO"],
    [{ MAIL_REPLY_TO: "a@snu.gouv.fr,b@snu.gouv.fr" }, "MAIL_REPLY_TO"],
    [{ PUBLIC_URL: "aide.snu.gouv.fr" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "ftp://aide.snu.gouv.fr" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://aide.snu.gouv.fr/aide" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://aide.snu.gouv.fr/?a=1" }, "PUBLIC_URL"],
    [{ REMINDER_DAYS: "0" }, "REMINDER_DAYS"],
    [{ REMINDER_DAYS: "cinq" }, "REMINDER_DAYS"],
    [{ AUTO_RESOLVE_DAYS: "-1" }, "AUTO_RESOLVE_DAYS"],
    [{ AUTO_RESOLVE_DAYS: "5" }, "AUTO_RESOLVE_DAYS"],
    [{ REMINDER_DAYS: "20" }, "AUTO_RESOLVE_DAYS"],
    [{ FOLLOW_UP_SECRET: "abcd" }, "FOLLOW_UP_SECRET"],
    [{ FOLLOW_UP_SECRET: "z".repeat(64) }, "FOLLOW_UP_SECRET"],
    [{ FOLLOW_UP_SECRET: "a".repeat(65) }, "FOLLOW_UP_SECRET"],
  ])("stops with a message naming the variable for %o", (env, name) => {
    expect(() => parseConfig(env)).toThrow(name);
  });
});
