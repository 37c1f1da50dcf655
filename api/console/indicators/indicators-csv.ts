import type { Indicators } from "../../contract/indicators.ts";
import { csvDecimal, csvText, type CsvSeparatorChar } from "./csv-text.ts";
import type { IndicatorsView } from "./indicators-view.ts";
import { keyFigureGroups, type FigureKind } from "./key-figures.ts";
import {
  roleFilterName,
  roleName,
  satisfactionName,
  statusName,
} from "./indicator-labels.ts";

// « Exporter en CSV »: every figure of the page, for the period and the previous one, and its tables, as
// one file of titled blocks separated by an empty line. Numbers stay numbers a spreadsheet can sum:
// durations in hours, shares in percent, decimals written as the file's separator implies.

type Cell = string | number | null;

const HOUR = 3600;

/** `indicateurs-snu-2026-02-01-2026-03-02.csv`. */
export const indicatorsFileName = (indicators: Indicators) =>
  `indicateurs-snu-${indicators.from}-${indicators.to}.csv`;

const UNITS: Record<FigureKind, string> = {
  count: "nombre",
  duration: "heures",
  share: "%",
};

/** The CSV of an answer, with the filters it was asked with. */
export function indicatorsCsv(
  indicators: Indicators,
  view: IndicatorsView,
  separator: CsvSeparatorChar,
): string {
  const hours = (seconds: number | null) =>
    csvDecimal(seconds === null ? null : seconds / HOUR, 2, separator);
  const percent = (share: number | null) =>
    csvDecimal(share === null ? null : share * 100, 1, separator);
  const rate = (value: number | null) => csvDecimal(value, 1, separator);
  const value = (kind: FigureKind, figure: number | null): Cell =>
    kind === "duration"
      ? hours(figure)
      : kind === "share"
        ? percent(figure)
        : figure;
  const widget = indicators.widgetCounters;

  const rows: Cell[][] = [
    ["Indicateurs SNU Aide"],
    ["Période", indicators.from, indicators.to],
    ["Période précédente", indicators.previousFrom, indicators.previousTo],
    ["Plateforme", view.platform ?? "Toutes"],
    ["Département", view.department ?? "Tous"],
    ["Rôle du demandeur", roleFilterName(view.role)],
    [
      "Compteurs du widget",
      widget ? "inclus" : "non disponibles pour ce périmètre",
    ],
    [],
    ["Chiffres clés"],
    ["Indicateur", "Unité", "Période", "Période précédente"],
    ...keyFigureGroups(indicators).flatMap((group) =>
      group.figures.map((f): Cell[] => [
        f.label,
        UNITS[f.kind],
        value(f.kind, f.current),
        value(f.kind, f.previous),
      ]),
    ),
    [],
    ["Par semaine"],
    [
      "Du",
      "Au",
      "Demandes reçues",
      "Demandes traitées",
      "Délai médian de résolution (heures)",
      "Avis reçus",
      "Usagers satisfaits (%)",
    ],
    ...indicators.weeks.map((w): Cell[] => [
      w.from,
      w.to,
      w.received,
      w.handled,
      hours(w.resolutionMedian),
      w.ratings,
      percent(w.satisfied),
    ]),
    [],
    ["Par page"],
    widget
      ? [
          "Plateforme",
          "Page",
          "Ouvertures du panneau",
          "Astuces lues",
          "Formulaires de contact ouverts",
          "Demandes",
          "Taux de contact (pour 100 ouvertures)",
          "Taux de contact, période précédente",
        ]
      : ["Plateforme", "Page", "Demandes"],
    ...indicators.pages.map((p): Cell[] =>
      widget
        ? [
            p.platform,
            p.route,
            p.opens,
            p.tipViews,
            p.contactOpens,
            p.requests,
            rate(p.contactRate),
            rate(p.previousContactRate),
          ]
        : [p.platform, p.route, p.requests],
    ),
  ];
  if (widget)
    rows.push(
      [],
      ["Par astuce"],
      [
        "Astuce",
        "Plateforme",
        "Page",
        "Lectures",
        "Oui",
        "Non",
        "Demandes après lecture",
      ],
      ...indicators.tips.map((t): Cell[] => [
        t.id,
        t.platform,
        t.route,
        t.reads,
        t.helpful,
        t.notHelpful,
        t.requestsAfter,
      ]),
      [],
      ["Recherches sans résultat"],
      ["Plateforme", "Page", "Terme recherché", "Recherches"],
      ...indicators.searchesWithoutResult.map((s): Cell[] => [
        s.platform,
        s.route,
        s.term,
        s.count,
      ]),
    );
  rows.push(
    [],
    ["Pages sans astuce"],
    [
      "Plateforme",
      "Page",
      "Rôle du demandeur",
      "Statut du dossier",
      "Demandes",
    ],
    ...indicators.missingTips.map((m): Cell[] => [
      m.platform,
      m.route,
      roleName(m.role),
      statusName(m.status),
      m.requests,
    ]),
    [],
    ["Derniers commentaires"],
    [
      "Date",
      "Référence",
      "Note",
      "Appréciation",
      "Plateforme",
      "Page",
      "Commentaire",
    ],
    ...indicators.comments.map((c): Cell[] => [
      c.at,
      c.reference,
      c.score,
      satisfactionName(c.score),
      c.platform,
      c.route,
      c.comment,
    ]),
  );
  return csvText(rows, separator);
}
