import { CATEGORIES } from "../contract/categories.ts";
import {
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import type { Platform } from "../contract/vocabulary.ts";
import type { SupportRole } from "../contract/support-session.ts";

const SHORT = new Intl.RelativeTimeFormat("fr", {
  style: "short",
  numeric: "always",
});
// « il y a 3 m. » reads badly for months: spell months and years out.
const LONG = new Intl.RelativeTimeFormat("fr", { numeric: "always" });
const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
});
// `YYYY-MM-DD` days are calendar days, not instants: format them in UTC so no time zone shifts them.
const DAY = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const PERCENT = new Intl.NumberFormat("fr-FR", {
  style: "percent",
  signDisplay: "exceptZero",
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MS = 24 * HOUR;

/** « il y a 3 h »: how long ago, in French, rounded down. */
export function formatAge(iso: string, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - Date.parse(iso));
  if (elapsed < MINUTE) return "à l'instant";
  if (elapsed < HOUR)
    return SHORT.format(-Math.floor(elapsed / MINUTE), "minute");
  if (elapsed < DAY_MS)
    return SHORT.format(-Math.floor(elapsed / HOUR), "hour");
  if (elapsed < 30 * DAY_MS)
    return SHORT.format(-Math.floor(elapsed / DAY_MS), "day");
  if (elapsed < 365 * DAY_MS)
    return LONG.format(-Math.floor(elapsed / (30 * DAY_MS)), "month");
  return LONG.format(-Math.floor(elapsed / (365 * DAY_MS)), "year");
}

/** « 2 mars 2026 à 10:30 », in the browser's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** « 2 mars 2026 » for a `YYYY-MM-DD` day. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : DAY.format(date);
}

/** `YYYY-MM-DD` of a date in the browser's time zone (what « aujourd'hui » means to the reader). */
export function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The day `days` after (or before, if negative) a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** « +25 % », « -10 % », « 0 % » or « nouveau » when the page had no request before. */
export function formatEvolution(count: number, previous: number): string {
  if (previous === 0) return count === 0 ? "0 %" : "nouveau";
  return PERCENT.format((count - previous) / previous);
}

/** French label of a request status. */
export function statusLabel(status: RequestStatus): string {
  return REQUEST_STATUS_LABELS[status] ?? status;
}

/** French label of a category id on a platform (its id when unknown, e.g. retired since). */
export function categoryLabel(platform: Platform, categoryId: string): string {
  return findCategory(platform, categoryId)?.label ?? categoryId;
}

/** « J'ai un problème technique › Je n'arrive pas à téléverser un document ». */
export function topicLabel(
  platform: Platform,
  categoryId: string,
  subjectId: string,
): string {
  const category = findCategory(platform, categoryId);
  const subject = category?.subjects.find((s) => s.id === subjectId);
  return `${category?.label ?? categoryId} › ${subject?.label ?? subjectId}`;
}

function findCategory(platform: Platform, categoryId: string) {
  // Category ids are unique per platform (categories.ts); the same id may mean something else elsewhere.
  return CATEGORIES.find((c) => c.platform === platform && c.id === categoryId);
}

/** « moncompte » / « admin »: the platforms as the SNU teams name them. */
export const PLATFORM_LABELS: Record<Platform, string> = {
  moncompte: "moncompte",
  admin: "admin",
};

/** Requester roles (SNU code names) in French. */
export const ROLE_LABELS: Record<string, string> = {
  young: "Volontaire",
  admin: "Administrateur national",
  referent_department: "Référent départemental",
  referent_region: "Référent régional",
  head_center: "Chef de centre",
  head_center_adjoint: "Chef de centre adjoint",
  referent_sanitaire: "Référent sanitaire",
  responsible: "Responsable de structure",
  supervisor: "Superviseur de réseau",
  visitor: "Visiteur",
  transporter: "Transporteur",
  administrateur_cle: "Administrateur CLE",
  referent_classe: "Référent de classe",
};

/** Console roles in French. */
export const SUPPORT_ROLE_LABELS: Record<SupportRole, string> = {
  admin: "Administrateur",
  agent: "Agent du support",
  referent: "Référent départemental",
};

/** A young person's case and phase statuses in French. */
export const YOUNG_STATUS_LABELS: Record<string, string> = {
  IN_PROGRESS: "Inscription en cours",
  WAITING_VALIDATION: "En attente de validation",
  WAITING_CORRECTION: "En attente de correction",
  VALIDATED: "Validé",
  WAITING_LIST: "Sur liste complémentaire",
  REFUSED: "Refusé",
  WITHDRAWN: "Désisté",
  ABANDONED: "Abandonné",
  NOT_ELIGIBLE: "Non éligible",
  WAITING_AFFECTATION: "En attente d'affectation",
  AFFECTED: "Affecté",
  EXEMPTED: "Dispensé",
  DONE: "Réalisé",
  NOT_DONE: "Non réalisé",
};

/** « Volontaire · 75 », « Sans profil » for a parent on a token page. */
export function profileLabel(role?: string, department?: string): string {
  const who = role ? (ROLE_LABELS[role] ?? role) : "Sans profil";
  return department ? `${who} · ${department}` : who;
}

/** « 45 secondes », « 3 minutes »: how long to wait before trying again. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
