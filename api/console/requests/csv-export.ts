// The CSV export's separator (issue 11): `;` by default — what Excel and LibreOffice in French open
// directly — or `,` (RFC 4180); the choice is kept in localStorage.

/** The `separator` the export route takes. */
export type CsvSeparatorChoice = "semicolon" | "comma";

/** The localStorage key of the chosen separator. */
export const CSV_SEPARATOR_STORAGE_KEY = "snu-aide.console.csv-separator";

/** The choices as the console offers them, default first. */
export const CSV_SEPARATORS: readonly {
  value: CsvSeparatorChoice;
  label: string;
}[] = [
  {
    value: "semicolon",
    label: "Point-virgule (Excel, LibreOffice en français)",
  },
  { value: "comma", label: "Virgule" },
];

/** The remembered separator; `semicolon` when none is (or storage is unavailable: private mode, policy). */
export function readCsvSeparator(
  storage: Storage | undefined,
): CsvSeparatorChoice {
  try {
    return storage?.getItem(CSV_SEPARATOR_STORAGE_KEY) === "comma"
      ? "comma"
      : "semicolon";
  } catch {
    return "semicolon";
  }
}

/** Keeps the choice; a storage failure only means it is not remembered. */
export function saveCsvSeparator(
  storage: Storage | undefined,
  separator: CsvSeparatorChoice,
): void {
  try {
    storage?.setItem(CSV_SEPARATOR_STORAGE_KEY, separator);
  } catch {
    // Not remembered across visits; the current page still uses the choice.
  }
}

/** The export's query: the inbox filters and the separator. */
export function exportQuery(
  filters: URLSearchParams,
  separator: CsvSeparatorChoice,
): URLSearchParams {
  const query = new URLSearchParams(filters);
  query.set("separator", separator);
  return query;
}
