import type { ConsoleUser } from "../api-client.ts";
import { AnchorReportTable } from "../components/AnchorReportTable.tsx";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { TipFilterForm } from "../components/TipFilterForm.tsx";
import { useServices } from "../services.ts";
import { canSeeBrokenAnchors } from "../tip-access.ts";
import { parseTipFilters, tipFiltersPath } from "../tip-filters.ts";
import { useLoaded } from "../use-loaded.ts";
import { useTitle } from "../use-title.ts";
import { useUrlFilters } from "../use-url-filters.ts";

const TITLE = "Ancres cassées";

/** « Ancres cassées »: anchored tips whose element the widget could not find since their publication. */
export function BrokenAnchors(props: {
  user: ConsoleUser;
  query: URLSearchParams;
}) {
  if (!canSeeBrokenAnchors(props.user))
    return (
      <NoTipsAccess title={TITLE}>
        Cette page est réservée à l'équipe nationale (administrateurs et
        agents).
      </NoTipsAccess>
    );
  return <Reports query={props.query} canEditTips={props.user.canEditTips} />;
}

function Reports({
  query,
  canEditTips,
}: {
  query: URLSearchParams;
  canEditTips: boolean;
}) {
  const { api, router } = useServices();
  useTitle(TITLE);
  const {
    filters: { platform },
    search,
  } = useUrlFilters(query, parseTipFilters);
  const reports = useLoaded(() => api.anchorReports(platform), [platform]);

  return (
    <>
      <h1 tabIndex={-1}>{TITLE}</h1>
      <p>
        Le widget signale une astuce ancrée quand il ne trouve pas son élément
        sur la page. Seuls les signalements postérieurs à la dernière
        publication de l'astuce sont comptés.
      </p>
      <TipFilterForm
        key={search}
        filters={{ ...(platform ? { platform } : {}) }}
        platformOnly
        resetTo="/tips/anchors"
        onApply={(next) =>
          router.navigate(
            tipFiltersPath("/tips/anchors", { platform: next.platform }),
          )
        }
      />
      {reports.state === "loading" && <p class="loading">Chargement…</p>}
      {reports.state === "error" && (
        <ErrorNotice>{reports.message}</ErrorNotice>
      )}
      {reports.state === "ready" &&
        (reports.value.length === 0 ? (
          <p class="empty">Aucune ancre cassée signalée.</p>
        ) : (
          <AnchorReportTable
            anchors={reports.value}
            canEditTips={canEditTips}
            caption={`Ancres introuvables, de la plus récemment signalée à la plus ancienne : ${reports.value.length}`}
          />
        ))}
    </>
  );
}
