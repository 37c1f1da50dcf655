import type { PageStat } from "../../contract/support-pages.ts";
import { inboxPath } from "../requests/filters.ts";
import { categoryLabel, formatEvolution, PLATFORM_LABELS } from "../format.ts";
import type { PagesPeriod } from "../requests/period.ts";
import { Link } from "./Link.tsx";

/** The trend's direction, for its colour (the text says it too). */
function trend(stat: PageStat): string {
  if (stat.previousCount === 0) return "trend-new";
  if (stat.count > stat.previousCount) return "trend-up";
  return stat.count < stat.previousCount ? "trend-down" : "trend-flat";
}

/** One row per page, most requested first; the page links to the inbox filtered on it and the period. */
export function PageStatsTable(props: {
  pages: PageStat[];
  period: PagesPeriod;
  caption: string;
}) {
  const pages = [...props.pages].sort((a, b) => b.count - a.count);
  return (
    <div class="table-wrap">
      <table class="page-stats">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Plateforme</th>
            <th scope="col">Page</th>
            <th scope="col" class="number">
              Demandes
            </th>
            <th scope="col" class="number">
              Évolution vs période précédente
            </th>
            <th scope="col">Catégories principales</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((stat) => (
            <tr key={`${stat.platform} ${stat.route}`}>
              <td>{PLATFORM_LABELS[stat.platform] ?? stat.platform}</td>
              <th scope="row">
                <Link
                  to={inboxPath({
                    status: [],
                    platform: stat.platform,
                    route: stat.route,
                    from: props.period.from,
                    to: props.period.to,
                  })}
                >
                  <code class="route">{stat.route}</code>
                  <span class="sr-only">
                    {` sur ${stat.platform} : voir les demandes`}
                  </span>
                </Link>
              </th>
              <td class="number">{stat.count}</td>
              <td class={`number ${trend(stat)}`}>
                {formatEvolution(stat.count, stat.previousCount)}
                <span class="sr-only">{` (${stat.previousCount} avant)`}</span>
              </td>
              <td>
                {stat.topCategories
                  .map(
                    (c) =>
                      `${categoryLabel(stat.platform, c.category)} (${c.count})`,
                  )
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
