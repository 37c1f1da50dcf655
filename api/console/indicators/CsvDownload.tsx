import { useEffect, useMemo, useState } from "preact/hooks";
import type { Indicators } from "../../contract/indicators.ts";
import {
  SeparatorSelect,
  useCsvSeparator,
} from "../components/SeparatorSelect.tsx";
import { indicatorsCsv, indicatorsFileName } from "./indicators-csv.ts";
import type { IndicatorsView } from "./indicators-view.ts";

/**
 * « Exporter en CSV »: the file is built here from the answer on screen (no second query), offered as a
 * Blob link. The separator is the requests export's choice, remembered the same way (issue 11).
 */
export function CsvDownload(props: {
  indicators: Indicators;
  view: IndicatorsView;
}) {
  const [separator, setSeparator] = useCsvSeparator();
  const text = useMemo(
    () =>
      indicatorsCsv(
        props.indicators,
        props.view,
        separator === "comma" ? "," : ";",
      ),
    [props.indicators, props.view, separator],
  );
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(
      new Blob([text], { type: "text/csv;charset=utf-8" }),
    );
    setUrl(objectUrl);
    // The file lives as long as its link: a new answer or separator makes a new one.
    return () => URL.revokeObjectURL(objectUrl);
  }, [text]);

  return (
    <div class="export">
      <SeparatorSelect
        id="indicators-separator"
        value={separator}
        onChange={setSeparator}
      />
      {url && (
        <a
          class="button secondary"
          href={url}
          download={indicatorsFileName(props.indicators)}
        >
          Exporter en CSV
        </a>
      )}
    </div>
  );
}
