import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashFollowUpToken } from "../../api/follow-up/tokens.ts";
import { FOLLOW_UP_CSP } from "../../api/follow-up/page-headers.ts";
import { makeRequestBody } from "../support/factories.ts";
import { createTestApp, fromAddress, postJson } from "../support/test-app.ts";
import {
  ALL,
  setUp,
  stableHeaders,
} from "../support/follow-up-page-fixture.ts";

// The requester's follow-up page on the real app and a real SQLite store (issue 10): what it shows, what
// it never shows, the same 404 for every bad token, its headers, its rate limit and its logs.

describe("GET /suivi/:token", () => {
  it("shows the reference, the status in plain words and the conversation with signatures", async () => {
    const { app, token, reference, reply, clock } = await setUp();
    clock.advance(3_600_000);
    await reply(
      "Bonjour, pouvez-vous nous dire quel navigateur vous utilisez ?",
      "waiting_user",
    );

    const response = await app.request(`/suivi/${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain(
      `<title>Suivi de votre demande ${reference} — SNU Aide</title>`,
    );
    expect(page).toContain(`<h1>Suivi de votre demande ${reference}</h1>`);
    expect(page).toContain("L&#39;équipe support attend votre réponse");
    expect(page).toContain("Votre demande</h3>");
    expect(page).toContain("le bouton reste grisé");
    expect(page).toContain(
      "Bonjour, pouvez-vous nous dire quel navigateur vous utilisez ?",
    );
    expect(page).toContain(
      '<p class="signature">L&#39;équipe support du SNU — Julie</p>',
    );
    expect(page).toMatch(/<time datetime="2026-11-29T11:00:00.000Z">/);
    expect(page).toContain('<label for="message">Votre message</label>');
    expect(page).toContain('<button type="submit">Envoyer</button>');
    expect(page).toContain(`action="/suivi/${token}/messages"`);
    expect(page).toContain("À propos de cette page");
    expect(page).not.toContain("Êtes-vous satisfait(e)");
  });

  it("opens from the followUpUrl of a request sent through POST /v1/requests", async () => {
    const { app } = createTestApp();
    const created = await app.request(
      "/v1/requests",
      postJson(makeRequestBody()),
    );
    expect(created.status).toBe(201);
    const { reference, followUpUrl } = await created.json();
    const url = new URL(followUpUrl);
    expect(url.pathname).toMatch(/^\/suivi\/[A-Za-z0-9_-]{32}$/);
    const page = await app.request(url.pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      `<h1>Suivi de votre demande ${reference}</h1>`,
    );
  });

  it("never shows internal notes, the e-mail address, the agent's account or the page context", async () => {
    const { app, token, reference, store, agent, reply, clock } = await setUp();
    await store.addNote(
      ALL,
      reference,
      agent.id,
      "NOTE-INTERNE : doublon probable avec SNU-2026-000042",
      clock.now(),
    );
    await reply("Voici la marche à suivre.");
    const page = await (await app.request(`/suivi/${token}`)).text();
    expect(page).toContain("Voici la marche à suivre.");
    for (const secret of [
      "NOTE-INTERNE",
      "camille.martin@example.fr",
      "julie.agent@snu.gouv.fr",
      "/inscription/:step",
      "Mon inscription — Documents",
      "iPhone",
      "mc-inscription-piece-identite",
    ])
      expect(page, secret).not.toContain(secret);
  });

  it("says each status in its own words", async () => {
    const { app, token, reply, store, reference, agent } = await setUp();
    const sentence = async () =>
      (await (await app.request(`/suivi/${token}`)).text()).match(
        /<p class="status-sentence">([^<]*)<\/p>/,
      )?.[1];
    expect(await sentence()).toContain("Votre demande a bien été reçue");
    await reply("Nous regardons.", "resolved");
    expect(await sentence()).toContain("Votre demande est résolue");
    const detail = await store.getRequestDetail(ALL, reference);
    await store.updateRequest(
      ALL,
      reference,
      { expectedVersion: detail!.version, actorId: agent.id, status: "closed" },
      new Date("2026-11-29T10:30:00Z"),
    );
    expect(await sentence()).toContain("Votre demande est close");
  });

  it("escapes every text, so that a message can never become markup", async () => {
    const attack = `<script>alert(1)</script>"><img src=x onerror=alert(2)> & 'q'`;
    const { app, token, reply, store } = await setUp(
      {},
      { message: `Bonjour ${attack} fin du message` },
    );
    await reply(`Réponse ${attack}`);
    await store.addAnswer(
      hashFollowUpToken(token),
      `Réponse ${attack}`,
      new Date(),
    );
    const page = await (await app.request(`/suivi/${token}`)).text();
    expect(page).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(page).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39;q&#39;",
    );
    expect(page.split("&lt;script&gt;").length - 1).toBe(3);
  });

  it("answers the same 404 page for malformed, unknown and expired tokens, and unknown paths below /suivi/", async () => {
    const { app, token, store, agent, reference, clock } = await setUp();
    const unknown = randomBytes(24).toString("base64url");
    const addresses = [
      "/suivi/abc",
      `/suivi/${token}x`,
      `/suivi/${token.slice(0, 31)}!`,
      `/suivi/${unknown}`,
      `/suivi/${token}/autre`,
      "/suivi/",
    ];
    const answers = await Promise.all(
      addresses.map((address) => app.request(address)),
    );
    const first = answers[0]!;
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    const body = bodies[0]!;
    expect(first.status).toBe(404);
    expect(first.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(body).toContain("Lien de suivi introuvable");
    expect(body).not.toContain(token);
    for (const [index, response] of answers.entries()) {
      expect(response.status, addresses[index]).toBe(404);
      expect(bodies[index], addresses[index]).toBe(body);
      expect(stableHeaders(response), addresses[index]).toEqual(
        stableHeaders(first),
      );
    }

    // Expired: retention anonymises a closed request and its link dies with it.
    const detail = await store.getRequestDetail(ALL, reference);
    await store.updateRequest(
      ALL,
      reference,
      { expectedVersion: detail!.version, actorId: agent.id, status: "closed" },
      clock.now(),
    );
    expect((await app.request(`/suivi/${token}`)).status).toBe(200);
    await store.anonymiseClosedBefore(new Date("2027-12-01T00:00:00Z"));
    const expired = await app.request(`/suivi/${token}`);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(body);
    expect(stableHeaders(expired)).toEqual(stableHeaders(first));
  });

  it("sends the strict headers on pages, 404s and redirects, and never a cookie", async () => {
    const { app, token } = await setUp();
    const page = await app.request(`/suivi/${token}`);
    const missing = await app.request("/suivi/abc");
    const redirect = await app.request(`/suivi/${token}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "message=Merci",
    });
    expect(redirect.status).toBe(303);
    for (const response of [page, missing, redirect]) {
      expect(response.headers.get("Content-Security-Policy")).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("X-Robots-Tag")).toBe("noindex");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    expect(FOLLOW_UP_CSP).toBe(page.headers.get("Content-Security-Policy"));
  });

  it("has no script, no inline style, and links its cacheable same-origin stylesheet", async () => {
    const { app, token } = await setUp();
    const page = await (await app.request(`/suivi/${token}`)).text();
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    const href = page.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1];
    expect(href).toMatch(/^\/suivi\/_\/suivi\.css\?v=[0-9a-f]{12}$/);

    const css = await app.request(href!);
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("Cache-Control")).toBe(
      "public, max-age=31536000, immutable",
    );
    const text = await css.text();
    expect(text).toContain("#000091");
    expect(text).toContain("outline:2px solid #0a76f6;outline-offset:2px");
    expect(text).toContain('font-family:"Marianne",arial,sans-serif');
    const unversioned = await app.request("/suivi/_/suivi.css");
    expect(unversioned.headers.get("Cache-Control")).toBe(
      "public, max-age=300",
    );
  });
});

describe("rate limit and logs on /suivi/*", () => {
  it("answers a 429 page with Retry-After past three times the per-minute limit, per address", async () => {
    const { app, token, clock } = await setUp({ rateLimitPerMinute: 2 });
    const view = (address: string, path = `/suivi/${token}`) =>
      app.request(path, {}, fromAddress(address));
    for (let i = 0; i < 5; i++)
      expect((await view("203.0.113.5")).status).toBe(200);
    expect((await view("203.0.113.5", "/suivi/abc")).status).toBe(404);
    const limited = await view("203.0.113.5");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect(limited.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(limited.headers.get("Content-Security-Policy")).toBe(FOLLOW_UP_CSP);
    expect(await limited.text()).toContain("Trop de demandes");
    expect((await view("198.51.100.7")).status).toBe(200);
    clock.advance(60_000);
    expect((await view("203.0.113.5")).status).toBe(200);
  });

  it("is off when the limit is 0", async () => {
    const { app, token } = await setUp({ rateLimitPerMinute: 0 });
    for (let i = 0; i < 30; i++)
      expect((await app.request(`/suivi/${token}`)).status).toBe(200);
  });

  it("logs the route pattern, never the token", async () => {
    const { app, token, logger } = await setUp();
    await app.request(`/suivi/${token}?envoye=1`);
    await app.request(`/suivi/${token}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "message=Bonjour",
    });
    await app.request(`/suivi/${token}/avis`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "score=5",
    });
    await app.request(`/suivi/${token}/inconnu`);
    await app.request(`/suivi/${token.slice(1)}`);
    const lines = logger.lines.filter((line) => line.includes('"request"'));
    expect(lines).toHaveLength(5);
    expect(lines.join("\n")).not.toContain(token.slice(1));
    expect(lines.join("\n")).not.toContain("Bonjour");
    expect(lines.map((line) => JSON.parse(line).route)).toEqual([
      "/suivi/:token",
      "/suivi/:token/messages",
      "/suivi/:token/avis",
      "/suivi/*",
      "/suivi/:token",
    ]);
  });
});
