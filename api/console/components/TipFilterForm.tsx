import { useState } from "preact/hooks";
import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";
import { PLATFORM_LABELS } from "../format.ts";
import type { TipFilters } from "../tip-filters.ts";
import { Link } from "./Link.tsx";

/** « Plateforme » and « Recherche » over the tips; applying writes the address bar. */
export function TipFilterForm(props: {
  filters: TipFilters;
  onApply: (filters: TipFilters) => void;
  /** Without text search, for « Ancres cassées ». */
  platformOnly?: boolean;
  resetTo: string;
}) {
  const [draft, setDraft] = useState<TipFilters>(props.filters);
  return (
    <form
      class="filters"
      aria-label="Filtres"
      onSubmit={(event) => {
        event.preventDefault();
        props.onApply(draft);
      }}
    >
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
        <div class="field">
          <label for="tips-platform">Plateforme</label>
          <select
            id="tips-platform"
            value={draft.platform ?? ""}
            onChange={(event) =>
              setDraft({
                ...draft,
                platform: (event.currentTarget.value || undefined) as
                  Platform | undefined,
              })
            }
          >
            <option value="">Toutes</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div class="actions filter-actions">
          <button type="submit" class="button">
            Filtrer
          </button>
          <Link to={props.resetTo} class="button secondary">
            Réinitialiser
          </Link>
        </div>
      </div>
    </form>
  );
}
