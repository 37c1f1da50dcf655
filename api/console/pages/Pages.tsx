import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { PageStatsTable } from "../components/PageStatsTable.tsx";
import { PeriodForm } from "../components/PeriodForm.tsx";
import { addDays, formatDay } from "../format.ts";
import { parsePeriod, periodToQuery } from "../requests/period.ts";
import { useServices } from "../services.ts";
import { useLoaded } from "../hooks/use-loaded.ts";
import { useTitle } from "../hooks/use-title.ts";
import { useUrlFilters } from "../hooks/use-url-filters.ts";

/** « Par page »: where people ask for help, over a period, compared with the period before. */
export function Pages({ query }: { query: URLSearchParams }) {
  const { api, router, now } = useServices();
  useTitle("Demandes par page");
  const { filters: period, search } = useUrlFilters(query, (q) =>
    parsePeriod(q, now()),
  );
  const report = useLoaded(
    () =>
      api.pageStats({
        from: period.from,
        to: period.to,
        ...(period.platform ? { platform: period.platform } : {}),
      }),
    [period.from, period.to, period.platform],
  );

  return (
    <>
      <h1 tabIndex={-1}>Demandes par page</h1>
      <PeriodForm
        key={search}
        period={period}
        today={now()}
        onApply={(next) => router.navigate(`/pages?${periodToQuery(next)}`)}
      />
      {report.state === "loading" && <p class="loading">Chargement…</p>}
      {report.state === "error" && <ErrorNotice>{report.message}</ErrorNotice>}
      {report.state === "ready" &&
        (report.value.pages.length === 0 ? (
          <p class="empty">Aucune demande sur cette période.</p>
        ) : (
          <PageStatsTable
            pages={report.value.pages}
            period={period}
            caption={`Demandes par page du ${formatDay(period.from)} au ${formatDay(period.to)}, comparées à la période du ${formatDay(report.value.previousFrom)} au ${formatDay(addDays(period.from, -1))}`}
          />
        ))}
    </>
  );
}
