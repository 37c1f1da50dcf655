/** Fictional content of the moncompte demo: séjours, meeting points, missions, applications. */

/** Dates of the séjour de cohésion of each cohort. */
export const SEJOUR_DATES: Record<string, string> = {
  "Février 2027": "du lundi 15 au vendredi 26 février 2027",
  "Avril 2027": "du lundi 12 au vendredi 23 avril 2027",
  "Juin 2027": "du lundi 14 au vendredi 25 juin 2027",
  "Juillet 2027": "du lundi 5 au vendredi 16 juillet 2027",
};

export const CENTRE = {
  name: "Centre SNU de Saint-Affrique",
  address:
    "Lycée agricole de la Cazotte, route de Bournac, 12400 Saint-Affrique (Aveyron)",
};

export interface MeetingPoint {
  place: string;
  address: string;
  time: string;
  busLine: string;
}

/** Meeting point by département of residence. */
export const MEETING_POINTS: Record<string, MeetingPoint> = {
  "75": {
    place: "Gare routière de Bercy-Seine",
    address: "48 bis boulevard de Bercy, 75012 Paris",
    time: "7 h 30",
    busLine: "IDF-075-12",
  },
  "13": {
    place: "Parc Chanot, parking P2",
    address: "Boulevard Rabatau, 13008 Marseille",
    time: "8 h 00",
    busLine: "PAC-013-04",
  },
  "69": {
    place: "Gare de Lyon-Part-Dieu, sortie Villette",
    address: "Place Charles-Béraudier, 69003 Lyon",
    time: "8 h 15",
    busLine: "ARA-069-07",
  },
  "59": {
    place: "Gare Lille-Europe, parvis nord",
    address: "Parvis François-Mitterrand, 59000 Lille",
    time: "6 h 45",
    busLine: "HDF-059-02",
  },
  "35": {
    place: "Gare routière de Rennes",
    address: "Boulevard Solférino, 35000 Rennes",
    time: "7 h 00",
    busLine: "BRE-035-03",
  },
  "2A": {
    place: "Gare maritime d'Ajaccio",
    address: "Quai L'Herminier, 20000 Ajaccio",
    time: "6 h 30",
    busLine: "COR-02A-01",
  },
  "974": {
    place: "Aéroport de La Réunion Roland-Garros, hall 1",
    address: "97438 Sainte-Marie",
    time: "5 h 45",
    busLine: "REU-974-01",
  },
};

export interface Mission {
  id: string;
  title: string;
  structure: string;
  domain: string;
  place: string;
  dates: string;
  hours: number;
  places: number;
  description: string;
}

export const MISSIONS: readonly Mission[] = [
  {
    id: "64f1a2b3c4d5e6f708192a3b",
    title: "Accompagner les bénévoles d'une épicerie solidaire",
    structure: "Association Le Panier partagé",
    domain: "Solidarité",
    place: "Paris 11e (75)",
    dates: "du 5 au 16 juillet 2027",
    hours: 84,
    places: 3,
    description:
      "Accueillir les familles, ranger les livraisons et préparer les colis avec l'équipe de bénévoles. Une référente vous accompagne pendant toute la mission.",
  },
  {
    id: "6502c9d8e7f6a5b4c3d2e1f0",
    title: "Animer des ateliers numériques pour les seniors",
    structure: "Médiathèque des Trois-Rivières",
    domain: "Citoyenneté",
    place: "Montreuil (93)",
    dates: "les mercredis, d'octobre à décembre 2027",
    hours: 40,
    places: 2,
    description:
      "Aider des personnes âgées à utiliser une messagerie, faire une démarche en ligne ou appeler leurs proches en vidéo, en binôme avec un animateur.",
  },
  {
    id: "651f0e9d8c7b6a5f4e3d2c1b",
    title: "Entretenir un sentier de découverte en forêt",
    structure: "Office forestier du Val-Vert (fictif)",
    domain: "Environnement",
    place: "Rambouillet (78)",
    dates: "du 19 au 30 juillet 2027",
    hours: 84,
    places: 6,
    description:
      "Débroussailler, poser des panneaux pédagogiques et participer au comptage des oiseaux avec les agents forestiers.",
  },
  {
    id: "6510aa3bcd45ef6789012345",
    title: "Participer à l'accueil d'un tournoi de handball",
    structure: "Handball Club des Lilas",
    domain: "Sport",
    place: "Les Lilas (93)",
    dates: "week-ends de septembre 2027",
    hours: 32,
    places: 4,
    description:
      "Orienter le public, tenir la table de marque avec un arbitre et aider à l'installation des terrains.",
  },
];

export interface Application {
  missionId: string;
  status: "En attente de validation" | "Validée" | "Refusée";
  date: string;
}

export const APPLICATIONS: readonly Application[] = [
  {
    missionId: "64f1a2b3c4d5e6f708192a3b",
    status: "En attente de validation",
    date: "2 mars 2027",
  },
  {
    missionId: "6510aa3bcd45ef6789012345",
    status: "Validée",
    date: "18 février 2027",
  },
];
