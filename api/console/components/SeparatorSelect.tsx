import { useState } from "preact/hooks";
import {
  CSV_SEPARATORS,
  readCsvSeparator,
  saveCsvSeparator,
  type CsvSeparatorChoice,
} from "../requests/csv-export.ts";
import { useServices } from "../services.ts";

/** The CSV separator this browser last chose (issue 11), and its setter that remembers the choice. */
export function useCsvSeparator(): [
  CsvSeparatorChoice,
  (next: CsvSeparatorChoice) => void,
] {
  const { storage } = useServices();
  const [separator, setSeparator] = useState(() => readCsvSeparator(storage));
  const choose = (next: CsvSeparatorChoice) => {
    setSeparator(next);
    saveCsvSeparator(storage, next);
  };
  return [separator, choose];
}

/** « Séparateur du fichier CSV »: one select for every export of the console. */
export function SeparatorSelect(props: {
  id: string;
  value: CsvSeparatorChoice;
  onChange(next: CsvSeparatorChoice): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>Séparateur du fichier CSV</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) =>
          props.onChange(event.currentTarget.value as CsvSeparatorChoice)
        }
      >
        {CSV_SEPARATORS.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
