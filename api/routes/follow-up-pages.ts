import { Hono, type Context, type MiddlewareHandler } from "hono";
import { ApiError } from "../api-error.ts";
import type { AppEnv } from "../app-env.ts";
import type { Clock } from "../clock.ts";
import type { ClientAddress } from "../middleware/client-address.ts";
import { rateLimit } from "../middleware/rate-limit.ts";
import type { ConversationStore } from "../store/conversation-types.ts";
import type { RateCounter } from "../store/rate-counter.ts";
import { isFollowUpToken, type FollowUpTokens } from "../follow-up/tokens.ts";
import { isCrossSitePost } from "../follow-up/cross-site.ts";
import { formBodyGuard, readForm } from "../follow-up/form-body.ts";
import {
  parseAnswerForm,
  parseRatingForm,
} from "../follow-up/follow-up-forms.ts";
import {
  renderFollowUpPage,
  type FollowUpPageState,
} from "../follow-up/follow-up-page.ts";
import { followUpHeaders } from "../follow-up/page-headers.ts";
import {
  STYLESHEET,
  STYLESHEET_PATH,
  STYLESHEET_VERSION,
} from "../follow-up/stylesheet.ts";

export interface FollowUpPagesDeps {
  store: ConversationStore;
  tokens: Pick<FollowUpTokens, "hashOf">;
  clock: Clock;
  clientAddress: ClientAddress;
  /** Requests per address per minute on `/suivi/*` (0: no limit). */
  rateLimitPerMinute: number;
  /** Where that limit counts (default: this process's memory; on PostgreSQL, shared by every instance). */
  rateCounter?: RateCounter;
  /** Behind a trusted reverse proxy, the origin forms post from comes from X-Forwarded-* (default false). */
  trustProxy?: boolean;
}

/**
 * `/suivi/*` allows this many times the submissions' per-minute limit: one action of the requester costs
 * up to three requests (the form post, the page it redirects to, the stylesheet on a cold cache) where a
 * submission through the widget costs one. The token (192 bits) is not guessable at any rate: the limit
 * only bounds what one address can make the server do.
 */
export const PAGE_RATE_FACTOR = 3;

/** The requester's follow-up page `/suivi/<token>` (issue 10): server-rendered, no script, no cookie. */
export function followUpPages(deps: FollowUpPagesDeps): Hono<AppEnv> {
  const { store, tokens, clock } = deps;
  const trustProxy = deps.trustProxy ?? false;
  const app = new Hono<AppEnv>();

  app.use(
    "/suivi/*",
    followUpHeaders(),
    rateLimit({
      limit: deps.rateLimitPerMinute * PAGE_RATE_FACTOR,
      clock,
      clientAddress: deps.clientAddress,
      counter: deps.rateCounter,
    }),
  );

  app.get(STYLESHEET_PATH, (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    // The page links the current version: that address never changes content.
    c.header(
      "Cache-Control",
      c.req.query("v") === STYLESHEET_VERSION
        ? "public, max-age=31536000, immutable"
        : "public, max-age=300",
    );
    return c.body(STYLESHEET);
  });

  app.get("/suivi/:token", async (c) => {
    const token = c.req.param("token");
    const view = isFollowUpToken(token)
      ? await store.getFollowUp(tokens.hashOf(token))
      : undefined;
    if (!view) throw notFound();
    return c.html(
      renderFollowUpPage(view, {
        token,
        now: clock.now(),
        answerSent: c.req.query("envoye") === "1",
        rating: { saved: c.req.query("avis") === "1" },
      }),
    );
  });

  const guards = [
    knownTokenShape,
    sameOriginOnly(trustProxy),
    formBodyGuard(),
  ] as const;

  app.post("/suivi/:token/messages", ...guards, async (c) => {
    const token = c.req.param("token");
    const hash = tokens.hashOf(token);
    const form = parseAnswerForm(await readForm(c));
    if (!form.ok)
      return renderAgain(c, hash, 400, {
        token,
        now: clock.now(),
        answer: { typed: form.typed, error: form.error },
      });
    const view = await store.addAnswer(hash, form.text, clock.now());
    if (!view) throw notFound();
    // POST-redirect-GET: a reload of the page never sends the answer twice.
    return c.redirect(`/suivi/${token}?envoye=1#conversation`, 303);
  });

  app.post("/suivi/:token/avis", ...guards, async (c) => {
    const token = c.req.param("token");
    const hash = tokens.hashOf(token);
    const form = parseRatingForm(await readForm(c));
    if (!form.ok)
      return renderAgain(c, hash, 400, {
        token,
        now: clock.now(),
        rating: { form },
      });
    const rated = await store.rate(
      hash,
      form.comment === undefined
        ? { score: form.score }
        : { score: form.score, comment: form.comment },
      clock.now(),
    );
    if (rated.ok) return c.redirect(`/suivi/${token}?avis=1#satisfaction`, 303);
    if (rated.reason === "not_found") throw notFound();
    return renderAgain(c, hash, 409, {
      token,
      now: clock.now(),
      rating: { refused: rated.reason },
    });
  });

  // The page again with what was typed and why it was refused; the same 404 when the token is unknown.
  async function renderAgain(
    c: Context<AppEnv>,
    hash: string,
    status: 400 | 409,
    state: FollowUpPageState,
  ) {
    const view = await store.getFollowUp(hash);
    if (!view) throw notFound();
    return c.html(renderFollowUpPage(view, state), status);
  }

  return app;
}

// One error for malformed, unknown and expired tokens: page-headers.ts turns it into the same page.
const notFound = () =>
  new ApiError("not_found", "Ce lien de suivi n'existe pas.");

const knownTokenShape: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isFollowUpToken(c.req.param("token") ?? "")) throw notFound();
  return next();
};

function sameOriginOnly(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async function refuseCrossSitePost(c, next) {
    if (isCrossSitePost(c, trustProxy))
      throw new ApiError(
        "origin_not_allowed",
        "Ce formulaire ne peut être envoyé que depuis la page de suivi.",
      );
    return next();
  };
}
