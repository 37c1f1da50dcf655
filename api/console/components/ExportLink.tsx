import { exportQuery } from "../requests/csv-export.ts";
import { useServices } from "../services.ts";
import { SeparatorSelect, useCsvSeparator } from "./SeparatorSelect.tsx";

/** « Exporter en CSV » with the current filters, and the separator the user's spreadsheet expects. */
export function ExportLink({ filters }: { filters: URLSearchParams }) {
  const { api } = useServices();
  const [separator, setSeparator] = useCsvSeparator();

  return (
    <div class="export">
      <SeparatorSelect
        id="export-separator"
        value={separator}
        onChange={setSeparator}
      />
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
