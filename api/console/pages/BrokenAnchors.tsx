import { useEffect, useMemo, useState } from "preact/hooks";
import type { ConsoleUser } from "../api-client.ts";
import { AnchorReportTable } from "../components/AnchorReportTable.tsx";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { TipFilterForm } from "../components/TipFilterForm.tsx";
import { useServices } from "../services.ts";
import { canSeeBrokenAnchors } from "../tip-access.ts";
import { parseTipFilters, tipFiltersPath } from "../tip-filters.ts";
import type { AnchorReport } from "../tip-types.ts";
import { useTitle } from "../use-title.ts";

type Reports =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; anchors: AnchorReport[] };

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
  const search = query.toString();
  const { platform } = useMemo(() => parseTipFilters(query), [search]);
  const [reports, setReports] = useState<Reports>({ state: "loading" });

  useEffect(() => {
    let current = true;
    setReports({ state: "loading" });
    void api.anchorReports(platform).then((result) => {
      if (!current) return;
      setReports(
        result.ok
          ? { state: "ready", anchors: result.value }
          : { state: "error", message: result.message },
      );
    });
    return () => void (current = false);
  }, [platform]);

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
        (reports.anchors.length === 0 ? (
          <p class="empty">Aucune ancre cassée signalée.</p>
        ) : (
          <AnchorReportTable
            anchors={reports.anchors}
            canEditTips={canEditTips}
            caption={`Ancres introuvables, de la plus récemment signalée à la plus ancienne : ${reports.anchors.length}`}
          />
        ))}
    </>
  );
}
