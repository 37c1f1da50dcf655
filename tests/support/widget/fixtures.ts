import type {
  Platform,
  Role,
  YoungStatus,
} from "../../../api/contract/platforms.ts";
import type { Tip } from "../../../api/contract/tip.ts";
import type { WidgetConfig } from "../../../widget/shared/types.ts";

/** The API origin every widget test talks to (msw answers it; anything else is an unhandled request). */
export const API = "https://aide.example";
export const TIPS_URL = `${API}/v1/tips`;
export const REQUESTS_URL = `${API}/v1/requests`;

/** The reference the fake API gives to every created request. */
export const REFERENCE = "SNU-2026-000123";

/** A widget configuration as the loader would parse it from the script tag; override any part. */
export function widgetConfig(
  overrides: Partial<WidgetConfig> = {},
): WidgetConfig {
  return {
    platform: "moncompte",
    api: API,
    locale: "fr",
    basePath: "",
    launcher: true,
    panelUrl: `${API}/widget/panel.js`,
    ...overrides,
  };
}

/** A tip and who it is for, like the server's tip records (empty lists target everyone). */
export interface FixtureTip {
  platform: Platform;
  routes: string[];
  params?: Record<string, string[]>;
  roles?: Role[];
  statuses?: YoungStatus[];
  tip: Tip;
}

/** The knowledge-base article of the documents tip. */
export const DOCUMENTS_ARTICLE =
  "https://support.snu.gouv.fr/base-de-connaissance/documents-acceptes";

export const FIXTURE_TIPS: readonly FixtureTip[] = [
  {
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: { step: ["documents"] },
    tip: {
      id: "inscription-documents-formats",
      title: "Formats de documents acceptés",
      body: [
        {
          type: "p",
          children: [
            "Vos pièces doivent être au format ",
            { type: "strong", children: ["PDF, JPG ou PNG"] },
            " et peser ",
            { type: "em", children: ["5 Mo au plus"] },
            ".",
          ],
        },
        {
          type: "ul",
          items: [
            ["Carte d'identité recto verso"],
            ["Justificatif de domicile"],
          ],
        },
        {
          type: "p",
          children: [
            "Consultez ",
            {
              type: "a",
              href: "https://www.snu.gouv.fr/documents",
              children: ["la liste officielle"],
            },
            // A tampered answer: the widget must not turn this into a link.
            " ou ",
            {
              type: "a",
              href: "javascript:alert(1)",
              children: ["ce lien piégé"],
            },
            ".",
          ],
        },
      ],
      link: DOCUMENTS_ARTICLE,
    },
  },
  {
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: { step: ["coordonnee"] },
    tip: {
      id: "inscription-coordonnees",
      title: "Renseigner vos coordonnées",
      body: [
        {
          type: "p",
          children: ["Indiquez une adresse où vous recevez du courrier."],
        },
      ],
    },
  },
  {
    platform: "moncompte",
    routes: ["/phase1"],
    tip: {
      id: "phase1-trousseau",
      title: "Préparer votre trousseau",
      body: [{ type: "ol", items: [["Une tenue de sport"], ["Une gourde"]] }],
    },
  },
  {
    platform: "moncompte",
    routes: ["/phase1"],
    roles: ["young"],
    statuses: ["AFFECTED"],
    tip: {
      id: "phase1-convocation",
      title: "Télécharger votre convocation",
      body: [
        {
          type: "p",
          children: ["Votre convocation est disponible dans votre espace."],
        },
      ],
    },
  },
  {
    platform: "moncompte",
    routes: ["/changer-de-sejour"],
    tip: {
      id: "changer-de-sejour",
      title: "Changer de séjour",
      body: [
        {
          type: "p",
          children: [
            "Vous pouvez demander un autre séjour jusqu'à un mois avant le départ.",
          ],
        },
      ],
    },
  },
  {
    platform: "admin",
    routes: ["/volontaire/:id/phase2"],
    roles: ["referent_department", "referent_region"],
    tip: {
      id: "volontaire-phase2-validation",
      title: "Valider la phase 2 d'un volontaire",
      body: [
        {
          type: "p",
          children: ["Vérifiez les missions réalisées avant de valider."],
        },
      ],
    },
  },
];

export const tipTitle = (id: string) =>
  FIXTURE_TIPS.find((record) => record.tip.id === id)!.tip.title;

/**
 * The fixtures the real API would answer for a `GET /v1/tips` query (same rules as api/tips/select-tips.ts:
 * a filter the query does not give does not filter; without `route`, every tip of the platform).
 */
export function selectFixtureTips(query: URLSearchParams): Tip[] {
  const allows = (targets: readonly string[] = [], value: string | null) =>
    value === null || targets.length === 0 || targets.includes(value);
  const route = query.get("route");
  return FIXTURE_TIPS.filter(
    (record) =>
      record.platform === query.get("platform") &&
      allows(record.roles, query.get("role")) &&
      (route === null ||
        (record.routes.includes(route) &&
          allows(record.statuses, query.get("status")) &&
          Object.entries(record.params ?? {}).every(([name, values]) =>
            values.includes(query.get(name) ?? ""),
          ))),
  ).map((record) => record.tip);
}
