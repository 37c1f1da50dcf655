import type { Tip } from "../../../api/contract/tip.ts";
import type { TipRecord } from "../../../api/contract/tip-source.ts";
import { selectTips, type TipQuery } from "../../../api/tips/select-tips.ts";
import type {
  LoaderConfig,
  WidgetConfig,
} from "../../../widget/shared/types.ts";

/** The API origin every widget test talks to (msw answers it; anything else is an unhandled request). */
export const API = "https://aide.example";
export const TIPS_URL = `${API}/v1/tips`;
export const REQUESTS_URL = `${API}/v1/requests`;
/** `POST /v1/events`: the widget's anonymous counters (issue 13). */
export const EVENTS_URL = `${API}/v1/events`;

/** The reference the fake API gives to every created request. */
export const REFERENCE = "SNU-2026-000123";
/** Its follow-up token and link (issue 10: `${PUBLIC_URL}/suivi/<token>`, 32 base64url characters). */
export const FOLLOW_UP_TOKEN = "Zx7_Kq2-Lm9pQr4sTu6vWx8yZa1bCd3e";
export const FOLLOW_UP_URL = `${API}/suivi/${FOLLOW_UP_TOKEN}`;
/** `POST /v1/follow-ups/status`: the statuses « Mes demandes » shows. */
export const FOLLOW_UP_STATUS_URL = `${API}/v1/follow-ups/status`;

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

/** The loader's part of the configuration, as the panel receives it; `data` holds the optional attributes. */
export function loaderConfig(
  overrides: Partial<LoaderConfig> = {},
): LoaderConfig {
  const { locale: _locale, ...config } = widgetConfig();
  return { ...config, data: {}, ...overrides };
}

/** The knowledge-base article of the documents tip. */
export const DOCUMENTS_ARTICLE =
  "https://support.snu.gouv.fr/base-de-connaissance/documents-acceptes";

/**
 * The tips the fake API knows, as the server's tip records (empty lists target everyone): the fake API
 * picks among them with the server's own `selectTips`, so the widget is tested against the real rules.
 */
export const FIXTURE_TIPS: readonly TipRecord[] = [
  {
    id: "inscription-documents-formats",
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: { step: ["documents"] },
    roles: [],
    statuses: [],
    priority: 0,
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
        items: [["Carte d'identité recto verso"], ["Justificatif de domicile"]],
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
  {
    id: "inscription-coordonnees",
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: { step: ["coordonnee"] },
    roles: [],
    statuses: [],
    priority: 0,
    title: "Renseigner vos coordonnées",
    body: [
      {
        type: "p",
        children: ["Indiquez une adresse où vous recevez du courrier."],
      },
    ],
  },
  {
    id: "phase1-trousseau",
    platform: "moncompte",
    routes: ["/phase1"],
    params: {},
    roles: [],
    statuses: [],
    priority: 0,
    title: "Préparer votre trousseau",
    body: [{ type: "ol", items: [["Une tenue de sport"], ["Une gourde"]] }],
  },
  {
    id: "phase1-convocation",
    platform: "moncompte",
    routes: ["/phase1"],
    params: {},
    roles: ["young"],
    statuses: ["AFFECTED"],
    priority: 0,
    title: "Télécharger votre convocation",
    body: [
      {
        type: "p",
        children: ["Votre convocation est disponible dans votre espace."],
      },
    ],
  },
  {
    id: "changer-de-sejour",
    platform: "moncompte",
    routes: ["/changer-de-sejour"],
    params: {},
    roles: [],
    statuses: [],
    priority: 0,
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
  {
    id: "volontaire-phase2-validation",
    platform: "admin",
    routes: ["/volontaire/:id/phase2"],
    params: {},
    roles: ["referent_department", "referent_region"],
    statuses: [],
    priority: 0,
    title: "Valider la phase 2 d'un volontaire",
    body: [
      {
        type: "p",
        children: ["Vérifiez les missions réalisées avant de valider."],
      },
    ],
  },
];

/** A record as the API sends it (`GET /v1/tips`). */
export const fixtureTip = (record: TipRecord): Tip =>
  selectTips([record], { platform: record.platform })[0]!;

export const tipTitle = (id: string) =>
  FIXTURE_TIPS.find((record) => record.id === id)!.title;

/** What the real API answers to a `GET /v1/tips` query: the server's own selection over the fixtures. */
export function selectFixtureTips(query: URLSearchParams): Tip[] {
  const { platform, route, role, status, ...params } =
    Object.fromEntries(query);
  return selectTips(FIXTURE_TIPS, {
    platform,
    route,
    role,
    status,
    params,
  } as TipQuery);
}
