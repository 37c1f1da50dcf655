import type { TipSource } from "../../../api/contract/tip-source.ts";

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
