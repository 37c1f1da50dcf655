import { useState } from "preact/hooks";
import {
  CSV_SEPARATORS,
  exportQuery,
  readCsvSeparator,
  saveCsvSeparator,
  type CsvSeparatorChoice,
} from "../requests/csv-export.ts";
import { useServices } from "../services.ts";

/** « Exporter en CSV » with the current filters, and the separator the user's spreadsheet expects. */
export function ExportLink({ filters }: { filters: URLSearchParams }) {
  const { api, storage } = useServices();
  const [separator, setSeparator] = useState(() => readCsvSeparator(storage));
  const choose = (value: string) => {
    const next = value as CsvSeparatorChoice;
    setSeparator(next);
    saveCsvSeparator(storage, next);
  };

  return (
    <div class="export">
      <div class="field">
        <label for="export-separator">Séparateur du fichier CSV</label>
        <select
          id="export-separator"
          value={separator}
          onChange={(event) => choose(event.currentTarget.value)}
        >
          {CSV_SEPARATORS.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <a
        class="button secondary"
        href={api.exportUrl(exportQuery(filters, separator))}
        download
      >
        Exporter en CSV
      </a>
    </div>
  );
}
