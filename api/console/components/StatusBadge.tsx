import type { RequestStatus } from "../../contract/request-statuses.ts";
import { statusLabel } from "../format.ts";

/** The status as a coloured label; the colour only repeats the text (RGAA 3.1). */
export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span class={`badge badge-${status}`}>{statusLabel(status)}</span>;
}
