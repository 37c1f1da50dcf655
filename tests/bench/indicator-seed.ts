// Benchmark data for the indicators (issue 13): a year of requests that live as real ones do — first reply,
// waiting for the requester, answers, resolutions (by staff or automatic), closings, reopenings, ratings
// (some edited) — written with the statements the stores use, so that migration 6's triggers keep the
// indicators exactly as in production; and a year of the widget's daily counters through the store.
import type Database from "better-sqlite3";
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

/**
 * Lives the requests `from`..`to` (ids) through the store's statements: each step at its own instant,
 * skipped when it would fall after `now`. Returns how many statements ran.
 */
export function liveRequests(
  db: Database.Database,
  draws: Draws,
  rows: readonly { id: number; createdAt: number }[],
  now: number,
  agentId: number,
): number {
  const message = db.prepare(
    "INSERT INTO request_messages (request_id, at, author, actor_id, signature, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const setStatus = db.prepare(
    "UPDATE requests SET status = ?, unread_answer = ?, version = version + 1, updated_at = ? WHERE id = ?",
  );
  const rate = db.prepare(
    `INSERT INTO request_ratings (request_id, score, comment, at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
       updated_at = excluded.updated_at`,
  );
  let statements = 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const reply = (id: number, at: number, status: string) => {
    message.run(
      id,
      iso(at),
      "agent",
      agentId,
      "Support SNU",
      "Bonjour, voici la réponse.",
    );
    setStatus.run(status, 0, iso(at), id);
    statements += 2;
  };
  const move = (id: number, at: number, status: string, unread = 0) => {
    setStatus.run(status, unread, iso(at), id);
    statements++;
  };
  const answer = (id: number, at: number) => {
    message.run(
      id,
      iso(at),
      "requester",
      null,
      null,
      "Merci, voici ma réponse.",
    );
    move(id, at, "in_progress", 1);
    statements++;
  };

  for (const { id, createdAt } of rows) {
    // First reply: median 20 h, from minutes to weeks; 5 % are never answered (yet).
    if (draws.random() < 0.05) continue;
    let t = createdAt + logNormalMs(draws, 20 * HOUR, 1.3);
    if (t > now) continue;
    const outcome = draws.random();
    let resolvedAt: number | undefined;
    if (outcome < 0.45) {
      reply(id, t, "resolved");
      resolvedAt = t;
    } else if (outcome < 0.8) {
      reply(id, t, "waiting_user");
      if (draws.random() < 0.6) {
        t += logNormalMs(draws, 30 * HOUR, 1);
        if (t > now) continue;
        answer(id, t);
        t += logNormalMs(draws, 24 * HOUR, 1);
        if (t > now) continue;
        reply(id, t, "resolved");
      } else {
        // No answer within 14 days: the follow-up automation resolves it.
        t += 14 * DAY;
        if (t > now) continue;
        move(id, t, "resolved");
      }
      resolvedAt = t;
    } else {
      reply(id, t, "in_progress");
      t += logNormalMs(draws, 3 * DAY, 1);
      if (t > now) continue;
      const resolved = draws.random() < 0.85;
      move(id, t, resolved ? "resolved" : "closed");
      if (!resolved) continue;
      resolvedAt = t;
    }
    if (resolvedAt === undefined) continue;
    t = resolvedAt;
    // 5 % come back after the resolution and are resolved again.
    if (draws.random() < 0.05) {
      t += logNormalMs(draws, 2 * DAY, 1);
      if (t > now) continue;
      answer(id, t);
      t += logNormalMs(draws, DAY, 1);
      if (t > now) continue;
      reply(id, t, "resolved");
    }
    // 30 % rate within the month, 40 % of them with a comment; 5 % of ratings edited the next day.
    if (draws.random() < 0.3) {
      const ratedAt = t + logNormalMs(draws, 2 * DAY, 1);
      if (ratedAt > now || ratedAt - t > 30 * DAY) continue;
      const score = 1 + Math.floor(draws.random() * 5);
      const comment = draws.random() < 0.4 ? draws.pick(COMMENTS) : null;
      rate.run(id, score, comment, iso(ratedAt), iso(ratedAt));
      statements++;
      if (draws.random() < 0.05 && ratedAt + DAY <= now) {
        rate.run(id, 6 - score, comment, iso(ratedAt), iso(ratedAt + DAY));
        statements++;
      }
    }
    // Half of the resolved ones are closed a week later.
    if (draws.random() < 0.5 && t + 7 * DAY <= now)
      move(id, t + 7 * DAY, "closed");
  }
  return statements;
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
