import { makeRequestBody } from "../factories.ts";
import type {
  Colleague,
  ConsoleUser,
} from "../../../api/console/api-client.ts";
import type {
  RequestDetail,
  RequestSummary,
} from "../../../api/store/support-types.ts";

/** The console API as the tests' window sees it (same origin as the page, like in production). */
export const apiUrl = (path: string) =>
  `${window.location.origin}/support/api${path}`;

/** « Now » for every console test: ages and periods are computed from it. */
export const NOW = new Date("2026-03-02T12:00:00.000Z");

/** A national support agent (sees everything). */
export const AGENT: ConsoleUser = {
  id: 1,
  email: "claire.dubois@snu.gouv.fr",
  displayName: "Claire Dubois",
  role: "agent",
  departments: [],
  canEditTips: false,
};

/** A departmental referent of Paris and Hauts-de-Seine. */
export const REFERENT: ConsoleUser = {
  id: 2,
  email: "karim.benali@snu.gouv.fr",
  displayName: "Karim Benali",
  role: "referent",
  departments: ["75", "92"],
  canEditTips: false,
};

/** The colleagues `/users` lists. */
export const COLLEAGUES: Colleague[] = [
  { id: 1, displayName: "Claire Dubois", role: "agent" },
  {
    id: 2,
    displayName: "Karim Benali",
    role: "referent",
    departments: ["75", "92"],
  },
  { id: 3, displayName: "Sophie Laurent", role: "agent" },
];

/** The reference of the request most tests open. */
export const REFERENCE = "SNU-2026-000123";

/** An inbox row: a young person of Paris who cannot upload a document, three hours before NOW. */
export function makeSummary(
  overrides: Partial<RequestSummary> = {},
): RequestSummary {
  return {
    reference: REFERENCE,
    createdAt: "2026-03-02T09:00:00.000Z",
    status: "new",
    platform: "moncompte",
    route: "/inscription/:step",
    category: "TECHNICAL",
    subject: "UPLOAD",
    department: "75",
    role: "young",
    excerpt: "Je n'arrive pas à téléverser ma carte d'identité.",
    tags: [],
    unreadAnswer: false,
    ...overrides,
  };
}

/** `count` rows with successive references, newest first. */
export function makeSummaries(count: number, from = 1): RequestSummary[] {
  return Array.from({ length: count }, (_, i) =>
    makeSummary({
      reference: `SNU-2026-${String(1000 - from - i).padStart(6, "0")}`,
      createdAt: new Date(NOW.getTime() - (from + i) * 60_000).toISOString(),
    }),
  );
}

/** The same request in full, as `GET /requests/:reference` answers it. */
export function makeDetail(
  overrides: Partial<RequestDetail> = {},
): RequestDetail {
  const base = makeRequestBody();
  return {
    reference: REFERENCE,
    createdAt: "2026-03-02T09:00:00.000Z",
    updatedAt: "2026-03-02T09:00:00.000Z",
    status: "new",
    version: 1,
    platform: "moncompte",
    route: "/inscription/:step",
    department: "75",
    role: "young",
    category: "TECHNICAL",
    subject: "UPLOAD",
    message:
      "Bonjour,\nJe n'arrive pas à téléverser ma carte d'identité.\nLe bouton reste grisé.",
    email: "camille.martin@example.fr",
    // The widget's usual request (tests/support/factories.ts), with a correction asked and host context.
    context: {
      ...base.context,
      identity: { ...base.context.identity!, status: "WAITING_CORRECTION" },
      custom: { etape: "pièce d'identité", essais: 3 },
    },
    tags: [],
    events: [
      {
        id: 1,
        at: "2026-03-02T09:00:00.000Z",
        type: "created",
        data: {},
      },
    ],
    messages: [],
    unreadAnswer: false,
    ...overrides,
  };
}
