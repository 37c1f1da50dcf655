import type { Platform, Role } from "./platforms.ts";

/** A contact subject: the second level of the form, with its French label. */
export interface Subject {
  id: string;
  label: string;
}

/**
 * A contact category for one platform. The ids are those of the SNU code; the same id can exist on
 * both platforms with other subjects (young people's TECHNICAL is not staff's TECHNICAL).
 * `roles` absent: everyone on that platform, including people without a role (parents on a token page).
 */
export interface Category {
  id: string;
  label: string;
  platform: Platform;
  roles?: readonly Role[];
  subjects: readonly Subject[];
}

const REFERENTS: readonly Role[] = ["referent_department", "referent_region"];
const HOST_ORGANISATIONS: readonly Role[] = ["responsible", "supervisor"];
const OTHER_SUBJECTS: readonly Subject[] = [
  { id: "OTHER", label: "Autre demande" },
];

/** Every category of the contact form, in display order per platform. */
export const CATEGORIES: readonly Category[] = [
  {
    id: "QUESTION",
    label: "J'ai une question",
    platform: "moncompte",
    subjects: [
      {
        id: "PHASE_0_ELIGIBILITY",
        label: "Conditions d'inscription et d'éligibilité",
      },
      { id: "PHASE_1_AFFECTATION", label: "Mon affectation au séjour" },
      { id: "PHASE_1_MEETING_POINT", label: "Mon point de rassemblement" },
      { id: "PHASE_1_LUGGAGE", label: "Mon trousseau et mes bagages" },
      { id: "PHASE_1_WITHDRAWAL", label: "Me désister du séjour" },
      { id: "PHASE_2", label: "La phase 2 en général" },
      { id: "PHASE_2_MISSION", label: "Trouver une mission d'intérêt général" },
      { id: "PHASE_2_CANDIDATURE", label: "Ma candidature à une mission" },
      {
        id: "PHASE_2_EQUIVALENCE",
        label: "Faire reconnaître un engagement (équivalence)",
      },
      { id: "PHASE_2_JDC", label: "La Journée défense et citoyenneté (JDC)" },
      { id: "PHASE_2_LICENSE", label: "Le code de la route" },
    ],
  },
  {
    id: "TECHNICAL",
    label: "J'ai un problème technique",
    platform: "moncompte",
    subjects: [
      { id: "CONNECTION", label: "Je n'arrive pas à me connecter" },
      { id: "COMPLETION", label: "Je n'arrive pas à compléter mon dossier" },
      { id: "UPLOAD", label: "Je n'arrive pas à téléverser un document" },
      { id: "CONTRACT", label: "Mon contrat d'engagement" },
      { id: "SIBLINGS", label: "J'inscris plusieurs frères et sœurs" },
      { id: "OTHER", label: "Autre problème technique" },
    ],
  },
  {
    id: "OTHER",
    label: "Autre",
    platform: "moncompte",
    subjects: OTHER_SUBJECTS,
  },
  {
    id: "TECHNICAL",
    label: "J'ai un problème technique",
    platform: "admin",
    subjects: [
      { id: "DOWNLOAD", label: "Je n'arrive pas à télécharger un document" },
      { id: "UPLOAD", label: "Je n'arrive pas à téléverser un document" },
      { id: "CONTRACT", label: "Contrat d'engagement" },
      { id: "LOGIN", label: "Connexion à mon compte" },
      { id: "OTHER", label: "Autre problème technique" },
    ],
  },
  {
    id: "QUESTION_SUPPORT",
    label: "J'ai une question sur la plateforme",
    platform: "admin",
    roles: REFERENTS,
    subjects: [
      { id: "INSCRIPTION", label: "Inscriptions et instruction des dossiers" },
      { id: "AFFECTATION", label: "Affectations et séjours" },
      { id: "MISSION", label: "Missions et structures d'accueil" },
      { id: "USERS", label: "Comptes et invitations" },
      { id: "OTHER", label: "Autre question" },
    ],
  },
  {
    id: "SPECIAL_CASE",
    label: "J'ai un cas particulier (volontaire)",
    platform: "admin",
    roles: REFERENTS,
    subjects: [
      { id: "PHASE_1", label: "Phase 1 — séjour de cohésion" },
      { id: "PHASE_2", label: "Phase 2 — mission d'intérêt général" },
      { id: "PHASE_3", label: "Phase 3 — engagement" },
      { id: "OTHER", label: "Autre situation" },
    ],
  },
  {
    id: "QUESTION",
    label: "J'ai une question",
    platform: "admin",
    roles: HOST_ORGANISATIONS,
    subjects: [
      { id: "MISSION", label: "Publier ou modifier une mission" },
      { id: "QUESTION_CONTRACT", label: "Le contrat d'engagement" },
      { id: "ACCUEIL", label: "Accueillir un volontaire" },
      { id: "APPLICATION", label: "Les candidatures reçues" },
      { id: "QUESTION_OTHER", label: "Autre question" },
    ],
  },
  { id: "OTHER", label: "Autre", platform: "admin", subjects: OTHER_SUBJECTS },
];

/** The categories someone may choose on a platform, given their role (none for a parent or a visitor). */
export function categoriesFor(platform: Platform, role?: Role): Category[] {
  return CATEGORIES.filter(
    (category) =>
      category.platform === platform &&
      (!category.roles ||
        (role !== undefined && category.roles.includes(role))),
  );
}

/** The category and subject matching the ids, if that person may use them on that platform. */
export function findSubject(
  platform: Platform,
  role: Role | undefined,
  categoryId: string,
  subjectId: string,
): { category: Category; subject: Subject } | undefined {
  const category = categoriesFor(platform, role).find(
    (c) => c.id === categoryId,
  );
  const subject = category?.subjects.find((s) => s.id === subjectId);
  return category && subject ? { category, subject } : undefined;
}
