import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { ScrollRegion } from "../components/ScrollRegion.tsx";

export interface PlainColumn<Row> {
  label: string;
  numeric?: boolean;
  /** The cell that names the row (`<th scope="row">`); one column per table. */
  rowHeader?: boolean;
  cell: (row: Row) => ComponentChildren;
}

/** A data table with its caption and header cells (RGAA 5.4, 5.6, 5.7). */
export function PlainTable<Row>(props: {
  caption: string;
  class?: string;
  columns: PlainColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId}>
      <table class={props.class}>
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                class={column.numeric ? "number" : undefined}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((column) => {
                const Cell = column.rowHeader ? "th" : "td";
                return (
                  <Cell
                    key={column.label}
                    scope={column.rowHeader ? "row" : undefined}
                    class={column.numeric ? "number" : undefined}
                  >
                    {column.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
