import { useState } from "preact/hooks";
import type { Colleague, ConsoleUser } from "../client/api-client.ts";
import type { RequestDetail } from "../../contract/support-requests.ts";

export interface AssignmentFormProps {
  request: RequestDetail;
  user: ConsoleUser;
  colleagues: Colleague[];
  busy: boolean;
  /** An account id, or null to unassign. */
  onAssign: (assigneeId: number | null) => Promise<boolean>;
}

/** Whether a colleague can see the request, the one condition to receive it (the API refuses the others). */
function canReceive(colleague: Colleague, request: RequestDetail): boolean {
  return (
    colleague.departments === undefined ||
    (request.department !== undefined &&
      colleague.departments.includes(request.department))
  );
}

/** Who handles the request: « M'assigner », a colleague, or « Retirer l'assignation ». */
export function AssignmentForm(props: AssignmentFormProps) {
  const { request, user, busy } = props;
  const [choice, setChoice] = useState("");
  const mine = request.assignee?.id === user.id;
  const others = props.colleagues.filter(
    (c) => c.id !== request.assignee?.id && canReceive(c, request),
  );
  const run = (id: number | null) => async () => {
    if (!busy && (await props.onAssign(id))) setChoice("");
  };

  return (
    <div class="assignment">
      <p>
        {request.assignee
          ? `Assignée à ${mine ? "vous" : request.assignee.displayName}`
          : "Non assignée"}
      </p>
      <div class="actions">
        {!mine && (
          <button type="button" class="button secondary" onClick={run(user.id)}>
            M'assigner
          </button>
        )}
        {request.assignee && (
          <button type="button" class="button secondary" onClick={run(null)}>
            Retirer l'assignation
          </button>
        )}
      </div>
      {others.length > 0 && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) void run(Number(choice))();
          }}
        >
          <div class="field">
            <label for="detail-assignee">Assigner à</label>
            <select
              id="detail-assignee"
              value={choice}
              onChange={(event) => setChoice(event.currentTarget.value)}
            >
              <option value="">Choisir une personne</option>
              {others.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.id === user.id ? `${c.displayName} (vous)` : c.displayName}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            class="button secondary"
            aria-disabled={busy ? "true" : undefined}
          >
            Assigner
          </button>
        </form>
      )}
    </div>
  );
}
