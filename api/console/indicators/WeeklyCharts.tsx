import type { Indicators, WeekIndicator } from "../../contract/indicators.ts";
import { ChartBlock } from "./ChartBlock.tsx";
import { countTicks, durationTicks, SHARE_TICKS } from "./chart-scale.ts";
import {
  formatCount,
  formatDuration,
  formatShare,
  NO_VALUE,
} from "./indicator-format.ts";
import { periodLabel, weekLabel } from "./week-labels.ts";
import { WeekChart } from "./WeekChart.tsx";

const TABLE_NEXT = "Valeurs détaillées dans le tableau suivant.";

const plural = (n: number, word: string) =>
  `${formatCount(n)} ${word}${n > 1 ? "s" : ""}`;

/** « 1 j 4 h » or « — (aucune résolution) ». */
const orMissing = (text: string, value: unknown, why: string) =>
  value === null ? `${NO_VALUE} (${why})` : text;

function receivedSummary(weeks: WeekIndicator[], period: string): string {
  const received = weeks.reduce((sum, w) => sum + w.received, 0);
  const handled = weeks.reduce((sum, w) => sum + w.handled, 0);
  const busiest = weeks.reduce<WeekIndicator | undefined>(
    (best, w) => (!best || w.received > best.received ? w : best),
    undefined,
  );
  const peak =
    busiest && busiest.received > 0
      ? ` Semaine la plus chargée : ${weekLabel(busiest)}, ${plural(busiest.received, "demande")} reçue${busiest.received > 1 ? "s" : ""}.`
      : "";
  return `Demandes reçues (barres pleines) et traitées (barres hachurées) par semaine, ${period} : ${formatCount(received)} reçues et ${formatCount(handled)} traitées au total.${peak} ${TABLE_NEXT}`;
}

function rangeSummary(
  values: (number | null)[],
  format: (value: number) => string,
  none: string,
): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return ` ${none}.`;
  const [low, high] = [Math.min(...known), Math.max(...known)];
  const range =
    low === high
      ? ` ${format(low)} chaque semaine qui en a une.`
      : ` De ${format(low)} à ${format(high)} selon les semaines.`;
  const gaps = values.length - known.length;
  return gaps > 0 ? `${range} ${plural(gaps, "semaine")} sans valeur.` : range;
}

/** The weekly series: received vs handled, median resolution time, satisfaction; each with its table. */
export function WeeklyCharts({ indicators }: { indicators: Indicators }) {
  const { weeks } = indicators;
  const period = periodLabel(indicators.from, indicators.to);
  const rowOf = (week: WeekIndicator, cells: string[]) => ({
    key: week.from,
    label: weekLabel(week),
    cells,
  });
  const resolution = weeks.map((w) => w.resolutionMedian);
  const satisfied = weeks.map((w) => w.satisfied);
  const ratings = weeks.reduce((sum, w) => sum + w.ratings, 0);

  return (
    <section class="weekly">
      <h2>Par semaine</h2>
      <ChartBlock
        title="Demandes reçues et traitées"
        legend={[
          { name: "Reçues", mark: "bar" },
          { name: "Traitées", mark: "hatched-bar" },
        ]}
        table={{
          caption: "Demandes reçues et traitées par semaine",
          rowHeader: "Semaine",
          columns: ["Reçues", "Traitées"],
          rows: weeks.map((w) =>
            rowOf(w, [formatCount(w.received), formatCount(w.handled)]),
          ),
        }}
      >
        <WeekChart
          id="chart-received"
          summary={receivedSummary(weeks, period)}
          weeks={weeks}
          series={[
            {
              name: "Reçues",
              mark: "bar",
              values: weeks.map((w) => w.received),
            },
            {
              name: "Traitées",
              mark: "hatched-bar",
              values: weeks.map((w) => w.handled),
            },
          ]}
          ticks={countTicks(
            Math.max(0, ...weeks.flatMap((w) => [w.received, w.handled])),
          )}
          formatTick={formatCount}
        />
      </ChartBlock>
      <ChartBlock
        title="Délai médian de résolution"
        legend={[{ name: "Délai médian", mark: "line" }]}
        table={{
          caption: "Délai médian de résolution par semaine",
          rowHeader: "Semaine",
          columns: ["Délai médian"],
          rows: weeks.map((w) =>
            rowOf(w, [
              orMissing(
                formatDuration(w.resolutionMedian),
                w.resolutionMedian,
                "aucune résolution",
              ),
            ]),
          ),
        }}
      >
        <WeekChart
          id="chart-resolution"
          summary={`Délai médian de résolution par semaine, ${period}.${rangeSummary(resolution, formatDuration, "Aucune demande résolue")} ${TABLE_NEXT}`}
          weeks={weeks}
          series={[{ name: "Délai médian", mark: "line", values: resolution }]}
          ticks={durationTicks(Math.max(0, ...resolution.map((v) => v ?? 0)))}
          formatTick={(seconds) =>
            seconds === 0 ? "0" : formatDuration(seconds)
          }
        />
      </ChartBlock>
      <ChartBlock
        title="Satisfaction"
        legend={[{ name: "Usagers satisfaits", mark: "bar" }]}
        table={{
          caption: "Avis de satisfaction par semaine",
          rowHeader: "Semaine",
          columns: ["Avis", "Usagers satisfaits"],
          rows: weeks.map((w) =>
            rowOf(w, [
              formatCount(w.ratings),
              orMissing(formatShare(w.satisfied), w.satisfied, "aucun avis"),
            ]),
          ),
        }}
      >
        <WeekChart
          id="chart-satisfaction"
          summary={`Part d'usagers satisfaits (note de 4 ou 5 sur 5) par semaine, ${period} : ${ratings === 0 ? "aucun avis" : `${formatCount(ratings)} avis au total`}.${rangeSummary(satisfied, formatShare, "Aucun avis")} ${TABLE_NEXT}`}
          weeks={weeks}
          series={[
            { name: "Usagers satisfaits", mark: "bar", values: satisfied },
          ]}
          ticks={SHARE_TICKS}
          formatTick={formatShare}
        />
      </ChartBlock>
    </section>
  );
}
