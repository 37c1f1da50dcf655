// Benchmark data for the indicators (issue 13): a year of requests that live as real ones do — first reply,
// waiting for the requester, answers, resolutions (by staff or automatic), closings, reopenings, ratings
// (some edited) — as steps that each store's writer (support-seed-sqlite.ts, support-seed-pg.ts) applies to
// the tables the store writes, so that the indicators' triggers keep them exactly as in production; and a
// year of the widget's daily counters through the store.
import type { AppStore } from "../../api/store/app-store.ts";
import type { WidgetCount } from "../../api/store/indicator-types.ts";
import { addDays, parisDay } from "../../api/store/working-days.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deterministic draws: a uniform number, a pick, and a log-normal duration in ms. */
export interface Draws {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
}

const logNormalMs = (draws: Draws, medianMs: number, spread: number) => {
  // Box–Muller on two uniforms: a normal draw, then exp for a long right tail like real waiting times.
  const u = Math.max(draws.random(), 1e-9);
  const v = draws.random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianMs * Math.exp(spread * normal);
};

export const STATUSES = [
  "IN_PROGRESS",
  "WAITING_VALIDATION",
  "WAITING_CORRECTION",
  "VALIDATED",
  "WAITING_AFFECTATION",
  "AFFECTED",
  "DONE",
] as const;

const COMMENTS = [
  "Merci pour la réponse rapide.",
  "Réponse claire, problème réglé.",
  "Trop long à obtenir une réponse.",
  "Je n'ai pas compris la réponse.",
  "Parfait, merci !",
];

/** What support signs and writes, and what the requester answers, in every seeded message. */
export const SEED_MESSAGES = {
  signature: "Support SNU",
  reply: "Bonjour, voici la réponse.",
  answer: "Merci, voici ma réponse.",
} as const;

/**
 * One write of a request's life, as the stores make it: a message (support's reply or the requester's
 * answer), a status change (with its instant and the « unread answer » mark), a rating given or edited.
 * `request` is the request's position in its batch; instants are ms since the epoch.
 */
export type LifeStep =
  | {
      kind: "message";
      request: number;
      at: number;
      author: "agent" | "requester";
    }
  | {
      kind: "status";
      request: number;
      at: number;
      status: "in_progress" | "waiting_user" | "resolved" | "closed";
      unread: boolean;
    }
  | {
      kind: "rating";
      request: number;
      score: number;
      comment: string | null;
      at: number;
      updatedAt: number;
    };

/**
 * The lives of `requests` (in order), each step at its own instant, a request's steps in the order they
 * happen; a life stops at its first step after `now`. A reply is its message then its status change, an
 * answer likewise: what the stores write, in that order.
 */
export function lifeOf(
  draws: Draws,
  requests: readonly { createdAt: number }[],
  now: number,
): LifeStep[] {
  const steps: LifeStep[] = [];
  const move = (
    request: number,
    at: number,
    status: "in_progress" | "waiting_user" | "resolved" | "closed",
    unread = false,
  ) => steps.push({ kind: "status", request, at, status, unread });
  const reply = (
    request: number,
    at: number,
    status: "in_progress" | "waiting_user" | "resolved",
  ) => {
    steps.push({ kind: "message", request, at, author: "agent" });
    move(request, at, status);
  };
  const answer = (request: number, at: number) => {
    steps.push({ kind: "message", request, at, author: "requester" });
    move(request, at, "in_progress", true);
  };

  for (const [request, { createdAt }] of requests.entries()) {
    // First reply: median 20 h, from minutes to weeks; 5 % are never answered (yet).
    if (draws.random() < 0.05) continue;
    let t = createdAt + logNormalMs(draws, 20 * HOUR, 1.3);
    if (t > now) continue;
    const outcome = draws.random();
    let resolvedAt: number | undefined;
    if (outcome < 0.45) {
      reply(request, t, "resolved");
      resolvedAt = t;
    } else if (outcome < 0.8) {
      reply(request, t, "waiting_user");
      if (draws.random() < 0.6) {
        t += logNormalMs(draws, 30 * HOUR, 1);
        if (t > now) continue;
        answer(request, t);
        t += logNormalMs(draws, 24 * HOUR, 1);
        if (t > now) continue;
        reply(request, t, "resolved");
      } else {
        // No answer within 14 days: the follow-up automation resolves it.
        t += 14 * DAY;
        if (t > now) continue;
        move(request, t, "resolved");
      }
      resolvedAt = t;
    } else {
      reply(request, t, "in_progress");
      t += logNormalMs(draws, 3 * DAY, 1);
      if (t > now) continue;
      const resolved = draws.random() < 0.85;
      move(request, t, resolved ? "resolved" : "closed");
      if (!resolved) continue;
      resolvedAt = t;
    }
    if (resolvedAt === undefined) continue;
    t = resolvedAt;
    // 5 % come back after the resolution and are resolved again.
    if (draws.random() < 0.05) {
      t += logNormalMs(draws, 2 * DAY, 1);
      if (t > now) continue;
      answer(request, t);
      t += logNormalMs(draws, DAY, 1);
      if (t > now) continue;
      reply(request, t, "resolved");
    }
    // 30 % rate within the month, 40 % of them with a comment; 5 % of ratings edited the next day (the
    // edit keeps the rating's first date).
    if (draws.random() < 0.3) {
      const ratedAt = t + logNormalMs(draws, 2 * DAY, 1);
      if (ratedAt > now || ratedAt - t > 30 * DAY) continue;
      const score = 1 + Math.floor(draws.random() * 5);
      const comment = draws.random() < 0.4 ? draws.pick(COMMENTS) : null;
      steps.push({
        kind: "rating",
        request,
        score,
        comment,
        at: ratedAt,
        updatedAt: ratedAt,
      });
      if (draws.random() < 0.05 && ratedAt + DAY <= now)
        steps.push({
          kind: "rating",
          request,
          score: 6 - score,
          comment,
          at: ratedAt,
          updatedAt: ratedAt + DAY,
        });
    }
    // Half of the resolved ones are closed a week later.
    if (draws.random() < 0.5 && t + 7 * DAY <= now)
      move(request, t + 7 * DAY, "closed");
  }
  return steps;
}

/**
 * A year of the widget's counters, one batch per day as `POST /v1/events` would add them: openings, contact
 * forms and requests per page; reads, votes and « then a request » per tip; searches without result per
 * page and term (a long tail). Returns how many lines were added.
 */
export async function seedWidgetCounts(
  store: AppStore,
  draws: Draws,
  routes: Record<"moncompte" | "admin", readonly string[]>,
  lastDay: string,
  days = 366,
): Promise<number> {
  const tips = Array.from({ length: 120 }, (_, i) => {
    const platform = i < 80 ? ("moncompte" as const) : ("admin" as const);
    return {
      id: `bench-tip-${i}`,
      platform,
      route: draws.pick(routes[platform]),
    };
  });
  const words =
    "absence affectation bagages bus centre certificat code connexion contrat convocation date dossier équivalence famille identité inscription lieu médecin mission mot parent passe phase pièce police présence réinscription sanitaire séjour transport valise".split(
      " ",
    );
  const terms = Array.from(
    { length: 1500 },
    (_, i) =>
      `${words[i % words.length]} ${words[Math.floor(i / words.length) % words.length]}`,
  );
  let lines = 0;
  for (let d = days - 1; d >= 0; d--) {
    const day = addDays(lastDay, -d);
    const batch: WidgetCount[] = [];
    for (const platform of ["moncompte", "admin"] as const)
      for (const route of routes[platform]) {
        const opens =
          1 +
          Math.floor(draws.random() * (platform === "moncompte" ? 400 : 80));
        batch.push({ platform, route, event: "panel_open", count: opens });
        batch.push({
          platform,
          route,
          event: "contact_open",
          count: Math.ceil(opens / 8),
        });
        batch.push({
          platform,
          route,
          event: "request_sent",
          count: Math.ceil(opens / 12),
        });
      }
    for (const tip of tips) {
      const reads = Math.floor(draws.random() * 60);
      if (!reads) continue;
      const line = { platform: tip.platform, route: tip.route, tip: tip.id };
      batch.push({ ...line, event: "tip_read", count: reads });
      batch.push({
        ...line,
        event: "tip_helpful",
        count: Math.floor(reads / 4) + 1,
      });
      batch.push({
        ...line,
        event: "tip_not_helpful",
        count: Math.floor(reads / 10) + 1,
      });
      batch.push({
        ...line,
        event: "tip_then_request",
        count: Math.floor(reads / 15) + 1,
      });
    }
    // 80 searches without result a day, the terms drawn from a long tail (the square favours the first).
    for (let i = 0; i < 80; i++) {
      const platform = draws.random() < 0.8 ? "moncompte" : "admin";
      const term = terms[Math.floor(draws.random() ** 2 * terms.length)]!;
      batch.push({
        platform,
        route: draws.pick(routes[platform]),
        event: "search_empty",
        term,
        count: 1,
      });
    }
    lines += batch.length;
    await store.addWidgetCounts(day, batch);
  }
  return lines;
}

/** Today in Paris, the last day the benchmark's data reaches. */
export const today = () => parisDay(new Date());
