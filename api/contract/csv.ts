// The CSV the exports write — the requests export (api/support/routes/reports.ts) and the console's
// « Indicateurs » export built in the browser: one rule for both, so no cell is ever a formula.
/** UTF-8 byte order mark: spreadsheet software then reads accents correctly. */
export const CSV_BOM = "\uFEFF";

/** The export's field separator: `,` (RFC 4180) or `;`, what French spreadsheet software expects. */
export type CsvSeparator = "," | ";";

/**
 * Where a reader may start a field inside one of our cells, followed by what would make that field a
 * formula (OWASP "CSV injection": = + - @ tab CR), possibly behind blanks and quotes a reader may strip.
 *
 * A field starts at the cell's start, and also after any `,` `;` tab CR or LF in the cell: quoting only
 * protects a cell from a reader using the same separator. French spreadsheet software opens a `.csv` with
 * `;`, so `texte;=HYPERLINK(…)` quoted for a `,` reader still yields a field `=HYPERLINK(…)` (issue 11);
 * a reader whose quoting went astray that way also splits records at line breaks inside the cell, and
 * LibreOffice offers tab as a separator by default. Each such point gets a `'` (see `csvCell`).
 */
const FIELD_START = /(^|[,;\t\r\n])(?=[\s"]*[=+\-@\t\r])/g;

/** Needs quotes (RFC 4180 §2.6): either separator, a quote or a line break. */
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One cell as RFC 4180 asks (quoted when needed, quotes doubled), safe whichever separator the reader uses:
 * wherever a `,`, `;` or tab reader — or one splitting lines inside it — would start a field that is a
 * formula, a `'` is inserted, so that field starts with `'` and stays text. The text otherwise stays whole:
 * `=1+1` → `'=1+1`, `texte;=HYPERLINK(…)` → `texte;'=HYPERLINK(…)`.
 */
export function csvCell(value: unknown): string {
  const text = (value === undefined || value === null ? "" : String(value))
    // Every field start that a formula follows: inserting at the field start (not before the formula
    // character) keeps the `'` first even when a reader strips the blanks or quotes in between.
    .replace(FIELD_START, "$1'");
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line ending with CRLF (RFC 4180 §2), fields separated by `separator`. */
export function csvLine(
  values: readonly unknown[],
  separator: CsvSeparator = ",",
): string {
  return values.map(csvCell).join(separator) + "\r\n";
}
