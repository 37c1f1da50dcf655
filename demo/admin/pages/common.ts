/** Helpers shared by admin pages: status badges and « show any well-formed id ». */
import { isObjectId, pickFor } from "../../shared/ids.ts";
import { badge, type Kind } from "../../shared/ui.ts";
import {
  CASE_LABELS,
  MISSION_LABELS,
  PHASE1_LABELS,
  type CaseStatus,
  type MissionStatus,
  type Phase1Status,
} from "../data.ts";

const CASE_KINDS: Record<CaseStatus, Kind | undefined> = {
  IN_PROGRESS: undefined,
  WAITING_VALIDATION: "info",
  WAITING_CORRECTION: "warning",
  WAITING_LIST: "warning",
  VALIDATED: "success",
};

export const caseBadge = (status: CaseStatus) =>
  badge(CASE_LABELS[status], CASE_KINDS[status]);

export const phase1Badge = (status: Phase1Status) =>
  badge(
    PHASE1_LABELS[status],
    status === "DONE" ? "success" : status === "NOT_DONE" ? "error" : "info",
  );

export const missionBadge = (status: MissionStatus) =>
  badge(
    MISSION_LABELS[status],
    status === "VALIDATED"
      ? "success"
      : status === "REFUSED"
        ? "error"
        : status === "DRAFT"
          ? undefined
          : "info",
  );

/**
 * The record with this id; an unknown but well-formed id gets a stable fake record, so every link
 * shape works in the demo. Undefined for a malformed id (404 page).
 */
export function findById<T extends { id: string }>(
  list: readonly T[],
  id: string | undefined,
): T | undefined {
  if (!id || !isObjectId(id)) return undefined;
  return list.find((item) => item.id === id) ?? pickFor(id, list);
}
