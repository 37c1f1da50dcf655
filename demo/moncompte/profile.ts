/** The person the moncompte demo acts as, and what it tells the widget through `identify`. */
import {
  COHORT_CHOICES,
  DEPARTMENT_CHOICES,
  departmentOf,
} from "../shared/geo.ts";
import type {
  ProfileValues,
  SwitcherField,
} from "../shared/profile-switcher.ts";

/** Case and phase statuses of a young person's file (SNU-DOMAIN.md), with the demo's French label. */
export const STATUSES = [
  ["IN_PROGRESS", "Inscription en cours"],
  ["WAITING_VALIDATION", "En attente de validation"],
  ["WAITING_CORRECTION", "Corrections demandées"],
  ["WAITING_LIST", "Liste complémentaire"],
  ["REFUSED", "Inscription refusée"],
  ["VALIDATED", "Inscription validée"],
  ["WAITING_AFFECTATION", "En attente d'affectation"],
  ["AFFECTED", "Affecté(e) à un séjour"],
  ["DONE", "Séjour accompli"],
  ["NOT_DONE", "Séjour non réalisé"],
  ["WITHDRAWN", "Désisté(e)"],
] as const;

export type YoungStatus = (typeof STATUSES)[number][0];

export interface MoncompteProfile {
  role: "young" | "parent";
  status: YoungStatus;
  department: string;
  cohort: string;
}

/** The fictional young person of the demo. */
export const YOUNG = {
  firstName: "Camille",
  lastName: "Martin",
  email: "camille.martin@example.fr",
  userId: "u_7f3a9c",
} as const;

export const STORAGE_KEY = "snu-aide-demo:moncompte:profil";

export const FIELDS: readonly SwitcherField[] = [
  {
    name: "role",
    label: "Personne",
    choices: [
      ["young", "Jeune (young)"],
      ["parent", "Parent (sans compte)"],
    ],
  },
  {
    name: "status",
    label: "Statut du dossier",
    choices: STATUSES.map(([v, l]) => [v, `${l} (${v})`]),
  },
  { name: "department", label: "Département", choices: DEPARTMENT_CHOICES },
  { name: "cohort", label: "Cohorte", choices: COHORT_CHOICES },
];

export const DEFAULTS: ProfileValues = {
  role: "young",
  status: "IN_PROGRESS",
  department: "75",
  cohort: "Juin 2027",
};

/** Typed profile from the switcher's values (already checked against the choices). */
export function toProfile(values: ProfileValues): MoncompteProfile {
  return {
    role: values.role === "parent" ? "parent" : "young",
    status: (values.status ?? DEFAULTS.status) as YoungStatus,
    department: values.department ?? "75",
    cohort: values.cohort ?? "Juin 2027",
  };
}

/** The `identify` payload, or undefined for a parent: parents have no account. */
export function identityOf(profile: MoncompteProfile) {
  if (profile.role === "parent") return undefined;
  return {
    role: "young",
    department: profile.department,
    region: departmentOf(profile.department).region,
    cohort: profile.cohort,
    status: profile.status,
    email: YOUNG.email,
    userId: YOUNG.userId,
  };
}

/** The label of a status. */
export function statusLabel(status: YoungStatus): string {
  return STATUSES.find(([v]) => v === status)?.[1] ?? status;
}
