import type { TipFilters } from "../tip-editor/tip-filters.ts";
import { useDraftForm } from "../hooks/use-draft-form.ts";
import { FilterActions } from "./FilterActions.tsx";
import { PlatformSelect } from "./PlatformSelect.tsx";

/** « Plateforme » and « Recherche » over the tips; applying writes the address bar. */
export function TipFilterForm(props: {
  filters: TipFilters;
  onApply: (filters: TipFilters) => void;
  /** Without text search, for « Ancres cassées ». */
  platformOnly?: boolean;
  resetTo: string;
}) {
  const { draft, setDraft, submit } = useDraftForm(
    props.filters,
    props.onApply,
  );
  return (
    <form class="filters" aria-label="Filtres" onSubmit={submit}>
      <div class="filter-row">
        {!props.platformOnly && (
          <div class="field filter-search">
            <label for="tips-q">Recherche</label>
            <p class="hint" id="tips-q-hint">
              Titre, identifiant, route ou texte
            </p>
            <input
              id="tips-q"
              type="search"
              aria-describedby="tips-q-hint"
              value={draft.q ?? ""}
              onInput={(event) =>
                setDraft({ ...draft, q: event.currentTarget.value })
              }
            />
          </div>
        )}
        <PlatformSelect
          id="tips-platform"
          value={draft.platform}
          onChange={(platform) => setDraft({ ...draft, platform })}
        />
        <FilterActions resetTo={props.resetTo} />
      </div>
    </form>
  );
}
