import {
  SATISFACTION_LABELS,
  type SatisfactionScore,
} from "../../contract/satisfaction.ts";
import type { Role } from "../../contract/vocabulary.ts";
import { ROLE_LABELS, YOUNG_STATUS_LABELS } from "../format.ts";

/** « Sans profil » for a requester without identity (a parent on a token page). */
export const roleName = (role: string | null) =>
  role ? (ROLE_LABELS[role] ?? role) : "Sans profil";

/** The role filter as the inbox words it: « Tous » when none is chosen. */
export const roleFilterName = (role: Role | "none" | undefined) =>
  !role ? "Tous" : role === "none" ? "Sans profil" : roleName(role);

/** « Non renseigné » when the host page gave no file status. */
export const statusName = (status: string | null) =>
  status ? (YOUNG_STATUS_LABELS[status] ?? status) : "Non renseigné";

/** « Satisfait(e) »: a score's label as the requester chose it. */
export const satisfactionName = (score: number) =>
  SATISFACTION_LABELS[score as SatisfactionScore] ?? String(score);

/** « 4/5 — Satisfait(e) ». */
export const scoreLabel = (score: number) =>
  `${score}/5 — ${satisfactionName(score)}`;
