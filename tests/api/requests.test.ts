import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { StoreUnavailableError } from "../../api/store/store-faults.ts";
import { hashFollowUpToken } from "../../api/follow-up/tokens.ts";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ErrorEnvelopeSchema } from "../../api/contract/errors.ts";
import { CreatedRequestSchema } from "../../api/contract/request.ts";
import { makeRequestBody } from "../support/factories.ts";
import { createTestApp, postJson } from "../support/test-app.ts";

const URL_ = "/v1/requests";

function rowCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM requests").pluck().get() as number;
  } finally {
    db.close();
  }
}

async function errorOf(response: Response) {
  return ErrorEnvelopeSchema.parse(await response.json()).error;
}

describe("POST /v1/requests", () => {
  it("stores a valid request with its page columns and answers 201 with a readable reference", async () => {
    const { app, file } = createTestApp();
    const response = await app.request(URL_, postJson(makeRequestBody()));
    expect(response.status).toBe(201);
    const created = CreatedRequestSchema.parse(await response.json());
    expect(created).toEqual({
      reference: "SNU-2026-000001",
      createdAt: "2026-11-29T10:00:00.000Z",
      followUpUrl: expect.stringMatching(
        /^http:\/\/localhost\/suivi\/[A-Za-z0-9_-]{32}$/,
      ),
    });

    const db = new Database(file, { readonly: true });
    const row = db
      .prepare("SELECT * FROM requests WHERE reference = ?")
      .get(created.reference) as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({
      platform: "moncompte",
      route: "/inscription/:step",
      category: "TECHNICAL",
      subject: "UPLOAD",
      department: "75",
      role: "young",
      email: "camille.martin@example.fr",
      status: "new",
    });
    expect(JSON.parse(row.context as string)).toEqual(
      makeRequestBody().context,
    );
    // Issue 10: only the token's hash is stored; the token itself is nowhere in the database file.
    const token = created.followUpUrl!.split("/").pop()!;
    expect(row.follow_up_hash).toBe(hashFollowUpToken(token));
    expect(readFileSync(file).includes(token)).toBe(false);
    expect(readFileSync(`${file}-wal`).includes(token)).toBe(false);
  });

  it("answers a replayed submission with the same follow-up link", async () => {
    const { app } = createTestApp();
    const init = postJson(makeRequestBody());
    const first = await (await app.request(URL_, init)).json();
    const replay = await app.request(URL_, init);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.json()).toEqual(first);
  });

  it("accepts a parent's request without identity when an e-mail is given", async () => {
    const { app } = createTestApp();
    const body = makeRequestBody({
      category: "QUESTION",
      subject: "PHASE_1_AFFECTATION",
    });
    delete body.context.identity;
    body.context.route = "/representants-legaux/:step";
    body.context.routeParams = { step: "consentement" };
    expect((await app.request(URL_, postJson(body))).status).toBe(201);
  });

  it("answers 400 missing_idempotency_key without the header or with a key that is not a UUID", async () => {
    const { app, file } = createTestApp();
    const init = postJson(makeRequestBody());
    delete (init.headers as Record<string, string>)["Idempotency-Key"];
    const missing = await app.request(URL_, init);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe("missing_idempotency_key");
    const notUuid = await app.request(
      URL_,
      postJson(makeRequestBody(), { "Idempotency-Key": "abc" }),
    );
    expect((await errorOf(notUuid)).code).toBe("missing_idempotency_key");
    expect(rowCount(file)).toBe(0);
  });

  it("answers 400 invalid_json, not 500, when the body is not JSON", async () => {
    const { app, file } = createTestApp();
    const response = await app.request(
      URL_,
      postJson('{"category": "TECHNICAL",'),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      code: "invalid_json",
      message: "Le corps de la demande n'est pas un JSON valide.",
    });
    expect(rowCount(file)).toBe(0);
  });

  it("answers 415 unsupported_media_type when the body is not declared as JSON", async () => {
    const { app } = createTestApp();
    const init = postJson(makeRequestBody());
    (init.headers as Record<string, string>)["Content-Type"] = "text/plain";
    const response = await app.request(URL_, init);
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
  });

  it("answers 413 when the body exceeds 16 KB, whether its length is declared or streamed", async () => {
    const { app, file } = createTestApp();
    const big = JSON.stringify(
      makeRequestBody({ message: "x".repeat(17 * 1024) }),
    );
    const declared = await app.request(
      URL_,
      postJson(big, { "Content-Length": String(Buffer.byteLength(big)) }),
    );
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe("payload_too_large");

    const chunks = [big.slice(0, 8000), big.slice(8000)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await app.request(URL_, {
      ...postJson(""),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(rowCount(file)).toBe(0);
  });

  it("accepts a 5,000-character message and refuses 5,001 characters without truncating", async () => {
    const { app, store } = createTestApp();
    const ok = await app.request(
      URL_,
      postJson(makeRequestBody({ message: "é".repeat(5000) })),
    );
    expect(ok.status).toBe(201);
    const { reference } = await ok.json();
    expect((await store.getRequest(reference))?.message).toHaveLength(5000);
    const tooLong = await app.request(
      URL_,
      postJson(makeRequestBody({ message: "é".repeat(5001) })),
    );
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).details).toEqual([
      {
        path: "message",
        message: "Votre message doit faire 5000 caractères au plus.",
      },
    ]);
  });

  it("answers 400 validation_failed with French field details for bad fields", async () => {
    const { app, file } = createTestApp();
    const body = makeRequestBody({
      message: "court",
      email: "pas-une-adresse",
    });
    const response = await app.request(URL_, postJson(body));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe(
      "Certains champs de la demande sont à corriger.",
    );
    expect(error.details).toEqual([
      {
        path: "message",
        message: "Votre message doit faire au moins 10 caractères.",
      },
      {
        path: "email",
        message:
          "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
      },
    ]);
    expect(rowCount(file)).toBe(0);
  });

  it("refuses unknown keys at any depth without echoing them", async () => {
    const { app } = createTestApp();
    const body = { ...makeRequestBody(), secretKeyPlanted: 1 } as Record<
      string,
      unknown
    >;
    (body.context as Record<string, unknown>).extraPlanted = "x";
    const response = await app.request(URL_, postJson(body));
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toContain("Planted");
    const paths = ErrorEnvelopeSchema.parse(
      JSON.parse(text),
    ).error.details?.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["", "context"]));
  });

  it("refuses a category or subject that the platform and role do not offer", async () => {
    const { app } = createTestApp();
    const staffOnly = await app.request(
      URL_,
      postJson(
        makeRequestBody({ category: "SPECIAL_CASE", subject: "PHASE_1" }),
      ),
    );
    expect((await errorOf(staffOnly)).details).toEqual([
      {
        path: "category",
        message:
          "Cette catégorie n'est pas proposée sur cette plateforme pour votre profil.",
      },
    ]);
    const wrongSubject = await app.request(
      URL_,
      postJson(makeRequestBody({ subject: "LOGIN" })),
    );
    expect((await errorOf(wrongSubject)).details).toEqual([
      {
        path: "subject",
        message: "Ce sujet n'existe pas pour cette catégorie.",
      },
    ]);
    const body = makeRequestBody({
      category: "SPECIAL_CASE",
      subject: "PHASE_2",
    });
    body.context = {
      ...body.context,
      platform: "admin",
      route: "/volontaire/:id",
      identity: { role: "referent_department", department: "13" },
    };
    delete body.context.routeParams;
    expect((await app.request(URL_, postJson(body))).status).toBe(201);
  });

  it("refuses a route that carries a raw id, a query or a hash", async () => {
    const { app } = createTestApp();
    for (const route of [
      "/volontaire/64f1a2b3c4d5e6f708192a3b/phase2",
      "/phase1?token=abc",
      "/phase1#x",
      "phase1",
    ]) {
      const body = makeRequestBody();
      body.context.route = route;
      const response = await app.request(URL_, postJson(body));
      expect(response.status, route).toBe(400);
      expect((await errorOf(response)).details?.[0]?.path).toBe(
        "context.route",
      );
    }
  });

  it("redacts e-mails and secrets from the page title and custom context on the server too", async () => {
    const { app, store } = createTestApp();
    const body = makeRequestBody();
    body.context.title = "Dossier de jean.dupont@example.fr";
    body.context.custom = {
      authToken: "eyJhbGciOi",
      page: "https://x.fr/?token=abc123",
      retries: 2,
      beta: true,
    };
    const { reference } = await (
      await app.request(URL_, postJson(body))
    ).json();
    const stored = await store.getRequest(reference);
    expect(stored?.context.title).toBe("Dossier de [e-mail]");
    expect(stored?.context.custom).toEqual({
      authToken: "[masqué]",
      page: "https://x.fr/?token=[masqué]",
      retries: 2,
      beta: true,
    });
  });
});

describe("POST /v1/requests idempotency", () => {
  it("replays the original answer for the same key and body, and stores one row", async () => {
    const { app, file } = createTestApp();
    const init = postJson(makeRequestBody());
    const first = await app.request(URL_, init);
    const second = await app.request(URL_, init);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(rowCount(file)).toBe(1);
  });

  it("answers 422 idempotency_mismatch for the same key with another body", async () => {
    const { app, file } = createTestApp();
    const key = crypto.randomUUID();
    await app.request(
      URL_,
      postJson(makeRequestBody(), { "Idempotency-Key": key }),
    );
    const other = await app.request(
      URL_,
      postJson(makeRequestBody({ message: "Un tout autre message." }), {
        "Idempotency-Key": key,
      }),
    );
    expect(other.status).toBe(422);
    expect((await errorOf(other)).code).toBe("idempotency_mismatch");
    expect(rowCount(file)).toBe(1);
  });

  it("answers 409 idempotency_in_progress to a key claimed less than a minute ago and never completed, then takes it over", async () => {
    // A claim without its request: what a process that died between the two steps of earlier versions
    // left behind (submissions are now one transaction: key and request, or nothing).
    const { app, file, store, clock } = createTestApp();
    const key = "0d5c3d1e-8a4b-4f7e-9c1a-2b3c4d5e6f70";
    const init = postJson(makeRequestBody(), { "Idempotency-Key": key });
    const fingerprint = createHash("sha256")
      .update(init.body as string)
      .digest("base64url");
    await store.claimIdempotencyKey(key, fingerprint, clock.now(), 60_000);
    const second = await app.request(URL_, init);
    expect(second.status).toBe(409);
    expect(second.headers.get("Retry-After")).toBe("1");
    expect((await errorOf(second)).code).toBe("idempotency_in_progress");
    expect(rowCount(file)).toBe(0);
    clock.advance(60_001);
    expect((await app.request(URL_, init)).status).toBe(201);
    expect(rowCount(file)).toBe(1);
  });

  it("answers 500 internal when the store fails, logs no content, and lets the same key be retried", async () => {
    let failures = 1;
    const { app, file, logger } = createTestApp({
      wrapStore: (store) => ({
        ...store,
        submitRequest: async (...args) => {
          if (failures-- > 0)
            throw new Error("disque plein : message de jean.dupont@example.fr");
          return store.submitRequest(...args);
        },
      }),
    });
    const init = postJson(makeRequestBody());
    const failed = await app.request(URL_, init);
    expect(failed.status).toBe(500);
    expect(await errorOf(failed)).toEqual({
      code: "internal",
      message: "Une erreur inattendue est survenue. Réessayez plus tard.",
    });
    expect(logger.lines.join("\n")).not.toContain("jean.dupont");
    expect(
      logger.lines.some((line) => line.includes('"unhandled_error"')),
    ).toBe(true);
    expect((await app.request(URL_, init)).status).toBe(201);
    expect(rowCount(file)).toBe(1);
  });
});

describe("POST /v1/requests server-side checks of the context", () => {
  it("refuses route parameters that are not the route's own non-id parameters, or that hold an id", async () => {
    const { app, file } = createTestApp();
    const invalid: Record<string, string>[] = [
      { id: "64f1a2b3c4d5e6f708192a3b" },
      { step: "12345678901" },
      { tab: "general" },
    ];
    for (const routeParams of invalid) {
      const body = makeRequestBody();
      body.context.routeParams = routeParams;
      const response = await app.request(URL_, postJson(body));
      expect(response.status, JSON.stringify(routeParams)).toBe(400);
      expect((await errorOf(response)).details).toEqual([
        {
          path: "context.routeParams",
          message:
            "Les paramètres de route ne peuvent être que les étapes ou onglets de la page, sans identifiant.",
        },
      ]);
    }
    expect(rowCount(file)).toBe(0);
  });

  it("redacts e-mails and numbers from every free-text field of the context", async () => {
    const { app, store } = createTestApp();
    const body = makeRequestBody();
    body.context.identity = {
      role: "young",
      region: "jean.dupont@mail.fr",
      cohort: "0612345678",
    };
    body.context.userAgent = "Mozilla/5.0 jean.dupont@mail.fr";
    body.context.appVersion = "v2 a@b.fr";
    const { reference } = await (
      await app.request(URL_, postJson(body))
    ).json();
    const stored = JSON.stringify(await store.getRequest(reference));
    expect(stored).not.toContain("jean.dupont");
    expect(stored).not.toContain("0612345678");
    expect(stored).not.toContain("a@b.fr");
  });

  // Issue 11: each form was stored as sent.
  it("redacts the phone numbers, ids, e-mails and secrets issue 11 found, in every free-text field", async () => {
    const { app, store } = createTestApp();
    const body = makeRequestBody();
    body.context.title =
      "Appelez le 06/12/34/56/78 — https://x.fr/#/reset/ab3de9fg2h";
    body.context.userAgent = "Mozilla/5.0 jean＠gmail.com";
    body.context.appVersion = "v2 06_12_34_56_78";
    body.context.identity = {
      role: "young",
      region: "(+33) 6 12 34 56 78",
      cohort: "6 12 34 56 78",
    };
    body.context.custom = {
      pass: "hunter2",
      note: "mot de passe : hunter2",
      motDePasse: "x",
      tel: "06\t12\t34\t56\t78",
      ine: "INE 12345A67890",
      nir: "2 85 07 2A 123 456 78",
      nir2: "285072B12345678",
      mail: "jean﹫gmail.com",
      lien: "/invitation/ab12",
      lycee: "Lycée Hoche, 75011 Paris, 2A",
    };
    const response = await app.request(URL_, postJson(body));
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    const stored = await store.getRequest(reference);
    const text = JSON.stringify(stored?.context);
    for (const secret of [
      "12/34",
      "12_34",
      "12 34",
      "ab3de9fg2h",
      "jean",
      "hunter2",
      "12345A67890",
      "2A 123",
      "285072B",
      "ab12",
    ])
      expect(text, secret).not.toContain(secret);
    expect(stored?.context.custom).toMatchObject({
      pass: "[masqué]",
      note: "mot de passe : [masqué]",
      lycee: "Lycée Hoche, 75011 Paris, 2A",
    });
    expect(stored?.context.title).toBe(
      "Appelez le [téléphone] — https://x.fr/#/reset/[masqué]",
    );
  });

  it.each([
    ["an e-mail", "camille.martin@example.fr"],
    ["a full-width e-mail", "camille＠example.fr"],
    ["a phone number", "06 12 34 56 78"],
  ])("refuses %s as identity.userId, which is opaque", async (_, userId) => {
    const { app, file } = createTestApp();
    const body = makeRequestBody();
    body.context.identity = { role: "young", userId };
    const response = await app.request(URL_, postJson(body));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(userId);
    expect(JSON.parse(text).error.details).toEqual([
      {
        path: "context.identity.userId",
        message:
          "L'identifiant d'utilisateur ne peut être ni une adresse e-mail ni un numéro de téléphone.",
      },
    ]);
    expect(rowCount(file)).toBe(0);
  });

  it("accepts an opaque identity.userId", async () => {
    const { app } = createTestApp();
    const body = makeRequestBody();
    body.context.identity = {
      role: "young",
      userId: "64f1a2b3c4d5e6f708192a3b",
    };
    expect((await app.request(URL_, postJson(body))).status).toBe(201);
  });

  it("refuses a route with a short token after a secret path word, or an INE-like segment", async () => {
    const { app } = createTestApp();
    for (const route of [
      "/profil/jean-dupont/reset/ab3de9fg2h",
      "/reset/ab3de9fg2h",
      "/volontaire/12345a67890",
    ]) {
      const body = makeRequestBody();
      body.context.route = route;
      delete body.context.routeParams;
      const response = await app.request(URL_, postJson(body));
      expect(response.status, route).toBe(400);
      expect((await errorOf(response)).details?.[0]?.path).toBe(
        "context.route",
      );
    }
  });

  it("refuses the value of a route parameter after a secret path word or named like a secret", async () => {
    const { app } = createTestApp();
    for (const [route, routeParams] of [
      ["/reset/:step", { step: "ab3de9fg2h" }],
      ["/compte/:token", { token: "ab3de9fg2h" }],
    ] as const) {
      const body = makeRequestBody();
      body.context.route = route;
      body.context.routeParams = routeParams;
      const response = await app.request(URL_, postJson(body));
      expect(response.status, route).toBe(400);
      expect((await errorOf(response)).details?.[0]?.path).toBe(
        "context.routeParams",
      );
    }
  });

  it("never echoes a custom context key in error details", async () => {
    const { app } = createTestApp();
    const body = makeRequestBody();
    body.context.custom = { "jean.dupont": "x".repeat(201) };
    const response = await app.request(URL_, postJson(body));
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toContain("jean.dupont");
    expect(JSON.parse(text).error.details[0].path).toBe("context.custom");
  });
});

describe("POST /v1/requests when the storage fails", () => {
  /** An error as better-sqlite3 throws it: a SqliteError carrying the SQLite result code. */
  const sqliteError = (code: string) =>
    Object.assign(new Error("database problem"), { name: "SqliteError", code });

  it.each([
    "SQLITE_BUSY",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_IOERR_WRITE",
  ])(
    "answers 503 unavailable with Retry-After on %s, and the same key goes through once it clears",
    async (code) => {
      let failures = 1;
      const { app, file, logger } = createTestApp({
        wrapStore: (store) => ({
          ...store,
          submitRequest: async (...args) => {
            // What the SQLite store throws for that code (store-faults.test.ts checks the mapping).
            if (failures-- > 0) throw new StoreUnavailableError(code);
            return store.submitRequest(...args);
          },
        }),
      });
      const init = postJson(makeRequestBody());
      const failed = await app.request(URL_, init);
      expect(failed.status).toBe(503);
      expect(failed.headers.get("Retry-After")).toBe("5");
      expect((await errorOf(failed)).code).toBe("unavailable");
      expect(
        logger.lines.some(
          (line) => line.includes('"store_unavailable"') && line.includes(code),
        ),
      ).toBe(true);
      expect(rowCount(file)).toBe(0);
      expect((await app.request(URL_, init)).status).toBe(201);
      expect(rowCount(file)).toBe(1);
    },
  );

  it("still answers 500 internal to an error that is not a storage fault", async () => {
    const { app } = createTestApp({
      wrapStore: (store) => ({
        ...store,
        submitRequest: async () => {
          throw sqliteError("SQLITE_CONSTRAINT");
        },
      }),
    });
    expect((await app.request(URL_, postJson(makeRequestBody()))).status).toBe(
      500,
    );
  });
});

describe("POST /v1/requests with the real database locked", () => {
  it("answers 503 while another connection holds the write lock beyond the busy timeout, then 201", async () => {
    const { app, file } = createTestApp({ busyTimeoutMs: 50 });
    const other = new Database(file);
    other.prepare("BEGIN IMMEDIATE").run();
    const init = postJson(makeRequestBody());
    try {
      const locked = await app.request(URL_, init);
      expect(locked.status).toBe(503);
      expect((await errorOf(locked)).code).toBe("unavailable");
    } finally {
      other.prepare("COMMIT").run();
      other.close();
    }
    expect((await app.request(URL_, init)).status).toBe(201);
    expect(rowCount(file)).toBe(1);
  });
});
