/** Départements, régions and cohorts offered by the demo's profile switchers (public facts, no people). */
import type { Option } from "./form-fields.ts";

export interface Department {
  code: string;
  name: string;
  region: string;
}

export const DEPARTMENTS: readonly Department[] = [
  { code: "75", name: "Paris", region: "Île-de-France" },
  {
    code: "13",
    name: "Bouches-du-Rhône",
    region: "Provence-Alpes-Côte d'Azur",
  },
  { code: "69", name: "Rhône", region: "Auvergne-Rhône-Alpes" },
  { code: "59", name: "Nord", region: "Hauts-de-France" },
  { code: "35", name: "Ille-et-Vilaine", region: "Bretagne" },
  { code: "2A", name: "Corse-du-Sud", region: "Corse" },
  { code: "974", name: "La Réunion", region: "La Réunion" },
];

export const COHORTS = [
  "Février 2027",
  "Avril 2027",
  "Juin 2027",
  "Juillet 2027",
] as const;

/** The département with this code (the first one when unknown). */
export function departmentOf(code: string): Department {
  return (
    DEPARTMENTS.find((d) => d.code === code) ?? (DEPARTMENTS[0] as Department)
  );
}

export const DEPARTMENT_CHOICES: readonly Option[] = DEPARTMENTS.map((d) => [
  d.code,
  `${d.code} — ${d.name}`,
]);
export const COHORT_CHOICES: readonly Option[] = COHORTS.map((c) => [c, c]);
