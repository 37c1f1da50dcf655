import type { Ref } from "preact";
import type { RequestSummary } from "../../contract/support-requests.ts";
import {
  formatAge,
  formatDateTime,
  PLATFORM_LABELS,
  profileLabel,
  topicLabel,
} from "../format.ts";
import { Link } from "./Link.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

export interface RequestTableProps {
  items: RequestSummary[];
  caption: string;
  now: Date;
  /** Index of the row selected with j/k (shown, and its link focused by the inbox). */
  selected: number | undefined;
  onFocusRow: (index: number) => void;
  tableRef: Ref<HTMLTableElement>;
}

/**
 * The inbox rows, newest first; the reference links to the detail, and a row whose requester answered since
 * anyone opened it says « Nouvelle réponse de l'usager ». Every user value renders as text.
 */
export function RequestTable(props: RequestTableProps) {
  return (
    <div class="table-wrap">
      <table class="requests" ref={props.tableRef}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Référence</th>
            <th scope="col">Âge</th>
            <th scope="col">Plateforme</th>
            <th scope="col">Page</th>
            <th scope="col">Catégorie › Sujet</th>
            <th scope="col">Profil</th>
            <th scope="col">Extrait</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item, index) => (
            <tr
              key={item.reference}
              class={
                [
                  index === props.selected && "is-selected",
                  item.unreadAnswer && "has-unread",
                ]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
            >
              <th scope="row">
                <Link
                  to={`/requests/${encodeURIComponent(item.reference)}`}
                  data-reference={item.reference}
                  // Keyboard users moving from link to link hear the marker too.
                  aria-describedby={
                    item.unreadAnswer ? `unread-${item.reference}` : undefined
                  }
                  onFocus={() => props.onFocusRow(index)}
                >
                  {item.reference}
                </Link>
              </th>
              <td>
                <time
                  dateTime={item.createdAt}
                  title={formatDateTime(item.createdAt)}
                >
                  {formatAge(item.createdAt, props.now)}
                </time>
              </td>
              <td>{PLATFORM_LABELS[item.platform] ?? item.platform}</td>
              <td>
                <code class="route">{item.route}</code>
              </td>
              <td>{topicLabel(item.platform, item.category, item.subject)}</td>
              <td>{profileLabel(item.role, item.department)}</td>
              <td class="excerpt">{item.excerpt}</td>
              <td>
                <StatusBadge status={item.status} />
                {item.unreadAnswer && (
                  <span
                    class="badge badge-unread"
                    id={`unread-${item.reference}`}
                  >
                    Nouvelle réponse de l'usager
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
