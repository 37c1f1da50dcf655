import { useState } from "preact/hooks";
import {
  canMove,
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import { statusLabel } from "../format.ts";

export interface StatusFormProps {
  current: RequestStatus;
  busy: boolean;
  /** Resolves true once saved; false keeps the choice so it can be re-applied (after a conflict). */
  onSave: (status: RequestStatus) => Promise<boolean>;
}

/** « Statut » select and « Enregistrer ». The choice survives a conflict: fresh data never erases it. */
export function StatusForm({ current, busy, onSave }: StatusFormProps) {
  const [choice, setChoice] = useState<RequestStatus>();
  const value = choice ?? current;
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        if (await onSave(value)) setChoice(undefined);
      }}
    >
      <div class="field">
        <label for="detail-status">Statut</label>
        <select
          id="detail-status"
          value={value}
          onChange={(event) =>
            setChoice(event.currentTarget.value as RequestStatus)
          }
        >
          {/* Only the moves the workflow allows from the current status (the API checks it too). */}
          {REQUEST_STATUSES.filter((status) => canMove(current, status)).map(
            (status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ),
          )}
        </select>
      </div>
      <button
        type="submit"
        class="button"
        aria-disabled={busy ? "true" : undefined}
      >
        Enregistrer
      </button>
    </form>
  );
}
