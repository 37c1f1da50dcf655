/** Workflow of a support request, wire ids with their French labels (ARCHITECTURE §3). */
export const REQUEST_STATUSES = [
  "new",
  "in_progress",
  "waiting_user",
  "resolved",
  "closed",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  new: "Nouvelle",
  in_progress: "En cours",
  waiting_user: "En attente de l'usager",
  resolved: "Résolue",
  closed: "Close",
};
