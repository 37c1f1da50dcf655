import { useRef } from "preact/hooks";
import type { ConsoleUser } from "../client/api-client.ts";
import { AnchorReportTable } from "../components/AnchorReportTable.tsx";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { TipFilterForm } from "../components/TipFilterForm.tsx";
import { useServices } from "../services.ts";
import { canSeeBrokenAnchors } from "../tip-editor/tip-access.ts";
import { parseTipFilters, tipFiltersPath } from "../tip-editor/tip-filters.ts";
import { useAnchorReports } from "../hooks/use-anchor-reports.ts";
import { useTitle } from "../hooks/use-title.ts";
import { useUrlFilters } from "../hooks/use-url-filters.ts";

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
  const { router, announce } = useServices();
  useTitle(TITLE);
  const {
    filters: { platform },
    search,
  } = useUrlFilters(query, parseTipFilters);
  const { list, more, loadMore } = useAnchorReports(platform);
  const tableRef = useRef<HTMLTableElement>(null);

  const showMore = async () => {
    const loaded = await loadMore();
    if (!loaded || loaded.added === 0) return;
    announce(
      `${loaded.added} ancre${loaded.added > 1 ? "s" : ""} de plus affichée${loaded.added > 1 ? "s" : ""}.`,
    );
    // Reading goes on from the first new row (the button may be gone).
    requestAnimationFrame(() =>
      tableRef.current
        ?.querySelectorAll<HTMLElement>("tbody th[scope=row]")
        [loaded.first]?.focus(),
    );
  };

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
      {list.state === "loading" && <p class="loading">Chargement…</p>}
      {list.state === "error" && <ErrorNotice>{list.message}</ErrorNotice>}
      {list.state === "ready" &&
        (list.anchors.length === 0 ? (
          <p class="empty">Aucune ancre cassée signalée.</p>
        ) : (
          <AnchorReportTable
            anchors={list.anchors}
            canEditTips={canEditTips}
            caption={`Ancres introuvables, de la plus récemment signalée à la plus ancienne : ${list.anchors.length} affichée${list.anchors.length > 1 ? "s" : ""} sur ${list.total}`}
            tableRef={tableRef}
          />
        ))}
      {more.error && <ErrorNotice>{more.error}</ErrorNotice>}
      {list.state === "ready" && list.nextCursor && (
        <button
          type="button"
          class="button secondary more"
          aria-disabled={more.loading ? "true" : undefined}
          onClick={showMore}
        >
          {more.loading ? "Chargement…" : "Afficher plus"}
        </button>
      )}
    </>
  );
}
