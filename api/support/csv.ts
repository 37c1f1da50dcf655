/** UTF-8 byte order mark: spreadsheet software then reads accents correctly. */
export const CSV_BOM = "\uFEFF";

// Cells a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, tab and carriage return.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as RFC 4180 asks (quoted when needed, quotes doubled), formulas neutralised with a leading '. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line ending with CRLF (RFC 4180 §2). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
