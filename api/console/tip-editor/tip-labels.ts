import type { TipAction, TipState } from "../../contract/support-tips.ts";

/** A tip's state as the list and the editor say it. */
export const TIP_STATE_LABELS: Record<TipState, string> = {
  draft: "Brouillon",
  published: "Publiée",
  published_with_draft: "Publiée, brouillon en cours",
  unpublished: "Retirée",
};

/** What a version did, in the versions panel. */
export const TIP_ACTION_LABELS: Record<TipAction, string> = {
  create: "Création",
  edit: "Brouillon modifié",
  publish: "Publication",
  unpublish: "Retrait de la publication",
  revert: "Version restaurée dans le brouillon",
  import: "Import depuis les fichiers du dépôt",
  discard: "Brouillon abandonné",
};

/** The fields of a tip source by their French names (versions panel, problems list). */
export const TIP_FIELD_LABELS: Record<string, string> = {
  id: "Identifiant",
  platform: "Plateforme",
  routes: "Routes",
  params: "Paramètres",
  roles: "Rôles",
  statuses: "Statuts",
  title: "Titre",
  markdown: "Texte",
  link: "Lien vers l'article",
  anchor: "Ancre",
  selector: "Sélecteur CSS",
  anchorText: "Texte à trouver",
  placement: "Position",
  priority: "Priorité",
  activeFrom: "Active à partir du",
  activeTo: "Active jusqu'au",
};

/** Anchor placements in French. */
export const PLACEMENT_LABELS = {
  top: "En haut",
  bottom: "En bas",
  left: "À gauche",
  right: "À droite",
} as const;
