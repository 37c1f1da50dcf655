// CSV text built in the browser, as the requests export writes it (api/support/csv.ts, issue 11): UTF-8
// with a byte order mark, CRLF line ends (RFC 4180), quotes when needed, and no cell a spreadsheet would
// run as a formula (OWASP « CSV injection »). Search terms and comments are typed by users: they need it.

/** Read by spreadsheet software as UTF-8 (accents) without asking. */
export const CSV_BOM = "\uFEFF";

export type CsvSeparatorChar = ";" | ",";

// A reader may start a field at the cell's start or after any separator it might use (`,` `;` tab) or a
// line break; a field that starts, behind blanks or quotes, with = + - @ tab or CR is run as a formula.
const FIELD_START = /(^|[,;\t\r\n])(?=[\s"]*[=+\-@\t\r])/g;

/** One cell: such a field start gets a `'` (the field stays text), then quotes when needed. */
export function csvCell(value: string | number | null | undefined): string {
  const text = (value ?? "").toString().replace(FIELD_START, "$1'");
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, one line per row, each ending with CRLF. */
export function csvText(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  separator: CsvSeparatorChar,
): string {
  return (
    CSV_BOM +
    rows.map((row) => row.map(csvCell).join(separator) + "\r\n").join("")
  );
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
