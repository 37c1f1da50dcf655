import { describe, expect, it } from "vitest";
import { SATISFACTION_LABELS } from "../../api/contract/satisfaction.ts";
import { ALL, setUp } from "../support/follow-up-page-fixture.ts";

// The follow-up page's two forms on the real app and real SQLite (issue 10): the requester's answer and
// the satisfaction rating, with their guards (content type, size, origin) and their refusals.

const DAY = 86_400_000;

/** A form post as the page's own form sends it (the page's origin is http://localhost in app.request). */
function form(
  fields: Record<string, string> | string,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost",
      ...headers,
    },
    body:
      typeof fields === "string"
        ? fields
        : new URLSearchParams(fields).toString(),
  };
}

const titleOf = (page: string) => page.match(/<title>([^<]*)<\/title>/)?.[1];
const textareaOf = (page: string, id: string) =>
  page.match(
    new RegExp(`<textarea id="${id}"[^>]*>\\n([^<]*)</textarea>`),
  )?.[1];

describe("POST /suivi/:token/messages", () => {
  it("adds the answer, brings a waiting request back to « En cours », marks it unread, then shows it", async () => {
    const { app, token, reference, store, reply, clock } = await setUp();
    await reply("Quel navigateur utilisez-vous ?", "waiting_user");
    clock.advance(DAY);
    const sent = await app.request(
      `/suivi/${token}/messages`,
      form({ message: "  Chrome 131 :\r\nle bouton reste gris.  " }),
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe(
      `/suivi/${token}?envoye=1#conversation`,
    );

    const detail = await store.getRequestDetail(ALL, reference);
    expect(detail!.status).toBe("in_progress");
    expect(detail!.unreadAnswer).toBe(true);
    expect(detail!.messages.at(-1)).toMatchObject({
      author: "requester",
      text: "Chrome 131 :\nle bouton reste gris.",
    });

    const page = await (
      await app.request(sent.headers.get("Location")!)
    ).text();
    expect(page).toContain(
      '<p class="notice success" role="status">Votre message a bien été envoyé à l\'équipe support.</p>',
    );
    expect(page).toMatch(
      /<h3>Vous<\/h3>\n<p class="meta"><time datetime="2026-11-30T10:00:00.000Z">[^<]+<\/time><\/p>\n<p class="text">Chrome 131 :\nle bouton reste gris.<\/p>/,
    );
    expect(page).toContain("Votre demande est en cours de traitement");
    const plain = await (await app.request(`/suivi/${token}`)).text();
    expect(plain).not.toContain('role="status"');
  });

  it("reopens a resolved request", async () => {
    const { app, token, reference, store, reply } = await setUp();
    await reply("C'est corrigé.", "resolved");
    const sent = await app.request(
      `/suivi/${token}/messages`,
      form({ message: "Toujours pas chez moi." }),
    );
    expect(sent.status).toBe(303);
    const detail = await store.getRequestDetail(ALL, reference);
    expect(detail!.status).toBe("in_progress");
  });

  it("refuses an empty or too long answer with 400, keeping the typed text, the error tied to the field", async () => {
    const { app, token, reference, store } = await setUp();
    const empty = await app.request(
      `/suivi/${token}/messages`,
      form({ message: "  \r\n " }),
    );
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    expect(titleOf(emptyPage)).toMatch(/^Erreur : Suivi de votre demande /);
    expect(emptyPage).toContain(
      '<p id="message-error" class="error">Écrivez votre message.</p>',
    );
    expect(emptyPage).toContain(
      '<textarea id="message" name="message" rows="6" required aria-describedby="message-hint message-error" aria-invalid="true" autofocus>',
    );

    const typed = `<b>Mon texte</b> ${"a".repeat(5000)}`;
    const long = await app.request(
      `/suivi/${token}/messages`,
      form({ message: typed }),
    );
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toContain("Votre message fait 5");
    expect(longPage).toMatch(/5\u202f000 au plus/);
    expect(textareaOf(longPage, "message")).toBe(
      `&lt;b&gt;Mon texte&lt;/b&gt; ${"a".repeat(5000)}`,
    );
    const detail = await store.getRequestDetail(ALL, reference);
    expect(detail!.messages).toHaveLength(0);
    expect(detail!.unreadAnswer).toBe(false);

    // 5,000 characters once trimmed is allowed.
    const longest = await app.request(
      `/suivi/${token}/messages`,
      form({ message: `  ${"b".repeat(5000)}  ` }),
    );
    expect(longest.status).toBe(303);
  });

  it("answers the 404 page for an unknown or malformed token, valid body or not", async () => {
    const { app, token } = await setUp();
    const missing = await (await app.request("/suivi/abc")).text();
    for (const [address, body] of [
      [`/suivi/${"A".repeat(32)}/messages`, { message: "Bonjour" }],
      [`/suivi/${"A".repeat(32)}/messages`, { message: " " }],
      [`/suivi/${token.slice(1)}/messages`, { message: "Bonjour" }],
      [`/suivi/${"A".repeat(32)}/avis`, { score: "5" }],
    ] as const) {
      const response = await app.request(address, form(body));
      expect(response.status, address).toBe(404);
      expect(await response.text(), address).toBe(missing);
    }
  });
});

describe("guards of the follow-up forms", () => {
  it("refuses other content types with a 415 page, storing nothing", async () => {
    const { app, token, reference, store } = await setUp();
    const multipart = new FormData();
    multipart.set("message", "Bonjour");
    for (const init of [
      form(JSON.stringify({ message: "Bonjour" }), {
        "Content-Type": "application/json",
      }),
      { method: "POST", body: multipart },
      form("message=Bonjour", { "Content-Type": "text/plain" }),
    ]) {
      const response = await app.request(`/suivi/${token}/messages`, init);
      expect(response.status).toBe(415);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("Envoi non reconnu");
    }
    const rating = await app.request(
      `/suivi/${token}/avis`,
      form(JSON.stringify({ score: 5 }), {
        "Content-Type": "application/json",
      }),
    );
    expect(rating.status).toBe(415);
    expect(
      (await store.getRequestDetail(ALL, reference))!.messages,
    ).toHaveLength(0);
  });

  it("refuses a body over 16 KB with a 413 page, and a declared one before reading it", async () => {
    const { app, token, reference, store } = await setUp();
    const over = await app.request(
      `/suivi/${token}/messages`,
      form(`message=${"a".repeat(16 * 1024 - 7)}`),
    );
    expect(over.status).toBe(413);
    expect(await over.text()).toContain("Envoi trop volumineux");

    // Exactly 16 KB is read (and refused for its length, field by field).
    const limit = await app.request(
      `/suivi/${token}/messages`,
      form(`message=${"a".repeat(16 * 1024 - 8)}`),
    );
    expect(limit.status).toBe(400);

    // A declared length over the limit is refused without reading: this body never ends.
    const endless = new Request(`http://localhost/suivi/${token}/messages`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": "20000",
      },
      body: new ReadableStream({ pull: () => new Promise(() => {}) }),
      duplex: "half",
    } as RequestInit);
    expect((await app.request(endless)).status).toBe(413);
    expect(
      (await store.getRequestDetail(ALL, reference))!.messages,
    ).toHaveLength(0);
  });

  it("refuses a post from another origin or site with a 403 page, and accepts the page's own", async () => {
    const { app, token, reference, store } = await setUp();
    for (const headers of [
      { Origin: "https://evil.example" },
      { Origin: "http://localhost.evil.example" },
      { Origin: "https://localhost" },
      { Origin: "null", "Sec-Fetch-Site": "cross-site" },
      { Origin: "http://localhost", "Sec-Fetch-Site": "same-site" },
    ] as Record<string, string>[]) {
      const label = JSON.stringify(headers);
      const answer = await app.request(
        `/suivi/${token}/messages`,
        form({ message: "Bonjour" }, headers),
      );
      expect(answer.status, label).toBe(403);
      expect(await answer.text(), label).toContain("Envoi refusé");
      const rating = await app.request(
        `/suivi/${token}/avis`,
        form({ score: "5" }, headers),
      );
      expect(rating.status, label).toBe(403);
    }
    expect(
      (await store.getRequestDetail(ALL, reference))!.messages,
    ).toHaveLength(0);

    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` for the page's own form posts,
    // without Sec-Fetch-Site on plain http (Fetch Metadata goes to trustworthy origins only).
    for (const headers of [
      { Origin: "null", "Sec-Fetch-Site": "same-origin" },
      { Origin: "null" },
      { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" },
    ] as Record<string, string>[]) {
      const answer = await app.request(
        `/suivi/${token}/messages`,
        form({ message: "Bonjour" }, headers),
      );
      expect(answer.status, JSON.stringify(headers)).toBe(303);
    }
    const withoutOrigin = await app.request(`/suivi/${token}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "message=Bonjour",
    });
    expect(withoutOrigin.status).toBe(303);
    expect(
      (await store.getRequestDetail(ALL, reference))!.messages,
    ).toHaveLength(4);
  });
});

describe("POST /suivi/:token/avis", () => {
  it("is refused before the resolution, with the page and a clear message", async () => {
    const { app, token, reference, store } = await setUp();
    expect(await (await app.request(`/suivi/${token}`)).text()).not.toContain(
      "Votre avis",
    );
    const early = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "4" }),
    );
    expect(early.status).toBe(409);
    const page = await early.text();
    expect(titleOf(page)).toMatch(/^Erreur : /);
    expect(page).toContain(
      '<p class="notice failure" role="alert">Votre avis pourra être donné une fois votre demande résolue par l&#39;équipe support.</p>',
    );
    expect(page).not.toContain("<legend>");
    expect(
      (await store.getRequestDetail(ALL, reference))!.rating,
    ).toBeUndefined();
  });

  it("asks once resolved, records the rating, lets it change for 7 days, then shows it read only", async () => {
    const { app, token, reference, store, reply, clock } = await setUp();
    await reply("C'est corrigé.", "resolved");
    const asked = await (await app.request(`/suivi/${token}`)).text();
    expect(asked).toContain(
      "<legend>Êtes-vous satisfait(e) de la réponse ?</legend>",
    );
    for (const score of [1, 2, 3, 4, 5] as const)
      expect(asked).toMatch(
        new RegExp(
          `<input type="radio" id="score-${score}" name="score" value="${score}" required><label for="score-${score}">${SATISFACTION_LABELS[score].replace(/[()]/g, "\\$&")}</label>`,
        ),
      );
    expect(asked).toContain(
      '<label for="comment">Commentaire (facultatif)</label>',
    );
    expect(asked).toContain('<button type="submit">Envoyer mon avis</button>');
    expect(asked).toContain(`action="/suivi/${token}/avis"`);

    clock.advance(DAY);
    const rated = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "4", comment: " Merci <3 " }),
    );
    expect(rated.status).toBe(303);
    expect(rated.headers.get("Location")).toBe(
      `/suivi/${token}?avis=1#satisfaction`,
    );
    const firstAt = clock.now().toISOString();
    expect((await store.getRequestDetail(ALL, reference))!.rating).toEqual({
      score: 4,
      comment: "Merci <3",
      at: firstAt,
      updatedAt: firstAt,
    });
    const thanked = await (
      await app.request(rated.headers.get("Location")!)
    ).text();
    expect(thanked).toContain(
      '<p class="notice success" role="status">Merci, votre avis a bien été enregistré.</p>',
    );
    expect(thanked).toContain("<strong>Satisfait(e)</strong> (4 sur 5)");
    expect(thanked).toContain(
      '<input type="radio" id="score-4" name="score" value="4" required checked>',
    );
    expect(textareaOf(thanked, "comment")).toBe("Merci &lt;3");
    expect(thanked).toContain(
      'Votre commentaire : «&nbsp;<span class="text">Merci &lt;3</span>&nbsp;»',
    );
    expect(thanked).toContain("Vous pouvez modifier votre avis jusqu");

    clock.advance(6 * DAY);
    const changed = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "2" }),
    );
    expect(changed.status).toBe(303);
    expect((await store.getRequestDetail(ALL, reference))!.rating).toEqual({
      score: 2,
      at: firstAt,
      updatedAt: clock.now().toISOString(),
    });

    clock.advance(2 * DAY);
    const closed = await (await app.request(`/suivi/${token}`)).text();
    expect(closed).toContain("<strong>Peu satisfait(e)</strong> (2 sur 5)");
    expect(closed).not.toContain(`action="/suivi/${token}/avis"`);
    expect(closed).not.toContain("Vous pouvez modifier");
    const late = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "5" }),
    );
    expect(late.status).toBe(409);
    expect(await late.text()).toContain(
      "Le délai pour donner ou modifier votre avis est passé.",
    );
    expect((await store.getRequestDetail(ALL, reference))!.rating?.score).toBe(
      2,
    );
  });

  it("is asked for 30 days after the resolution, also once the request is closed", async () => {
    const { app, token, reference, store, agent, reply, clock } = await setUp();
    await reply("C'est corrigé.", "resolved");
    const detail = await store.getRequestDetail(ALL, reference);
    await store.updateRequest(
      ALL,
      reference,
      { expectedVersion: detail!.version, actorId: agent.id, status: "closed" },
      clock.now(),
    );
    clock.advance(29 * DAY);
    expect(await (await app.request(`/suivi/${token}`)).text()).toContain(
      "<legend>Êtes-vous satisfait(e) de la réponse ?</legend>",
    );
    clock.advance(2 * DAY);
    const after = await (await app.request(`/suivi/${token}`)).text();
    expect(after).not.toContain("Votre avis");
    const late = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "5" }),
    );
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Le délai pour donner ou modifier");
  });

  it("is not asked of a request closed without being resolved", async () => {
    const { app, token, reply } = await setUp();
    await reply("Demande en double, nous la fermons.", "closed");
    expect(await (await app.request(`/suivi/${token}`)).text()).not.toContain(
      "Êtes-vous satisfait(e)",
    );
    const refused = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "3" }),
    );
    expect(refused.status).toBe(409);
  });

  it("refuses a missing score or a long comment with 400, keeping what was typed", async () => {
    const { app, token, reference, store, reply } = await setUp();
    await reply("C'est corrigé.", "resolved");
    const noScore = await app.request(
      `/suivi/${token}/avis`,
      form({ comment: "Rapide" }),
    );
    expect(noScore.status).toBe(400);
    const noScorePage = await noScore.text();
    expect(titleOf(noScorePage)).toMatch(/^Erreur : /);
    expect(noScorePage).toContain(
      '<fieldset role="radiogroup" class="invalid" aria-describedby="score-error">',
    );
    expect(noScorePage).toContain(
      '<p id="score-error" class="error">Choisissez une réponse.</p>',
    );
    expect(noScorePage).toContain(
      '<input type="radio" id="score-1" name="score" value="1" required aria-invalid="true" aria-describedby="score-error" autofocus>',
    );
    expect(textareaOf(noScorePage, "comment")).toBe("Rapide");

    expect(
      (await app.request(`/suivi/${token}/avis`, form({ score: "6" }))).status,
    ).toBe(400);

    const long = await app.request(
      `/suivi/${token}/avis`,
      form({ score: "3", comment: "x".repeat(1001) }),
    );
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toMatch(/1\u202f000 au plus/);
    expect(longPage).toContain(
      'aria-describedby="comment-hint comment-error" aria-invalid="true" autofocus>',
    );
    expect(longPage).toContain(
      '<input type="radio" id="score-3" name="score" value="3" required checked>',
    );
    expect(textareaOf(longPage, "comment")).toBe("x".repeat(1001));
    expect(
      (await store.getRequestDetail(ALL, reference))!.rating,
    ).toBeUndefined();
  });
});
