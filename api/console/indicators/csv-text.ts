import { CSV_BOM, csvLine, type CsvSeparator } from "../../contract/csv.ts";

// CSV text built in the browser with the requests export's own rule (api/contract/csv.ts, issue 11): UTF-8
// with a byte order mark, CRLF line ends (RFC 4180), quotes when needed, and no cell a spreadsheet would
// run as a formula (OWASP « CSV injection »). Search terms and comments are typed by users: they need it.

export type CsvSeparatorChar = CsvSeparator;

/** The whole file: BOM, one line per row, each ending with CRLF. */
export function csvText(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  separator: CsvSeparatorChar,
): string {
  return CSV_BOM + rows.map((row) => csvLine(row, separator)).join("");
}

/**
 * A decimal number as the reader's spreadsheet expects it: `0,5` in a `;` file (French), `0.5` in a `,`
 * file; at most `digits` decimals, no trailing zeros; empty for null.
 */
export function csvDecimal(
  value: number | null,
  digits: number,
  separator: CsvSeparatorChar,
): string {
  if (value === null) return "";
  const text = String(Number(value.toFixed(digits)));
  return separator === ";" ? text.replace(".", ",") : text;
}
