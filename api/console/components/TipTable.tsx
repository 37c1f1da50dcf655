import {
  formatAge,
  formatDateTime,
  formatDay,
  PLATFORM_LABELS,
} from "../format.ts";
import type { TipSummary } from "../../contract/support-tips.ts";
import { Link } from "./Link.tsx";
import { TipStateBadge } from "./TipStateBadge.tsx";

/** « Du 2 mars 2026 au 30 juin 2026 », « Toujours »: when a published tip is shown. */
export function activityLabel(from?: string, to?: string): string {
  if (from && to) return `Du ${formatDay(from)} au ${formatDay(to)}`;
  if (from) return `À partir du ${formatDay(from)}`;
  if (to) return `Jusqu'au ${formatDay(to)}`;
  return "Toujours";
}

/** The tips, one row each; the title opens the editor. */
export function TipTable(props: {
  tips: TipSummary[];
  caption: string;
  now: Date;
}) {
  return (
    <div class="table-wrap">
      <table class="tips">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Plateforme</th>
            <th scope="col">Routes</th>
            <th scope="col">État</th>
            <th scope="col">Ancrée</th>
            <th scope="col">Activité</th>
            <th scope="col">Dernière modification</th>
          </tr>
        </thead>
        <tbody>
          {props.tips.map((tip) => (
            <tr key={tip.id}>
              <th scope="row" class="tip-title">
                <Link to={`/tips/${encodeURIComponent(tip.id)}`}>
                  {tip.title}
                </Link>
                <span class="tip-id">{tip.id}</span>
              </th>
              <td>{PLATFORM_LABELS[tip.platform] ?? tip.platform}</td>
              <td>
                <ul class="plain-list">
                  {tip.routes.map((route) => (
                    <li key={route}>
                      <code class="route">{route}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <TipStateBadge state={tip.state} />
              </td>
              <td>{tip.anchored ? "Oui" : "Non"}</td>
              <td>{activityLabel(tip.activeFrom, tip.activeTo)}</td>
              <td>
                {tip.updatedBy ?? "Fichiers du dépôt"},{" "}
                <time
                  dateTime={tip.updatedAt}
                  title={formatDateTime(tip.updatedAt)}
                >
                  {formatAge(tip.updatedAt, props.now)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
