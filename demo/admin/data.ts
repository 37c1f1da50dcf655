/** Fictional records of the admin demo (fixtures: long by nature). Ids are 24-hex strings, like the SNU apps' ObjectIds. */

export type CaseStatus =
  | "IN_PROGRESS"
  | "WAITING_VALIDATION"
  | "WAITING_CORRECTION"
  | "WAITING_LIST"
  | "VALIDATED";
export type Phase1Status =
  "WAITING_AFFECTATION" | "AFFECTED" | "DONE" | "NOT_DONE";

export const CASE_LABELS: Record<CaseStatus, string> = {
  IN_PROGRESS: "En cours",
  WAITING_VALIDATION: "À instruire",
  WAITING_CORRECTION: "En correction",
  WAITING_LIST: "Liste complémentaire",
  VALIDATED: "Validé",
};

export const PHASE1_LABELS: Record<Phase1Status, string> = {
  WAITING_AFFECTATION: "En attente d'affectation",
  AFFECTED: "Affecté",
  DONE: "Réalisée",
  NOT_DONE: "Non réalisée",
};

export interface Volunteer {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  department: string;
  cohort: string;
  status: CaseStatus;
  phase1: Phase1Status;
  hours: number;
  parent: string;
  parentConsent: string;
}

export const VOLUNTEERS: readonly Volunteer[] = [
  {
    id: "64f1b0c2d3e4f5061728394a",
    firstName: "Léa",
    lastName: "Bonnet",
    birthDate: "3 mai 2010",
    department: "13",
    cohort: "Juin 2027",
    status: "WAITING_VALIDATION",
    phase1: "WAITING_AFFECTATION",
    hours: 0,
    parent: "Nathalie Bonnet (mère)",
    parentConsent: "Donné le 2 mars 2027",
  },
  {
    id: "64f1b0c2d3e4f5061728394b",
    firstName: "Yanis",
    lastName: "Haddou",
    birthDate: "21 janvier 2011",
    department: "13",
    cohort: "Juin 2027",
    status: "WAITING_CORRECTION",
    phase1: "WAITING_AFFECTATION",
    hours: 0,
    parent: "Rachid Haddou (père)",
    parentConsent: "En attente",
  },
  {
    id: "64f1b0c2d3e4f5061728394c",
    firstName: "Inès",
    lastName: "Lambert",
    birthDate: "9 septembre 2010",
    department: "13",
    cohort: "Juin 2027",
    status: "VALIDATED",
    phase1: "AFFECTED",
    hours: 0,
    parent: "Céline Lambert (mère)",
    parentConsent: "Donné le 14 février 2027",
  },
  {
    id: "64f1b0c2d3e4f5061728394d",
    firstName: "Mathis",
    lastName: "Roussel",
    birthDate: "30 juin 2010",
    department: "13",
    cohort: "Février 2027",
    status: "VALIDATED",
    phase1: "DONE",
    hours: 32,
    parent: "Olivier Roussel (père)",
    parentConsent: "Donné le 8 décembre 2026",
  },
  {
    id: "64f1b0c2d3e4f5061728394e",
    firstName: "Chloé",
    lastName: "Nguyen",
    birthDate: "17 avril 2011",
    department: "75",
    cohort: "Juin 2027",
    status: "WAITING_LIST",
    phase1: "WAITING_AFFECTATION",
    hours: 0,
    parent: "Mai Nguyen (mère)",
    parentConsent: "Donné le 1er mars 2027",
  },
  {
    id: "64f1b0c2d3e4f5061728394f",
    firstName: "Noah",
    lastName: "Petit",
    birthDate: "12 novembre 2010",
    department: "69",
    cohort: "Avril 2027",
    status: "VALIDATED",
    phase1: "AFFECTED",
    hours: 0,
    parent: "Stéphanie Petit (mère)",
    parentConsent: "Donné le 20 janvier 2027",
  },
  {
    id: "6503d1e2f3a4b5c6d7e8f901",
    firstName: "Sarah",
    lastName: "Benmoussa",
    birthDate: "5 février 2011",
    department: "974",
    cohort: "Juillet 2027",
    status: "IN_PROGRESS",
    phase1: "WAITING_AFFECTATION",
    hours: 0,
    parent: "Karima Benmoussa (mère)",
    parentConsent: "En attente",
  },
  {
    id: "6503d1e2f3a4b5c6d7e8f902",
    firstName: "Lucas",
    lastName: "Marchand",
    birthDate: "28 août 2010",
    department: "2A",
    cohort: "Juin 2027",
    status: "VALIDATED",
    phase1: "NOT_DONE",
    hours: 0,
    parent: "Antoine Marchand (père)",
    parentConsent: "Donné le 5 février 2027",
  },
];

export interface Session {
  id: string;
  cohort: string;
  dates: string;
  places: number;
  filled: number;
}

export interface Centre {
  id: string;
  name: string;
  place: string;
  head: string;
  sessions: readonly Session[];
}

export const CENTRES: readonly Centre[] = [
  {
    id: "6512c0ffee0000000000a001",
    name: "Centre SNU de Saint-Affrique",
    place: "Saint-Affrique, Aveyron (12)",
    head: "Karim Benali",
    sessions: [
      {
        id: "6512c0ffee0000000000b001",
        cohort: "Juin 2027",
        dates: "14 au 25 juin 2027",
        places: 180,
        filled: 172,
      },
      {
        id: "6512c0ffee0000000000b002",
        cohort: "Février 2027",
        dates: "15 au 26 février 2027",
        places: 150,
        filled: 150,
      },
    ],
  },
  {
    id: "6512c0ffee0000000000a002",
    name: "Centre SNU de Barcelonnette",
    place: "Barcelonnette, Alpes-de-Haute-Provence (04)",
    head: "Aurélie Vasseur",
    sessions: [
      {
        id: "6512c0ffee0000000000b003",
        cohort: "Juin 2027",
        dates: "14 au 25 juin 2027",
        places: 120,
        filled: 98,
      },
    ],
  },
  {
    id: "6512c0ffee0000000000a003",
    name: "Centre SNU de Saint-Pierre",
    place: "Saint-Pierre, La Réunion (974)",
    head: "Jean-Marc Payet",
    sessions: [
      {
        id: "6512c0ffee0000000000b004",
        cohort: "Juillet 2027",
        dates: "5 au 16 juillet 2027",
        places: 100,
        filled: 64,
      },
    ],
  },
];

export interface BusLine {
  id: string;
  code: string;
  carrier: string;
  centreId: string;
  sessionId: string;
  stops: readonly [place: string, address: string, out: string, back: string][];
  seats: number;
  booked: number;
}

export const BUS_LINES: readonly BusLine[] = [
  {
    id: "6520babe0000000000000c01",
    code: "PAC-013-04",
    carrier: "Cars du Midi (fictif)",
    centreId: "6512c0ffee0000000000a001",
    sessionId: "6512c0ffee0000000000b001",
    stops: [
      [
        "Marseille — Parc Chanot",
        "Boulevard Rabatau, 13008 Marseille",
        "8 h 00",
        "17 h 30",
      ],
      [
        "Aix-en-Provence — gare routière",
        "Avenue de l'Europe, 13100 Aix-en-Provence",
        "8 h 45",
        "16 h 45",
      ],
    ],
    seats: 59,
    booked: 54,
  },
  {
    id: "6520babe0000000000000c02",
    code: "IDF-075-12",
    carrier: "Transports Seine-Rouergue (fictif)",
    centreId: "6512c0ffee0000000000a001",
    sessionId: "6512c0ffee0000000000b001",
    stops: [
      [
        "Paris — gare routière de Bercy-Seine",
        "48 bis boulevard de Bercy, 75012 Paris",
        "7 h 30",
        "19 h 15",
      ],
    ],
    seats: 59,
    booked: 59,
  },
];

export type MissionStatus =
  "WAITING_VALIDATION" | "VALIDATED" | "REFUSED" | "DRAFT";

export const MISSION_LABELS: Record<MissionStatus, string> = {
  WAITING_VALIDATION: "En attente de validation",
  VALIDATED: "Validée",
  REFUSED: "Refusée",
  DRAFT: "Brouillon",
};

export interface AdminMission {
  id: string;
  title: string;
  structureId: string;
  place: string;
  dates: string;
  status: MissionStatus;
  places: number;
  applications: number;
}

export const MISSIONS: readonly AdminMission[] = [
  {
    id: "6530a1b2c3d4e5f6a7b8c901",
    title: "Aide aux devoirs dans un centre social",
    structureId: "6540f00d0000000000000d01",
    place: "Marseille 3e (13)",
    dates: "d'octobre 2027 à janvier 2028",
    status: "WAITING_VALIDATION",
    places: 4,
    applications: 0,
  },
  {
    id: "6530a1b2c3d4e5f6a7b8c902",
    title: "Entretien des sentiers avec les gardes du massif",
    structureId: "6540f00d0000000000000d02",
    place: "Aubagne (13)",
    dates: "du 5 au 16 juillet 2027",
    status: "VALIDATED",
    places: 8,
    applications: 11,
  },
  {
    id: "6530a1b2c3d4e5f6a7b8c903",
    title: "Accueil des familles à la ludothèque",
    structureId: "6540f00d0000000000000d01",
    place: "Marseille 3e (13)",
    dates: "les mercredis de septembre 2027",
    status: "DRAFT",
    places: 2,
    applications: 0,
  },
  {
    id: "6530a1b2c3d4e5f6a7b8c904",
    title: "Logistique d'une banque alimentaire",
    structureId: "6540f00d0000000000000d03",
    place: "Vitrolles (13)",
    dates: "du 19 au 30 juillet 2027",
    status: "REFUSED",
    places: 5,
    applications: 0,
  },
];

export interface Structure {
  id: string;
  name: string;
  kind: string;
  place: string;
  network: string;
  memberIds: readonly string[];
}

export const STRUCTURES: readonly Structure[] = [
  {
    id: "6540f00d0000000000000d01",
    name: "Centre social La Passerelle",
    kind: "Association",
    place: "Marseille 3e (13)",
    network: "Fédération des centres sociaux du Sud (fictif)",
    memberIds: ["6550aced0000000000000e01", "6550aced0000000000000e04"],
  },
  {
    id: "6540f00d0000000000000d02",
    name: "Syndicat du massif du Garlaban (fictif)",
    kind: "Collectivité territoriale",
    place: "Aubagne (13)",
    network: "Aucun",
    memberIds: ["6550aced0000000000000e05"],
  },
  {
    id: "6540f00d0000000000000d03",
    name: "Banque alimentaire de l'étang (fictif)",
    kind: "Association",
    place: "Vitrolles (13)",
    network: "Réseau des banques solidaires (fictif)",
    memberIds: ["6550aced0000000000000e06"],
  },
];

export interface StaffUser {
  id: string;
  name: string;
  role: string;
  scope: string;
  lastLogin: string;
  invitationPending: boolean;
}

export const USERS: readonly StaffUser[] = [
  {
    id: "6550aced0000000000000e01",
    name: "Julie Moreau",
    role: "Responsable de structure",
    scope: "Centre social La Passerelle",
    lastLogin: "12 mars 2027",
    invitationPending: false,
  },
  {
    id: "6550aced0000000000000e02",
    name: "Claire Dubois",
    role: "Référente départementale",
    scope: "Bouches-du-Rhône (13)",
    lastLogin: "aujourd'hui",
    invitationPending: false,
  },
  {
    id: "6550aced0000000000000e03",
    name: "Karim Benali",
    role: "Chef de centre",
    scope: "Centre SNU de Saint-Affrique",
    lastLogin: "10 mars 2027",
    invitationPending: false,
  },
  {
    id: "6550aced0000000000000e04",
    name: "Hugo Marin",
    role: "Tuteur de mission",
    scope: "Centre social La Passerelle",
    lastLogin: "jamais",
    invitationPending: true,
  },
  {
    id: "6550aced0000000000000e05",
    name: "Sylvie Castel",
    role: "Responsable de structure",
    scope: "Syndicat du massif du Garlaban",
    lastLogin: "2 mars 2027",
    invitationPending: false,
  },
  {
    id: "6550aced0000000000000e06",
    name: "Ousmane Diallo",
    role: "Responsable de structure",
    scope: "Banque alimentaire de l'étang",
    lastLogin: "27 février 2027",
    invitationPending: false,
  },
];

export const CLASSE = {
  id: "6560c1a55e0000000000f001",
  name: "2de B",
  school: "Lycée Victor-Hugo de Marseille (fictif)",
  cohort: "CLE Mai 2027",
  students: [
    ["Adam Mercier", "Consentement reçu"],
    ["Jade Rolland", "Consentement en attente"],
    ["Ethan Morel", "Consentement reçu"],
  ] as const,
};
