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

/**
 * The moves the workflow allows: forward through the treatment, back to « En cours » when the user
 * answers or a resolved/closed request must be reopened; never back to « Nouvelle » (it has been read).
 */
export const STATUS_TRANSITIONS: Record<
  RequestStatus,
  readonly RequestStatus[]
> = {
  new: ["in_progress", "waiting_user", "resolved", "closed"],
  in_progress: ["waiting_user", "resolved", "closed"],
  waiting_user: ["in_progress", "resolved", "closed"],
  resolved: ["in_progress", "closed"],
  closed: ["in_progress"],
};

/** Whether a request may go from one status to another (staying put is always allowed). */
export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return from === to || STATUS_TRANSITIONS[from].includes(to);
}
