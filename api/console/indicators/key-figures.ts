import type {
  IndicatorFigures,
  Indicators,
} from "../../contract/indicators.ts";
import { formatDay } from "../format.ts";

// The headline figures of the page, described once: the page shows them formatted, the CSV export gives
// them as numbers. Each has its previous-period value and says why it may be missing.

/** How a figure reads: a number of things, a duration in seconds, or a share between 0 and 1. */
export type FigureKind = "count" | "duration" | "share";

export interface KeyFigure {
  /** Stable id (element ids). */
  key: string;
  label: string;
  kind: FigureKind;
  current: number | null;
  previous: number | null;
  /** Why the figure may be « — ». */
  missing: string;
  note?: string;
}

export interface FigureGroup {
  title: string;
  figures: KeyFigure[];
}

/** What « jours ouvrés » means for the 2-working-day share (api/store/working-days.ts). */
export const WORKING_DAYS_NOTE =
  "jours ouvrés : du lundi au vendredi, hors jours fériés en métropole";

type Read = (figures: IndicatorFigures) => number | null;

/** The figure read from both periods. */
function figure(
  indicators: Indicators,
  key: string,
  label: string,
  kind: FigureKind,
  read: Read,
  missing: string,
  note?: string,
): KeyFigure {
  return {
    key,
    label,
    kind,
    current: read(indicators),
    previous: read(indicators.previous),
    missing,
    ...(note ? { note } : {}),
  };
}

/** The headline figures, in the order the page shows them. */
export function keyFigureGroups(indicators: Indicators): FigureGroup[] {
  const f = (
    key: string,
    label: string,
    kind: FigureKind,
    read: Read,
    missing = "aucune donnée",
    note?: string,
  ) => figure(indicators, key, label, kind, read, missing, note);
  const noReply = "aucune première réponse sur la période";
  const noResolution = "aucune demande résolue sur la période";
  return [
    {
      title: "Demandes",
      figures: [
        f("received", "Demandes reçues", "count", (x) => x.received),
        f(
          "handled",
          "Demandes traitées",
          "count",
          (x) => x.handled,
          undefined,
          "passées à « Résolue » ou « Close » sur la période",
        ),
        f(
          "backlog",
          "Demandes ouvertes en fin de période",
          "count",
          (x) => x.backlog,
          undefined,
          `nouvelles, en cours ou en attente de l'usager le ${formatDay(indicators.to)}`,
        ),
      ],
    },
    {
      title: "Première réponse",
      figures: [
        f(
          "first-count",
          "Premières réponses",
          "count",
          (x) => x.firstResponse.count,
        ),
        f(
          "first-median",
          "Délai médian de première réponse",
          "duration",
          (x) => x.firstResponse.median,
          noReply,
        ),
        f(
          "first-p90",
          "Délai de première réponse, 90e centile",
          "duration",
          (x) => x.firstResponse.p90,
          noReply,
          "9 premières réponses sur 10 sont arrivées dans ce délai",
        ),
        f(
          "first-2days",
          "Premières réponses en 2 jours ouvrés",
          "share",
          (x) => x.firstResponse.within2WorkingDays,
          noReply,
          `avant la fin du 2e jour ouvré après la réception (${WORKING_DAYS_NOTE})`,
        ),
      ],
    },
    {
      title: "Résolution",
      figures: [
        f("resolved", "Demandes résolues", "count", (x) => x.resolution.count),
        f(
          "resolution-median",
          "Délai médian de résolution",
          "duration",
          (x) => x.resolution.median,
          noResolution,
        ),
        f(
          "resolution-p90",
          "Délai de résolution, 90e centile",
          "duration",
          (x) => x.resolution.p90,
          noResolution,
        ),
      ],
    },
    {
      title: "Satisfaction",
      figures: [
        f("ratings", "Avis reçus", "count", (x) => x.satisfaction.answers),
        f(
          "satisfied",
          "Usagers satisfaits",
          "share",
          (x) => x.satisfaction.satisfied,
          "aucun avis sur la période",
          "note de 4 ou 5 sur 5",
        ),
        f(
          "rating-rate",
          "Taux de réponse à l'enquête",
          "share",
          (x) => x.satisfaction.rate,
          noResolution,
          "avis reçus rapportés aux demandes résolues",
        ),
      ],
    },
  ];
}
