import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { Tip } from "../../api/contract/tip.ts";
import type { ApiResult } from "../shared/api-client.ts";
import type { EventCounter } from "../shared/event-counter.ts";
import { TipItem } from "./TipItem.tsx";
import type * as TipSearch from "./tip-search.ts";

export type TipsState =
  | { status: "loading" }
  | { status: "error" }
  | { status: "ready"; tips: Tip[] };

interface TipsViewProps {
  page: TipsState;
  /** The tip to show opened (from `open({tip})`; App moves the focus to it). */
  focusTipId?: string;
  /** Who searches (their role): results are fetched again when it changes. */
  searchScope: string;
  loadAllTips(): Promise<ApiResult<Tip[]>>;
  counter: EventCounter;
  onRetry(): void;
  onView(id: string): void;
  onContact(): void;
  /** Opens « Mes demandes ». */
  onRequests(): void;
}

/** Tips for the current page, a search across all tips of the platform, and the way to support. */
export function TipsView({
  page,
  focusTipId,
  searchScope,
  loadAllTips,
  counter,
  onRetry,
  onView,
  onContact,
  onRequests,
}: TipsViewProps) {
  const [query, setQuery] = useState("");
  // Every tip of the platform, and the search code: both fetched at the first query (the search code is
  // a lazy chunk of its own, fetched alongside the tips it searches, not with the panel).
  const [search, setSearch] = useState<
    | {
        tips: Tip[];
        find: typeof TipSearch.searchTips;
        empty: ReturnType<typeof TipSearch.emptySearches>;
      }
    | undefined
  >();
  const [searchFailed, setSearchFailed] = useState(false);

  useEffect(() => {
    setSearch(undefined);
    setSearchFailed(false);
  }, [searchScope]);

  useEffect(() => {
    if (!query.trim() || search) return;
    let current = true;
    void Promise.all([loadAllTips(), import("./tip-search.ts")]).then(
      ([result, code]) => {
        if (!current) return;
        if (result.ok)
          setSearch({
            tips: result.value,
            find: code.searchTips,
            empty: code.emptySearches((term) =>
              counter.count("search_empty", undefined, term),
            ),
          });
        else setSearchFailed(true);
      },
      // The search code could not be fetched (offline): a later query tries again.
      () => current && setSearchFailed(true),
    );
    return () => void (current = false);
  }, [query, search]);

  const results =
    query.trim() && search ? search.find(search.tips, query) : undefined;

  // A search without result is counted (tip-search.ts). A layout effect: the term is known as soon as the
  // results show, should the user leave the field right then.
  useLayoutEffect(
    () => search?.empty.typed(query, results?.length),
    [query, search],
  );

  return (
    <div>
      <h3>Conseils pour cette page</h3>
      {/* RGAA 7.5: where the list stands in a status there from the start (one added with its text is not
          announced), its failure in an alert. */}
      <div role="status">
        {page.status === "loading" && (
          <p class="muted">Chargement des conseils…</p>
        )}
        {page.status === "ready" && page.tips.length === 0 && (
          <p class="muted">
            Aucun conseil particulier pour cette page. Cherchez ci-dessous ou
            contactez le support.
          </p>
        )}
      </div>
      {page.status === "error" && (
        <div class="notice-error" role="alert">
          <p>
            Les conseils n'ont pas pu être chargés. Vérifiez votre connexion.
          </p>
          <button type="button" class="button secondary" onClick={onRetry}>
            Réessayer
          </button>
        </div>
      )}
      {page.status === "ready" && page.tips.length > 0 && (
        <ul class="tips">
          {page.tips.map((tip) => (
            <TipItem
              key={tip.id}
              tip={tip}
              open={tip.id === focusTipId}
              counter={counter}
              onView={onView}
              onContact={onContact}
            />
          ))}
        </ul>
      )}

      <form
        class="search"
        role="search"
        onSubmit={(event) => event.preventDefault()}
      >
        <label for="snu-aide-search">Rechercher dans l'aide</label>
        <input
          id="snu-aide-search"
          type="search"
          value={query}
          onInput={(event) =>
            setQuery((event.currentTarget as HTMLInputElement).value)
          }
          onBlur={() => search?.empty.left()}
          autocomplete="off"
        />
      </form>
      {query.trim() && searchFailed && (
        <p role="alert">La recherche est indisponible pour le moment.</p>
      )}
      {/* There before the first query: a status added with its text is not announced. */}
      <div role="status">
        {results && (
          <p>
            {results.length === 0
              ? "Aucun résultat."
              : `${results.length} résultat${results.length > 1 ? "s" : ""}`}
          </p>
        )}
      </div>
      {results && results.length > 0 && (
        <ul class="tips">
          {results.slice(0, 10).map((tip) => (
            <TipItem
              key={tip.id}
              tip={tip}
              counter={counter}
              onView={onView}
              onContact={onContact}
            />
          ))}
        </ul>
      )}

      <div class="contact-cta">
        <p>Vous n'avez pas trouvé de réponse ?</p>
        {/* « Contacter le support » stays the view's last control (the end of the Tab cycle on a phone). */}
        <div class="actions">
          <button type="button" class="button secondary" onClick={onRequests}>
            Mes demandes
          </button>
          <button type="button" class="button" onClick={onContact}>
            Contacter le support
          </button>
        </div>
      </div>
    </div>
  );
}
