import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES } from "../../api/contract/request-statuses.ts";
import {
  parseAnswerForm,
  parseRatingForm,
} from "../../api/follow-up/follow-up-forms.ts";
import {
  renderFollowUpPage,
  STATUS_SENTENCES,
} from "../../api/follow-up/follow-up-page.ts";
import { escapeHtml, markup } from "../../api/follow-up/html.ts";
import { renderProblemPage } from "../../api/follow-up/problem-pages.ts";
import { satisfactionState } from "../../api/follow-up/satisfaction-section.ts";
import type { FollowUpView } from "../../api/store/conversation-types.ts";

// Rendering of the follow-up page without a server: escaping, the satisfaction windows at their edges,
// and the parsing of the two forms.

const DAY = 86_400_000;
const RESOLVED_AT = "2026-12-01T09:00:00.000Z";
const at = (days: number, ms = 0) =>
  new Date(Date.parse(RESOLVED_AT) + days * DAY + ms);

function makeView(overrides: Partial<FollowUpView> = {}): FollowUpView {
  return {
    reference: "SNU-2026-000123",
    createdAt: "2026-11-29T10:00:00.000Z",
    status: "resolved",
    platform: "moncompte",
    message: "Ma convocation ne se télécharge pas.",
    messages: [],
    resolvedAt: RESOLVED_AT,
    ...overrides,
  };
}

describe("markup", () => {
  it("escapes interpolated text, in content and attributes, but not markup it built", () => {
    const text = `<a href="x" onclick='y'>&amp;</a>`;
    expect(escapeHtml(text)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
    const inner = markup`<em>${text}</em>`;
    expect(
      markup`<p title="${text}">${inner}${[text, 1]}${false}${undefined}</p>`
        .markup,
    ).toBe(
      `<p title="${escapeHtml(text)}"><em>${escapeHtml(text)}</em>${escapeHtml(text)}1</p>`,
    );
  });
});

describe("renderFollowUpPage", () => {
  it("says every status in a sentence of its own", () => {
    const sentences = new Set(
      REQUEST_STATUSES.map((status) => {
        const page = renderFollowUpPage(makeView({ status }), {
          token: "t".repeat(32),
          now: at(1),
        });
        expect(page).toContain(escapeHtml(STATUS_SENTENCES[status]));
        return STATUS_SENTENCES[status];
      }),
    );
    expect(sentences.size).toBe(REQUEST_STATUSES.length);
    expect(STATUS_SENTENCES.waiting_user).toContain(
      "L'équipe support attend votre réponse",
    );
    expect(STATUS_SENTENCES.new).toContain("Votre demande a bien été reçue");
  });

  it("keeps a typed text's first line break and escapes it inside the textarea", () => {
    const page = renderFollowUpPage(makeView(), {
      token: "t".repeat(32),
      now: at(1),
      answer: { typed: "\n</textarea><b>x</b>", error: "Trop long." },
    });
    expect(page).toContain(
      'aria-invalid="true" autofocus>\n\n&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>',
    );
    expect(page).toMatch(/<title>Erreur : Suivi de votre demande/);
  });

  it("renders the replies' signature, defaulting to the team's", () => {
    const page = renderFollowUpPage(
      makeView({
        messages: [
          { id: 1, at: RESOLVED_AT, author: "agent", text: "Réponse A" },
          {
            id: 2,
            at: RESOLVED_AT,
            author: "agent",
            text: "Réponse B",
            signature: "L'équipe support du SNU — Julie",
          },
          { id: 3, at: RESOLVED_AT, author: "requester", text: "Merci" },
        ],
      }),
      { token: "t".repeat(32), now: at(1) },
    );
    expect(page).toContain(
      '<p class="text">Réponse A</p>\n<p class="signature">L&#39;équipe support du SNU</p>',
    );
    expect(page).toContain(
      '<p class="signature">L&#39;équipe support du SNU — Julie</p>',
    );
    expect(page).toContain(
      '<h3>Vous</h3>\n<p class="meta"><time datetime="2026-12-01T09:00:00.000Z">1 décembre 2026 à 10:00</time></p>\n<p class="text">Merci</p>\n</li>',
    );
  });

  it("gives every error status a French page that names no token", () => {
    for (const status of [403, 404, 413, 415, 429, 500, 503]) {
      const page = renderProblemPage(status);
      expect(page).toContain('<html lang="fr">');
      expect(page).toMatch(/<h1>[^<]+<\/h1>/);
    }
    expect(renderProblemPage(404)).toBe(renderProblemPage(404));
    expect(renderProblemPage(404)).not.toBe(renderProblemPage(429));
  });
});

describe("satisfactionState", () => {
  const rating = (firstDay: number) => ({
    score: 4 as const,
    at: at(firstDay).toISOString(),
    updatedAt: at(firstDay).toISOString(),
  });

  it("asks for 30 days after the resolution, not before it, not after", () => {
    expect(satisfactionState(makeView(), at(0))).toBe("ask");
    expect(satisfactionState(makeView(), at(30))).toBe("ask");
    expect(satisfactionState(makeView(), at(30, 1))).toBe("hidden");
    expect(satisfactionState(makeView({ status: "closed" }), at(2))).toBe(
      "ask",
    );
    for (const status of ["new", "in_progress", "waiting_user"] as const)
      expect(satisfactionState(makeView({ status }), at(1))).toBe("hidden");
    expect(
      satisfactionState(
        makeView({ status: "closed", resolvedAt: undefined }),
        at(1),
      ),
    ).toBe("hidden");
  });

  it("lets a rating change for 7 days after it was first given, then shows it", () => {
    const view = makeView({ rating: rating(2) });
    expect(satisfactionState(view, at(9))).toBe("edit");
    expect(satisfactionState(view, at(9, 1))).toBe("done");
    expect(satisfactionState(makeView({ rating: rating(28) }), at(31))).toBe(
      "done",
    );
    expect(
      satisfactionState(
        makeView({ status: "in_progress", rating: rating(1) }),
        at(2),
      ),
    ).toBe("done");
  });
});

describe("form parsing", () => {
  const body = (fields: Record<string, string>) => new URLSearchParams(fields);

  it("trims an answer, counts CR LF as one character and keeps the typed text on refusal", () => {
    expect(parseAnswerForm(body({ message: " a\r\nb " }))).toEqual({
      ok: true,
      text: "a\nb",
    });
    expect(parseAnswerForm(body({ message: "x\r\n".repeat(2500) }))).toEqual({
      ok: true,
      text: "x\n".repeat(2500).trim(),
    });
    expect(parseAnswerForm(body({}))).toMatchObject({ ok: false, typed: "" });
    const long = parseAnswerForm(body({ message: "y".repeat(5001) }));
    expect(long).toMatchObject({ ok: false, typed: "y".repeat(5001) });
  });

  it("accepts scores 1 to 5 and an optional comment of 1,000 characters at most", () => {
    expect(parseRatingForm(body({ score: "5" }))).toEqual({
      ok: true,
      score: 5,
    });
    expect(parseRatingForm(body({ score: "1", comment: "  " }))).toEqual({
      ok: true,
      score: 1,
    });
    expect(
      parseRatingForm(body({ score: "3", comment: "c".repeat(1000) })),
    ).toEqual({ ok: true, score: 3, comment: "c".repeat(1000) });
    for (const score of ["0", "6", "4.0", " 4", "", "quatre"])
      expect(parseRatingForm(body({ score })), score).toMatchObject({
        ok: false,
        errors: { score: "Choisissez une réponse." },
      });
    expect(
      parseRatingForm(body({ score: "2", comment: "c".repeat(1001) })),
    ).toMatchObject({ ok: false, score: 2, comment: "c".repeat(1001) });
  });
});
