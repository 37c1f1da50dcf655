import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import type { SeriesMark } from "./WeekChart.tsx";

export interface ChartTableData {
  caption: string;
  /** Header of the first column (what each row is), then of each value column. */
  rowHeader: string;
  columns: string[];
  rows: { key: string; label: string; cells: string[] }[];
}

/** A chart's numbers as a real table (RGAA 4.3: data shown as an image also given as text). */
function ChartTable({ data }: { data: ChartTableData }) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <table class="chart-table">
        <caption id={captionId}>{data.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{data.rowHeader}</th>
            {data.columns.map((column) => (
              <th key={column} scope="col" class="number">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} class="number">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A chart's heading, legend (pattern and name, not colour alone), the chart, and its table beside it. */
export function ChartBlock(props: {
  title: string;
  legend: { name: string; mark: SeriesMark }[];
  table: ChartTableData;
  children: ComponentChildren;
}) {
  return (
    <div class="chart-block">
      <h3>{props.title}</h3>
      <div class="chart-layout">
        <div class="chart-visual">
          {props.legend.length > 1 && (
            <ul class="chart-legend">
              {props.legend.map((item) => (
                <li key={item.name}>
                  <span
                    class={`swatch swatch-${item.mark}`}
                    aria-hidden="true"
                  />
                  {item.name}
                </li>
              ))}
            </ul>
          )}
          {props.children}
        </div>
        <ChartTable data={props.table} />
      </div>
    </div>
  );
}
