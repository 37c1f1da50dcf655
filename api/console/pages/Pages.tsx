import { useEffect, useMemo, useState } from "preact/hooks";
import type { PageReport } from "../api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { PageStatsTable } from "../components/PageStatsTable.tsx";
import { PeriodForm } from "../components/PeriodForm.tsx";
import { addDays, formatDay } from "../format.ts";
import { parsePeriod, periodToQuery } from "../period.ts";
import { useServices } from "../services.ts";
import { useTitle } from "../use-title.ts";

type ReportState =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; report: PageReport };

/** « Par page »: where people ask for help, over a period, compared with the period before. */
export function Pages({ query }: { query: URLSearchParams }) {
  const { api, router, now } = useServices();
  useTitle("Demandes par page");
  const search = query.toString();
  const period = useMemo(() => parsePeriod(query, now()), [search]);
  const [report, setReport] = useState<ReportState>({ state: "loading" });

  useEffect(() => {
    let current = true;
    setReport({ state: "loading" });
    void api
      .pageStats({
        from: period.from,
        to: period.to,
        ...(period.platform ? { platform: period.platform } : {}),
      })
      .then((result) => {
        if (!current) return;
        setReport(
          result.ok
            ? { state: "ready", report: result.value }
            : { state: "error", message: result.message },
        );
      });
    return () => void (current = false);
  }, [period.from, period.to, period.platform]);

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
        (report.report.pages.length === 0 ? (
          <p class="empty">Aucune demande sur cette période.</p>
        ) : (
          <PageStatsTable
            pages={report.report.pages}
            period={period}
            caption={`Demandes par page du ${formatDay(period.from)} au ${formatDay(period.to)}, comparées à la période du ${formatDay(report.report.previousFrom)} au ${formatDay(addDays(period.from, -1))}`}
          />
        ))}
    </>
  );
}
