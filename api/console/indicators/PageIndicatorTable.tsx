import { useState } from "preact/hooks";
import type { PageIndicator } from "../../contract/indicators.ts";
import { Link } from "../components/Link.tsx";
import { PLATFORM_LABELS } from "../format.ts";
import { inboxPath } from "../requests/filters.ts";
import {
  formatCount,
  formatRate,
  NO_VALUE,
  rateChange,
} from "./indicator-format.ts";
import {
  nextSort,
  sortPages,
  type PageColumnKey,
  type PageSort,
} from "./page-sort.ts";

interface Column {
  key: PageColumnKey;
  label: string;
  numeric: boolean;
  /** Read from the widget's anonymous counters: not shown when the API gives none. */
  widget: boolean;
  cell: (page: PageIndicator) => string;
}

const count = (value: number | null) =>
  value === null ? NO_VALUE : formatCount(value);

const COLUMNS: Column[] = [
  {
    key: "platform",
    label: "Plateforme",
    numeric: false,
    widget: false,
    cell: (p) => PLATFORM_LABELS[p.platform] ?? p.platform,
  },
  {
    key: "route",
    label: "Page",
    numeric: false,
    widget: false,
    cell: (p) => p.route,
  },
  {
    key: "opens",
    label: "Ouvertures du panneau",
    numeric: true,
    widget: true,
    cell: (p) => count(p.opens),
  },
  {
    key: "tipViews",
    label: "Astuces lues",
    numeric: true,
    widget: true,
    cell: (p) => count(p.tipViews),
  },
  {
    key: "contactOpens",
    label: "Formulaires de contact ouverts",
    numeric: true,
    widget: true,
    cell: (p) => count(p.contactOpens),
  },
  {
    key: "requests",
    label: "Demandes",
    numeric: true,
    widget: false,
    cell: (p) => formatCount(p.requests),
  },
  {
    key: "contactRate",
    label: "Taux de contact (demandes pour 100 ouvertures)",
    numeric: true,
    widget: true,
    cell: (p) => formatRate(p.contactRate),
  },
  {
    key: "rateChange",
    label: "Évolution du taux",
    numeric: true,
    widget: true,
    cell: (p) =>
      p.previousContactRate === null
        ? rateChange(p.contactRate, null)
        : `${rateChange(p.contactRate, p.previousContactRate)} (${formatRate(p.previousContactRate)} avant)`,
  },
];

/**
 * The per-page table, worst pages first — the API's order: highest contact rate, then most requests — and
 * sortable by each column.
 */
export function PageIndicatorTable(props: {
  pages: PageIndicator[];
  widgetCounters: boolean;
  from: string;
  to: string;
}) {
  const [sort, setSort] = useState<PageSort>();
  const columns = COLUMNS.filter((c) => props.widgetCounters || !c.widget);
  const sorted = sortPages(props.pages, sort);
  const sortedBy = columns.find((c) => c.key === sort?.key);
  const order = sortedBy
    ? `triés par « ${sortedBy.label} », ordre ${sort!.direction === "ascending" ? "croissant" : "décroissant"}`
    : props.widgetCounters
      ? "les pages au plus fort taux de contact en premier"
      : "les pages qui ont reçu le plus de demandes en premier";

  return (
    <>
      {sort && (
        <p class="table-tools">
          <button
            type="button"
            class="button small secondary"
            onClick={() => setSort(undefined)}
          >
            Revenir à l'ordre par défaut
          </button>
        </p>
      )}
      <div class="table-wrap">
        <table class="page-indicators">
          <caption>Indicateurs par page, {order}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? "number" : undefined}
                  aria-sort={
                    sort?.key === column.key ? sort.direction : undefined
                  }
                >
                  <button
                    type="button"
                    class="sort-button"
                    onClick={() => setSort(nextSort(sort, column.key))}
                  >
                    {column.label}
                    <span class="sort-mark" aria-hidden="true">
                      {sort?.key !== column.key
                        ? " ↕"
                        : sort.direction === "ascending"
                          ? " ▲"
                          : " ▼"}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((page) => (
              <tr key={`${page.platform} ${page.route}`}>
                {columns.map((column) =>
                  column.key === "route" ? (
                    <th key="route" scope="row">
                      <Link
                        to={inboxPath({
                          status: [],
                          platform: page.platform,
                          route: page.route,
                          from: props.from,
                          to: props.to,
                        })}
                      >
                        <code class="route">{page.route}</code>
                        <span class="sr-only">{` sur ${PLATFORM_LABELS[page.platform] ?? page.platform} : voir les demandes`}</span>
                      </Link>
                    </th>
                  ) : (
                    <td
                      key={column.key}
                      class={column.numeric ? "number" : undefined}
                    >
                      {column.cell(page)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
