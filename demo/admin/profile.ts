/** The staff member the admin demo acts as, and what it tells the widget through `identify`. */
import {
  COHORT_CHOICES,
  DEPARTMENT_CHOICES,
  departmentOf,
} from "../shared/geo.ts";
import type {
  ProfileValues,
  SwitcherField,
} from "../shared/profile-switcher.ts";

/** Staff roles offered by the demo (SNU-DOMAIN.md), with a fictional person for each. */
export const ROLES = {
  referent_department: {
    label: "Référent(e) départemental(e)",
    name: "Claire Dubois",
    userId: "u_2b8e41",
  },
  referent_region: {
    label: "Référent(e) régional(e)",
    name: "Marc Lefèvre",
    userId: "u_91c0d2",
  },
  head_center: {
    label: "Chef(fe) de centre",
    name: "Karim Benali",
    userId: "u_5e7a13",
  },
  responsible: {
    label: "Responsable de structure",
    name: "Julie Moreau",
    userId: "u_c4f620",
  },
  supervisor: {
    label: "Superviseur(e) de réseau",
    name: "Thomas Leroy",
    userId: "u_0d9b57",
  },
  admin: {
    label: "Modérateur(rice) national(e)",
    name: "Nadia Haddad",
    userId: "u_a83e6f",
  },
  administrateur_cle: {
    label: "Administrateur(rice) CLE",
    name: "Paul Girard",
    userId: "u_6f1c38",
  },
  referent_classe: {
    label: "Référent(e) de classe",
    name: "Élise Fontaine",
    userId: "u_e27d94",
  },
} as const;

export type AdminRole = keyof typeof ROLES;

export interface AdminProfile {
  role: AdminRole;
  /** Département code, or "" for a national scope. */
  department: string;
  cohort: string;
}

export const STORAGE_KEY = "snu-aide-demo:admin:profil";

export const FIELDS: readonly SwitcherField[] = [
  {
    name: "role",
    label: "Rôle",
    choices: Object.entries(ROLES).map(([role, r]) => [
      role,
      `${r.label} (${role})`,
    ]),
  },
  {
    name: "department",
    label: "Département",
    choices: [...DEPARTMENT_CHOICES, ["", "Aucun (national)"]],
  },
  { name: "cohort", label: "Cohorte", choices: COHORT_CHOICES },
];

export const DEFAULTS: ProfileValues = {
  role: "referent_department",
  department: "13",
  cohort: "Juin 2027",
};

export function toProfile(values: ProfileValues): AdminProfile {
  const role =
    values.role && Object.hasOwn(ROLES, values.role)
      ? (values.role as AdminRole)
      : "referent_department";
  return {
    role,
    department: values.department ?? "13",
    cohort: values.cohort ?? "Juin 2027",
  };
}

/** Fake e-mail of a person: « Élise Fontaine » → elise.fontaine@example.fr. */
export function emailOf(name: string): string {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".");
  return `${local}@example.fr`;
}

/** The `identify` payload: no département nor région for a national scope. */
export function identityOf(profile: AdminProfile) {
  const person = ROLES[profile.role];
  const department = profile.department || undefined;
  return {
    role: profile.role,
    ...(department
      ? { department, region: departmentOf(department).region }
      : {}),
    cohort: profile.cohort,
    email: emailOf(person.name),
    userId: person.userId,
  };
}

/** « Bouches-du-Rhône (13) », or « national ». */
export function scopeOf(profile: AdminProfile): string {
  if (!profile.department) return "national";
  const department = departmentOf(profile.department);
  return profile.role === "referent_region"
    ? `région ${department.region}`
    : `${department.name} (${department.code})`;
}
