import type {
  Colleague,
  ConsoleUser,
} from "../../../api/console/api-client.ts";
import type {
  AnchorReport,
  TipSource,
} from "../../../api/console/tip-types.ts";
import { AGENT, REFERENT } from "./fixtures.ts";

/** A national admin: may write tips and choose which agents may. */
export const ADMIN: ConsoleUser = {
  id: 4,
  email: "nadia.admin@snu.gouv.fr",
  displayName: "Nadia Admin",
  role: "admin",
  departments: [],
  canEditTips: true,
};

/** An agent an admin allowed to write tips. */
export const WRITER: ConsoleUser = { ...AGENT, canEditTips: true };

/** The accounts `/users` lists, with their tips permission. */
export const TIP_USERS: Colleague[] = [
  { id: 1, displayName: "Claire Dubois", role: "agent", canEditTips: true },
  { id: 2, displayName: "Karim Benali", role: "referent", canEditTips: false },
  { id: 3, displayName: "Sophie Laurent", role: "agent", canEditTips: false },
  { id: 4, displayName: "Nadia Admin", role: "admin", canEditTips: true },
];

export { REFERENT };

/** The anchored tip of the identity document step, as the repo files describe it. */
export function makeSource(overrides: Partial<TipSource> = {}): TipSource {
  return {
    id: "mc-inscription-piece-identite",
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: { step: ["documents", "televersement"] },
    roles: ["young"],
    statuses: [],
    title: "Quelle pièce d'identité téléverser ?",
    markdown:
      "Téléversez le **recto** puis le verso.\n\n- Carte d'identité\n- Passeport",
    anchor: { selector: "#piece-identite-recto", placement: "bottom" },
    priority: 10,
    ...overrides,
  };
}

/** A second, plain tip of admin. */
export const ADMIN_SOURCE: TipSource = {
  id: "ad-volontaire-demande-correction",
  platform: "admin",
  routes: ["/volontaire/:id"],
  params: {},
  roles: [],
  statuses: [],
  title: "Demander une correction à un volontaire",
  markdown: "Ouvrez le dossier puis cliquez sur *Demander une correction*.",
  priority: 0,
  activeFrom: "2026-01-01",
  activeTo: "2026-06-30",
};

/** A broken anchor report. */
export function makeAnchorReport(
  overrides: Partial<AnchorReport> = {},
): AnchorReport {
  return {
    tipId: "mc-inscription-piece-identite",
    title: "Quelle pièce d'identité téléverser ?",
    platform: "moncompte",
    route: "/inscription/:step",
    appVersion: "2026.11.3",
    count: 7,
    firstSeen: "2026-03-01T08:00:00.000Z",
    lastSeen: "2026-03-02T10:30:00.000Z",
    selector: "#piece-identite-recto",
    ...overrides,
  };
}
