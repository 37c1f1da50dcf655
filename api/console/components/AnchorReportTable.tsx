import type { Ref } from "preact";
import { formatDateTime, PLATFORM_LABELS } from "../format.ts";
import type { AnchorReportView as AnchorReport } from "../../contract/support-tips.ts";
import { Link } from "./Link.tsx";

/**
 * One row per tip × route × app version, most recently seen first; the tip opens its editor for an account
 * that may write tips (the others read its title only). Row headers take the focus when a page is added.
 */
export function AnchorReportTable(props: {
  anchors: AnchorReport[];
  caption: string;
  canEditTips: boolean;
  tableRef?: Ref<HTMLTableElement>;
}) {
  return (
    <div class="table-wrap">
      <table class="anchor-reports" ref={props.tableRef}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Astuce</th>
            <th scope="col">Plateforme</th>
            <th scope="col">Route</th>
            <th scope="col">Version de l'application</th>
            <th scope="col" class="number">
              Signalements
            </th>
            <th scope="col">Premier signalement</th>
            <th scope="col">Dernier signalement</th>
            <th scope="col">Sélecteur</th>
          </tr>
        </thead>
        <tbody>
          {props.anchors.map((a) => (
            <tr key={`${a.tipId} ${a.route} ${a.appVersion ?? ""}`}>
              <th scope="row" class="tip-title" tabIndex={-1}>
                {props.canEditTips ? (
                  <Link to={`/tips/${encodeURIComponent(a.tipId)}`}>
                    {a.title}
                    <span class="sr-only"> : modifier l'astuce</span>
                  </Link>
                ) : (
                  a.title
                )}
                <span class="tip-id">{a.tipId}</span>
              </th>
              <td>{PLATFORM_LABELS[a.platform] ?? a.platform}</td>
              <td>
                <code class="route">{a.route}</code>
              </td>
              <td>{a.appVersion || "Non précisée"}</td>
              <td class="number">{a.count}</td>
              <td>
                <time dateTime={a.firstSeen}>
                  {formatDateTime(a.firstSeen)}
                </time>
              </td>
              <td>
                <time dateTime={a.lastSeen}>{formatDateTime(a.lastSeen)}</time>
              </td>
              <td>
                <code class="selector">{a.selector}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
