import { useEffect, useRef, useState } from "preact/hooks";
import type { Indicators } from "../../contract/indicators.ts";
import type { ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { useLoaded } from "../hooks/use-loaded.ts";
import { useTitle } from "../hooks/use-title.ts";
import { useUrlFilters } from "../hooks/use-url-filters.ts";
import { CsvDownload } from "../indicators/CsvDownload.tsx";
import { IndicatorsForm } from "../indicators/IndicatorsForm.tsx";
import { IndicatorsReport } from "../indicators/IndicatorsReport.tsx";
import {
  indicatorsPath,
  parisToday,
  parseIndicatorsView,
  viewToApiQuery,
} from "../indicators/indicators-view.ts";
import { periodLabel } from "../indicators/week-labels.ts";
import { useServices } from "../services.ts";

/** Nothing to show for either period: no request, rating, page or comment. */
function isEmpty(indicators: Indicators): boolean {
  const quiet = (f: Indicators["previous"]) =>
    f.received === 0 &&
    f.handled === 0 &&
    f.backlog === 0 &&
    f.firstResponse.count === 0 &&
    f.resolution.count === 0 &&
    f.satisfaction.answers === 0 &&
    f.pages.length === 0 &&
    f.tips.length === 0 &&
    f.searchesWithoutResult.length === 0;
  return (
    quiet(indicators) &&
    quiet(indicators.previous) &&
    indicators.missingTips.length === 0 &&
    indicators.comments.length === 0
  );
}

/** « Indicateurs »: how the support and the help do over a period, compared with the period before. */
export function IndicatorsPage({
  user,
  query,
}: {
  user: ConsoleUser;
  query: URLSearchParams;
}) {
  const { api, router, now, announce } = useServices();
  useTitle("Indicateurs");
  const today = parisToday(now());
  const { filters: view, search } = useUrlFilters(query, (q) =>
    parseIndicatorsView(q, today),
  );
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const loaded = useLoaded(
    () => api.indicators(viewToApiQuery(view)),
    [search, attempt],
  );
  const ready = loaded.state === "ready" ? loaded.value : undefined;

  // The figures replace « Chargement… » without moving the focus: say that they are there.
  useEffect(() => {
    if (ready)
      announce(`Indicateurs affichés, ${periodLabel(ready.from, ready.to)}.`);
  }, [ready]);

  const retry = () => {
    // The button goes away with the error: the focus goes to the page's title rather than be lost.
    titleRef.current?.focus();
    setAttempt((n) => n + 1);
  };

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1} ref={titleRef}>
          Indicateurs
        </h1>
        {ready && !isEmpty(ready) && (
          <CsvDownload indicators={ready} view={view} />
        )}
      </div>
      <p class="page-intro">
        {user.departments.length > 0
          ? `Demandes de vos départements : ${user.departments.join(", ")}.`
          : "Toutes les demandes."}
      </p>
      <IndicatorsForm
        key={search}
        view={view}
        today={today}
        user={user}
        onApply={(next) => router.navigate(indicatorsPath(next))}
      />
      {loaded.state === "loading" && (
        <p class="loading">Chargement des indicateurs…</p>
      )}
      {loaded.state === "error" && (
        <>
          <ErrorNotice>
            <p>Les indicateurs n'ont pas pu être chargés. {loaded.message}</p>
          </ErrorNotice>
          <button type="button" class="button" onClick={retry}>
            Réessayer
          </button>
        </>
      )}
      {ready && <IndicatorsReport indicators={ready} empty={isEmpty(ready)} />}
    </>
  );
}
