import type {
  SearchIndicator,
  TipIndicator,
} from "../../contract/indicators.ts";
import { PLATFORM_LABELS } from "../format.ts";
import { formatCount } from "./indicator-format.ts";
import { PlainTable, type PlainColumn } from "./PlainTable.tsx";

const platform = (row: { platform: keyof typeof PLATFORM_LABELS }) =>
  PLATFORM_LABELS[row.platform] ?? row.platform;
const route = (row: { route: string }) => (
  <code class="route">{row.route}</code>
);

const TIP_COLUMNS: PlainColumn<TipIndicator>[] = [
  {
    label: "Astuce",
    rowHeader: true,
    cell: (t) => <code>{t.id}</code>,
  },
  { label: "Plateforme", cell: platform },
  { label: "Page", cell: route },
  { label: "Lectures", numeric: true, cell: (t) => formatCount(t.reads) },
  { label: "« Oui »", numeric: true, cell: (t) => formatCount(t.helpful) },
  { label: "« Non »", numeric: true, cell: (t) => formatCount(t.notHelpful) },
  {
    label: "Demandes après lecture",
    numeric: true,
    cell: (t) => formatCount(t.requestsAfter),
  },
];

const SEARCH_COLUMNS: PlainColumn<SearchIndicator>[] = [
  { label: "Plateforme", cell: platform },
  { label: "Page", cell: route },
  { label: "Terme recherché", rowHeader: true, cell: (s) => s.term },
  { label: "Recherches", numeric: true, cell: (s) => formatCount(s.count) },
];

/** Per tip: reads, « Cette astuce vous a-t-elle aidé ? » answers, requests sent after reading it. */
export function TipTable({ tips }: { tips: TipIndicator[] }) {
  return tips.length === 0 ? (
    <p class="empty">Aucune astuce lue sur cette période.</p>
  ) : (
    <PlainTable
      caption="Lectures et avis par astuce et par page"
      class="tip-indicators"
      columns={TIP_COLUMNS}
      rows={tips}
      rowKey={(t) => `${t.id} ${t.platform} ${t.route}`}
    />
  );
}

/** Searches of the panel that found no tip, per page (the API keeps terms seen at least 3 times). */
export function SearchTable({ searches }: { searches: SearchIndicator[] }) {
  return searches.length === 0 ? (
    <p class="empty">
      Aucune recherche sans résultat répétée au moins 3 fois sur cette période.
    </p>
  ) : (
    <PlainTable
      caption="Recherches sans résultat par page"
      columns={SEARCH_COLUMNS}
      rows={searches}
      rowKey={(s) => `${s.platform} ${s.route} ${s.term}`}
    />
  );
}
