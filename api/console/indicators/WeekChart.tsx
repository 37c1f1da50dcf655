import type { WeekIndicator } from "../../contract/indicators.ts";
import { weekTick } from "./week-labels.ts";

// A small hand-written SVG chart (no chart library: the console bundle stays small). The SVG is one image
// for assistive technologies (`role="img"` and a summary); its numbers are in the table next to it.

/** How a series is drawn: each looks different without colour (solid, hatched, line with dots). */
export type SeriesMark = "bar" | "hatched-bar" | "line";

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  mark: SeriesMark;
}

export interface WeekChartProps {
  /** Prefix of the SVG's own ids (its hatch pattern). */
  id: string;
  /** What the chart shows, in a sentence or two, for screen readers. */
  summary: string;
  weeks: WeekIndicator[];
  series: ChartSeries[];
  /** The y axis, from 0. */
  ticks: number[];
  formatTick: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 240;
const M = { top: 12, right: 12, bottom: 32, left: 76 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;
// Axis labels beyond this many would overlap: show one week in `step`.
const MAX_TICK_LABELS = 8;

/** The weekly chart: grouped bars and/or a line over the weeks. */
export function WeekChart(props: WeekChartProps) {
  const { weeks, series, ticks } = props;
  const top = ticks.at(-1) || 1;
  const y = (value: number) => M.top + PLOT_H - (value / top) * PLOT_H;
  const band = PLOT_W / Math.max(1, weeks.length);
  const bars = series.filter((s) => s.mark !== "line");
  const groupW = band * 0.7;
  const barW = groupW / Math.max(1, bars.length);
  const centre = (i: number) => M.left + i * band + band / 2;
  const labelStep = Math.ceil(weeks.length / MAX_TICK_LABELS);
  const hatch = `${props.id}-hatch`;

  return (
    <svg
      class="chart"
      role="img"
      aria-label={props.summary}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <defs>
        <pattern
          id={hatch}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" class="chart-hatch-bg" />
          <rect width="3" height="6" class="chart-hatch-line" />
        </pattern>
      </defs>
      {ticks.map((tick) => (
        <g key={tick} class="chart-grid">
          <line x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} />
          <text x={M.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">
            {props.formatTick(tick)}
          </text>
        </g>
      ))}
      {weeks.map(
        (week, i) =>
          i % labelStep === 0 && (
            <text
              key={week.from}
              class="chart-axis"
              x={centre(i)}
              y={HEIGHT - M.bottom + 18}
              text-anchor="middle"
            >
              {weekTick(week)}
            </text>
          ),
      )}
      {bars.map((s, j) =>
        s.values.map((value, i) =>
          value === null || value === 0 ? null : (
            <rect
              key={`${j}-${i}`}
              class={`chart-${s.mark}`}
              fill={s.mark === "hatched-bar" ? `url(#${hatch})` : undefined}
              x={centre(i) - groupW / 2 + j * barW}
              y={y(value)}
              width={Math.max(1, barW - 2)}
              height={M.top + PLOT_H - y(value)}
            />
          ),
        ),
      )}
      {series
        .filter((s) => s.mark === "line")
        .map((s) => (
          <g key={s.name} class="chart-line">
            {lineSegments(s.values).map((segment) => (
              <polyline
                key={segment[0]}
                points={segment
                  .map((i) => `${centre(i)},${y(s.values[i]!)}`)
                  .join(" ")}
              />
            ))}
            {s.values.map(
              (value, i) =>
                value !== null && (
                  <circle key={i} cx={centre(i)} cy={y(value)} r="4" />
                ),
            )}
          </g>
        ))}
      <line
        class="chart-baseline"
        x1={M.left}
        x2={WIDTH - M.right}
        y1={M.top + PLOT_H}
        y2={M.top + PLOT_H}
      />
    </svg>
  );
}

/** Runs of weeks that have a value: a week without one breaks the line instead of faking a trend. */
function lineSegments(values: (number | null)[]): number[][] {
  const segments: number[][] = [];
  let run: number[] = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (run.length > 0) segments.push(run);
      run = [];
    } else run.push(i);
  });
  if (run.length > 0) segments.push(run);
  return segments;
}
