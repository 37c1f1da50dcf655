import { useEffect, useRef, useState } from "preact/hooks";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import type { ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { ExportLink } from "../components/ExportLink.tsx";
import { FilterForm } from "../components/FilterForm.tsx";
import { Link } from "../components/Link.tsx";
import { RequestTable } from "../components/RequestTable.tsx";
import { ShortcutsDialog } from "../components/ShortcutsDialog.tsx";
import { StatusTabs } from "../components/StatusTabs.tsx";
import {
  filtersToQuery,
  hasFilters,
  inboxPath,
  parseFilters,
  type InboxFilters,
} from "../requests/filters.ts";
import { useServices } from "../services.ts";
import {
  readShortcutsEnabled,
  saveShortcutsEnabled,
} from "../requests/shortcuts.ts";
import { useTitle } from "../hooks/use-title.ts";
import { useUrlFilters } from "../hooks/use-url-filters.ts";
import { useInboxShortcuts } from "../hooks/use-inbox-shortcuts.ts";
import { useRequestList } from "../hooks/use-request-list.ts";

/** How many requests match: the counts of the chosen statuses, or of all. */
function countOf(
  counts: Partial<Record<RequestStatus, number>>,
  statuses: RequestStatus[],
): number {
  const chosen: readonly RequestStatus[] =
    statuses.length > 0 ? statuses : REQUEST_STATUSES;
  return chosen.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}

/** The inbox: filters from the address bar, counts per status, the newest requests, keyset « Suivantes ». */
export function Inbox({
  user,
  query,
}: {
  user: ConsoleUser;
  query: URLSearchParams;
}) {
  const { router, now, storage, colleagues, announce } = useServices();
  useTitle("Demandes");
  const { filters, search } = useUrlFilters(query, parseFilters);
  const { list, more, loadMore } = useRequestList(filters, search);
  const [selected, setSelected] = useState<number>();
  const [shortcuts, setShortcuts] = useState(() =>
    readShortcutsEnabled(storage),
  );
  const [helpOpen, setHelpOpen] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // A new list starts with no selection.
  useEffect(() => setSelected(undefined), [search]);

  const items = list.state === "ready" ? list.items : [];
  const rowLink = (index: number) =>
    tableRef.current?.querySelectorAll<HTMLAnchorElement>(
      "tbody a[data-reference]",
    )[index];
  const select = (index: number) => {
    setSelected(index);
    const link = rowLink(index);
    link?.focus();
    link?.scrollIntoView?.({ block: "nearest" });
  };
  const open = (reference: string) =>
    router.navigate(`/requests/${encodeURIComponent(reference)}`);

  useInboxShortcuts(shortcuts && !helpOpen, {
    next: () =>
      items.length > 0 &&
      select(Math.min((selected ?? -1) + 1, items.length - 1)),
    previous: () =>
      items.length > 0 && select(Math.max((selected ?? items.length) - 1, 0)),
    open: (target) => {
      const reference =
        target?.closest("a[data-reference]")?.getAttribute("data-reference") ??
        (selected !== undefined ? items[selected]?.reference : undefined);
      if (reference) open(reference);
      return reference !== undefined;
    },
    search: () => searchRef.current?.focus(),
    help: () => setHelpOpen(true),
  });

  const showMore = async () => {
    const loaded = await loadMore();
    if (!loaded || loaded.added === 0) return;
    announce(
      `${loaded.added} demande${loaded.added > 1 ? "s" : ""} de plus affichée${loaded.added > 1 ? "s" : ""}.`,
    );
    // Focus the first new row: the button may disappear, and reading goes on from there.
    requestAnimationFrame(() => rowLink(loaded.first)?.focus());
  };

  // While a new list loads, the status tabs stay with the counts last shown: the tab just pressed keeps
  // the focus instead of vanishing under it.
  const shownCounts = useRef<
    | { counts: Partial<Record<RequestStatus, number>>; complete: boolean }
    | undefined
  >(undefined);
  if (list.state === "ready")
    shownCounts.current = {
      counts: list.counts,
      complete: list.countsComplete !== false,
    };
  else if (list.state === "error") shownCounts.current = undefined;

  const apply = (next: InboxFilters) => router.navigate(inboxPath(next));
  const total =
    list.state === "ready" ? countOf(list.counts, filters.status) : 0;

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Demandes</h1>
        <div class="actions">
          <ExportLink filters={filtersToQuery(filters)} />
          <button
            type="button"
            class="button secondary"
            onClick={() => setHelpOpen(true)}
          >
            Raccourcis clavier
          </button>
        </div>
      </div>
      <FilterForm
        key={search}
        filters={filters}
        user={user}
        colleagues={colleagues}
        onApply={apply}
        searchRef={searchRef}
      />
      {shownCounts.current && (
        <StatusTabs
          counts={shownCounts.current.counts}
          complete={shownCounts.current.complete}
          selected={filters.status}
          onSelect={(status) => apply({ ...filters, status })}
        />
      )}
      {list.state === "loading" && (
        <p class="loading">Chargement des demandes…</p>
      )}
      {list.state === "error" && <ErrorNotice>{list.message}</ErrorNotice>}
      {list.state === "ready" && items.length === 0 && (
        <div class="empty">
          <p>
            {list.nextCursor
              ? "Aucune demande récente ne contient ces mots. « Chercher plus loin » examine les plus anciennes."
              : hasFilters(filters)
                ? "Aucune demande ne correspond à ces filtres."
                : "Aucune demande pour le moment."}
          </p>
          {hasFilters(filters) && <Link to="/">Voir toutes les demandes</Link>}
        </div>
      )}
      {items.length > 0 && (
        <RequestTable
          items={items}
          caption={`Demandes, de la plus récente à la plus ancienne : ${items.length} affichée${items.length > 1 ? "s" : ""} sur ${list.state === "ready" && list.countsComplete === false ? "plus de " : ""}${total}`}
          now={now()}
          selected={selected}
          onFocusRow={setSelected}
          tableRef={tableRef}
        />
      )}
      {more.error && <ErrorNotice>{more.error}</ErrorNotice>}
      {list.state === "ready" && list.nextCursor && (
        <button
          type="button"
          class="button secondary more"
          aria-disabled={more.loading ? "true" : undefined}
          onClick={showMore}
        >
          {more.loading
            ? "Chargement…"
            : items.length === 0
              ? "Chercher plus loin"
              : "Suivantes"}
        </button>
      )}
      <ShortcutsDialog
        open={helpOpen}
        enabled={shortcuts}
        onToggle={(enabled) => {
          setShortcuts(enabled);
          saveShortcutsEnabled(storage, enabled);
          announce(
            enabled
              ? "Raccourcis clavier activés."
              : "Raccourcis clavier désactivés.",
          );
        }}
        onClose={() => setHelpOpen(false)}
      />
    </>
  );
}
