import type { Ref } from "preact";
import type { Colleague, ConsoleUser } from "../client/api-client.ts";
import type { InboxFilters } from "../requests/filters.ts";
import { useDraftForm } from "../hooks/use-draft-form.ts";
import { FilterActions } from "./FilterActions.tsx";
import {
  categoriesOf,
  MoreFilters,
  moreFiltersCount,
  type SetFilter,
} from "./MoreFilters.tsx";
import { PlatformSelect } from "./PlatformSelect.tsx";

export interface FilterFormProps {
  filters: InboxFilters;
  user: ConsoleUser;
  colleagues: Colleague[];
  onApply: (filters: InboxFilters) => void;
  searchRef: Ref<HTMLInputElement>;
}

/**
 * The inbox filters: the everyday ones on one row, the others folded in « Plus de filtres » so the table
 * starts within a laptop screen. Applying writes the address bar; the parent re-keys the form on Back.
 */
export function FilterForm(props: FilterFormProps) {
  const { user, colleagues } = props;
  const { draft, setDraft, submit } = useDraftForm(
    props.filters,
    props.onApply,
  );
  const set: SetFilter = (patch) =>
    setDraft((previous) => ({ ...previous, ...patch }));
  const value = (event: Event) =>
    (event.currentTarget as HTMLInputElement).value || undefined;

  return (
    <form class="filters" aria-label="Filtres" onSubmit={submit}>
      <div class="filter-row">
        <div class="field filter-search">
          <label for="filter-q">Recherche</label>
          <input
            id="filter-q"
            ref={props.searchRef}
            type="search"
            value={draft.q ?? ""}
            onInput={(event) => set({ q: value(event) })}
          />
        </div>
        <PlatformSelect
          id="filter-platform"
          value={draft.platform}
          onChange={(platform) => {
            // A category id may not exist on the other platform: drop it rather than filter on nothing.
            const keep = categoriesOf(platform).some(
              (c) => c.id === draft.category,
            );
            set({
              platform,
              category: keep ? draft.category : undefined,
              subject: keep ? draft.subject : undefined,
            });
          }}
        />
        <div class="field">
          <div class="label-row">
            <label for="filter-route">Page</label>
            <span class="label-hint" id="filter-route-hint">
              ex. /inscription/:step
            </span>
          </div>
          <input
            id="filter-route"
            aria-describedby="filter-route-hint"
            type="text"
            autocomplete="off"
            value={draft.route ?? ""}
            onInput={(event) => set({ route: value(event) })}
          />
        </div>
        <div class="field">
          <label for="filter-assignee">Assignation</label>
          <select
            id="filter-assignee"
            value={draft.assignee ?? ""}
            onChange={(event) => set({ assignee: value(event) })}
          >
            <option value="">Toutes</option>
            <option value="me">Assignées à moi</option>
            <option value="none">Non assignées</option>
            {colleagues
              .filter((c) => c.id !== user.id)
              .map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.displayName}
                </option>
              ))}
          </select>
        </div>
        <div class="field filter-check">
          <label class="checkbox">
            <input
              type="checkbox"
              name="unread"
              checked={draft.unread === true}
              onChange={(event) =>
                set({ unread: event.currentTarget.checked || undefined })
              }
            />
            Nouvelles réponses de l'usager seulement
          </label>
        </div>
        <FilterActions resetTo="/" />
      </div>
      <details class="more-filters" open={moreFiltersCount(props.filters) > 0}>
        <summary>
          Plus de filtres
          {moreFiltersCount(props.filters) > 0 &&
            ` (${moreFiltersCount(props.filters)} actifs)`}
        </summary>
        <MoreFilters draft={draft} set={set} user={user} />
      </details>
    </form>
  );
}
