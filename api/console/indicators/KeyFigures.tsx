import type { Indicators } from "../../contract/indicators.ts";
import {
  countChange,
  durationChange,
  formatCount,
  formatDuration,
  formatShare,
  NO_VALUE,
  shareChange,
} from "./indicator-format.ts";
import {
  keyFigureGroups,
  type FigureKind,
  type KeyFigure,
} from "./key-figures.ts";

/** A figure's value as the page shows it. */
export function formatFigure(kind: FigureKind, value: number | null): string {
  if (kind === "duration") return formatDuration(value);
  if (kind === "share") return formatShare(value);
  return value === null ? NO_VALUE : formatCount(value);
}

function changeOf({ kind, current, previous }: KeyFigure): string {
  if (kind === "duration") return durationChange(current, previous);
  if (kind === "share") return shareChange(current, previous);
  return countChange(current ?? 0, previous ?? 0);
}

/** « — (aucune donnée) »: a missing value and why. */
function shown(figure: KeyFigure, value: number | null): string {
  const text = formatFigure(figure.kind, value);
  return value === null ? `${text} (${figure.missing})` : text;
}

function FigureCard({ figure }: { figure: KeyFigure }) {
  const id = `figure-${figure.key}`;
  return (
    <div class="figure" role="group" aria-labelledby={id}>
      <h3 id={id}>{figure.label}</h3>
      <p class="figure-value">
        {formatFigure(figure.kind, figure.current)}
        {figure.current === null && (
          <span class="figure-missing"> ({figure.missing})</span>
        )}
      </p>
      <p class="figure-previous">
        Période précédente : {shown(figure, figure.previous)}
      </p>
      <p class="figure-change">Évolution : {changeOf(figure)}</p>
      {figure.note && <p class="hint">{figure.note}</p>}
    </div>
  );
}

/** The headline figures, each with the previous period's value and the change in words. */
export function KeyFigures({ indicators }: { indicators: Indicators }) {
  return (
    <>
      {keyFigureGroups(indicators).map((group) => (
        <section key={group.title} class="figure-group">
          <h2>{group.title}</h2>
          <div class="figure-grid">
            {group.figures.map((figure) => (
              <FigureCard key={figure.key} figure={figure} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
