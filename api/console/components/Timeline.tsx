import type {
  RequestDetail,
  RequestEvent,
} from "../../contract/support-requests.ts";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import { formatDateTime, statusLabel } from "../format.ts";

type Names = Map<number, string>;

/** The names of every account the page knows of: events only carry account ids for assignments. */
export function accountNames(
  request: RequestDetail,
  colleagues: { id: number; displayName: string }[],
): Names {
  const names: Names = new Map();
  for (const c of colleagues) names.set(c.id, c.displayName);
  if (request.assignee)
    names.set(request.assignee.id, request.assignee.displayName);
  for (const e of request.events)
    if (e.actor) names.set(e.actor.id, e.actor.displayName);
  return names;
}

const nameOf = (names: Names, id: unknown) =>
  typeof id === "number" ? (names.get(id) ?? `compte n° ${id}`) : undefined;

/** One event in words: « Statut : Nouvelle → En cours », « Assignée à Camille Martin »… */
function describe(event: RequestEvent, names: Names): string {
  const data = event.data;
  switch (event.type) {
    case "created":
      return "Demande créée";
    case "status":
      return `Statut : ${statusLabel(data.from as RequestStatus)} → ${statusLabel(data.to as RequestStatus)}`;
    case "assignment": {
      const to = nameOf(names, data.to);
      const from = nameOf(names, data.from);
      if (!to)
        return from
          ? `Assignation retirée (était : ${from})`
          : "Assignation retirée";
      return from ? `Réassignée de ${from} à ${to}` : `Assignée à ${to}`;
    }
    case "tags": {
      const tags = Array.isArray(data.tags) ? data.tags.map(String) : [];
      return tags.length > 0
        ? `Étiquettes : ${tags.join(", ")}`
        : "Étiquettes retirées";
    }
    case "note":
      return "Note interne";
    case "reminder":
      return "Relance envoyée à l'usager";
    default:
      return "Modification";
  }
}

/** Steps the server took on its own (reminder, automatic resolution: issue 10), without an account. */
function isAutomatic(event: RequestEvent): boolean {
  return (
    !event.actor && (event.data.auto === true || event.type === "reminder")
  );
}

/** Who did it: the requester for the creation, an account, or the system. */
function actorOf(event: RequestEvent): string {
  if (event.actor) return event.actor.displayName;
  return event.type === "created" ? "l'usager" : "le système";
}

/**
 * The request's history, oldest first, each line with who and when. Internal notes live here, never in
 * the conversation: they are for colleagues only.
 */
export function Timeline({
  request,
  colleagues,
}: {
  request: RequestDetail;
  colleagues: { id: number; displayName: string }[];
}) {
  const names = accountNames(request, colleagues);
  const events = [...request.events].sort(
    (a, b) => a.at.localeCompare(b.at) || a.id - b.id,
  );
  return (
    <ol class="timeline">
      {events.map((event) => (
        <li key={event.id} class={`event event-${event.type}`}>
          <p class="event-what">{describe(event, names)}</p>
          {event.type === "note" && (
            <p class="note-text">{String(event.data.text ?? "")}</p>
          )}
          <p class="event-meta">
            {isAutomatic(event) ? "Automatique" : `Par ${actorOf(event)}`}, le{" "}
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
