import type { Indicators } from "../../contract/indicators.ts";
import { CommentList } from "./CommentList.tsx";
import { KeyFigures } from "./KeyFigures.tsx";
import { MissingTipsTable } from "./MissingTipsTable.tsx";
import { PageIndicatorTable } from "./PageIndicatorTable.tsx";
import { periodLabel } from "./week-labels.ts";
import { WeeklyCharts } from "./WeeklyCharts.tsx";
import { SearchTable, TipTable } from "./WidgetTables.tsx";

/** Said instead of the widget's figures when the API leaves them out (referents, département or role). */
export const NO_WIDGET_COUNTERS =
  "Les compteurs du widget sont anonymes : ils ne sont pas ventilés par département ni par rôle, et ne sont donc pas affichés pour ce périmètre.";

/**
 * Every figure of an answer: headline figures, weekly charts, then the tables. `empty` (nothing in either
 * period): the zeros are still facts worth reading, but charts and tables of nothing are left out.
 */
export function IndicatorsReport({
  indicators,
  empty,
}: {
  indicators: Indicators;
  empty: boolean;
}) {
  const widget = indicators.widgetCounters;
  const period = (
    <p class="period-line">
      Période {periodLabel(indicators.from, indicators.to)}, comparée à la
      période {periodLabel(indicators.previousFrom, indicators.previousTo)}.
    </p>
  );
  if (empty)
    return (
      <>
        {period}
        {/* Without the widget's counters, « aucune activité du widget » would claim what was not looked at. */}
        <p class="empty">
          {widget
            ? "Aucune demande, aucun avis ni aucune activité du widget sur cette période ni sur la précédente pour ces filtres."
            : "Aucune demande ni aucun avis sur cette période ni sur la précédente pour ces filtres."}
        </p>
        {!widget && (
          <div class="notice">
            <p>{NO_WIDGET_COUNTERS}</p>
          </div>
        )}
        <KeyFigures indicators={indicators} />
      </>
    );
  return (
    <>
      {period}
      <KeyFigures indicators={indicators} />
      <WeeklyCharts indicators={indicators} />
      <section>
        <h2>Pages</h2>
        {!widget && (
          <div class="notice">
            <p>{NO_WIDGET_COUNTERS}</p>
          </div>
        )}
        {indicators.pages.length === 0 ? (
          <p class="empty">Aucune activité par page sur cette période.</p>
        ) : (
          <PageIndicatorTable
            pages={indicators.pages}
            widgetCounters={widget}
            from={indicators.from}
            to={indicators.to}
          />
        )}
      </section>
      {widget && (
        <>
          <section>
            <h2>Astuces</h2>
            <TipTable tips={indicators.tips} />
          </section>
          <section>
            <h2>Recherches sans résultat</h2>
            <SearchTable searches={indicators.searchesWithoutResult} />
          </section>
        </>
      )}
      <section>
        <h2>Pages sans astuce</h2>
        <p class="hint">
          Pages où des usagers ont demandé de l'aide sans qu'aucune astuce
          publiée leur soit proposée : des astuces à écrire.
        </p>
        <MissingTipsTable missing={indicators.missingTips} />
      </section>
      <section>
        <h2>Derniers commentaires</h2>
        <CommentList comments={indicators.comments} />
      </section>
    </>
  );
}
