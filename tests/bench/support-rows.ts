// The data of the support benchmark, drawn once and written by either store's writer
// (support-seed-sqlite.ts, support-seed-pg.ts): a year of requests, as the widget sends them, each with its
// life (replies, answers, status changes, ratings: indicator-seed.ts). Deterministic: the same seed gives the
// same rows in the same order, so both stores hold the same data and two runs of one store too.
import { CATEGORIES } from "../../api/contract/categories.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import {
  lifeOf,
  STATUSES,
  type Draws,
  type LifeStep,
} from "./indicator-seed.ts";

/**
 * mulberry32: 32-bit integer steps (Math.imul). The former LCG multiplied past 2^53 in floating point and
 * lost its low bits: départements came out very unevenly (one had a single request).
 */
export function createDraws(seed = 42): Draws {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;
  return { random, pick };
}

export const DEPARTMENTS = Array.from({ length: 95 }, (_, i) =>
  String(i + 1).padStart(2, "0"),
).filter((d) => d !== "20");

export const WORDS = (
  "séjour affectation convocation rassemblement bagages trousseau mission candidature contrat équivalence " +
  "téléversement pièce identité recto verso consentement parent représentant inscription dossier correction " +
  "phase transport bus centre pointage fiche sanitaire attestation code route journée défense citoyenneté " +
  "bonjour merci question problème impossible bouton erreur page lien courriel compte mot passe connexion"
).split(" ");

// Roles of the admin platform's users, the departmental referent the most frequent.
const ADMIN_ROLES = [
  "referent_department",
  "referent_department",
  "referent_department",
  "referent_region",
  "head_center",
  "head_center_adjoint",
  "responsible",
  "supervisor",
  "administrateur_cle",
  "referent_classe",
  "visitor",
] as const;

/** A request as POST /v1/requests stores it (no e-mail: the benchmark sends none). */
export interface SeedRequest {
  reference: string;
  /** ms since the epoch. */
  createdAt: number;
  platform: "moncompte" | "admin";
  route: string;
  category: string;
  subject: string;
  department: string | null;
  role: string | null;
  message: string;
  context: Record<string, unknown>;
}

/** Requests in creation order, then their lives; a step's `request` is a position in `requests`. */
export interface SeedBatch {
  requests: SeedRequest[];
  life: LifeStep[];
}

/** What a writer did and how long it took (ms; `totalMs` includes drawing the rows). */
export interface SeedReport {
  requests: number;
  /** Messages, status changes and ratings written. */
  steps: number;
  insertMs: number;
  lifeMs: number;
  /** PostgreSQL: folding the indicators' queued facts into their rollups, after each batch. */
  foldMs?: number;
  /** Work after the writes (statistics, vacuum), if any. */
  afterMs: number;
  afterWhat: string;
  totalMs: number;
}

/** The seeding's batch: one transaction per store, the unit of the draws' order. */
export const SEED_BATCH = 50_000;

/**
 * `rows` requests spread evenly over the year before `now`, by batches: each batch's requests are drawn,
 * then their lives (steps after `now` are left out). Changing the order of the draws changes every row
 * after it: keep it.
 */
export function* supportRows(
  rows: number,
  now: number,
  draws: Draws,
): Generator<SeedBatch> {
  const { random, pick } = draws;
  const start = now - 365 * 86_400_000;
  for (let from = 0; from < rows; from += SEED_BATCH) {
    const requests: SeedRequest[] = [];
    for (let i = from; i < Math.min(rows, from + SEED_BATCH); i++) {
      const platform = random() < 0.7 ? "moncompte" : "admin";
      const category = pick(CATEGORIES.filter((c) => c.platform === platform));
      const route = pick(ROUTE_PATTERNS[platform]);
      const role =
        platform === "moncompte"
          ? random() < 0.92
            ? "young"
            : null
          : pick(ADMIN_ROLES);
      const department = role && random() < 0.96 ? pick(DEPARTMENTS) : null;
      const message = Array.from(
        { length: 12 + Math.floor(random() * 30) },
        () => pick(WORDS),
      ).join(" ");
      const context = {
        platform,
        route,
        title: "Page",
        locale: "fr",
        viewport: { w: 390, h: 844 },
        userAgent: "bench",
        widgetVersion: "0",
        ...(role
          ? {
              identity: {
                role,
                ...(department ? { department } : {}),
                ...(role === "young" ? { status: pick(STATUSES) } : {}),
              },
            }
          : {}),
      };
      requests.push({
        reference: `SNU-2026-${String(i + 1).padStart(7, "0")}`,
        createdAt: start + (i / rows) * 365 * 86_400_000,
        platform,
        route,
        category: category.id,
        subject: pick(category.subjects).id,
        department,
        role,
        message,
        context,
      });
    }
    yield { requests, life: lifeOf(draws, requests, now) };
  }
}
