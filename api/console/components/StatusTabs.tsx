import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import { statusLabel } from "../format.ts";

export interface StatusTabsProps {
  counts: Partial<Record<RequestStatus, number>>;
  /** False: the API stopped counting (a common search word); numbers are « at least ». */
  complete?: boolean;
  /** The statuses of the current filter; empty = all. */
  selected: RequestStatus[];
  onSelect: (statuses: RequestStatus[]) => void;
}

/** Counts per status for the current filters; each is a toggle button that filters on that status. */
export function StatusTabs({
  counts,
  complete = true,
  selected,
  onSelect,
}: StatusTabsProps) {
  const shown = (n: number) => (complete ? String(n) : `${n}+`);
  const total = REQUEST_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const only = selected.length === 1 ? selected[0] : undefined;
  return (
    <ul class="status-tabs" aria-label="Nombre de demandes par statut">
      <li>
        <button
          type="button"
          class="status-tab"
          aria-pressed={selected.length === 0}
          onClick={() => onSelect([])}
        >
          Tous les statuts <span class="count">{shown(total)}</span>
        </button>
      </li>
      {REQUEST_STATUSES.map((status) => (
        <li key={status}>
          <button
            type="button"
            class={`status-tab status-tab-${status}`}
            aria-pressed={only === status}
            onClick={() => onSelect([status])}
          >
            {statusLabel(status)}{" "}
            <span class="count">{shown(counts[status] ?? 0)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
