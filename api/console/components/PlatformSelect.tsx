import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";
import { PLATFORM_LABELS } from "../format.ts";

/** The « Plateforme » field of the filter forms: « Toutes » (undefined) or one platform. */
export function PlatformSelect(props: {
  id: string;
  value: Platform | undefined;
  onChange: (platform: Platform | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>Plateforme</label>
      <select
        id={props.id}
        value={props.value ?? ""}
        onChange={(event) =>
          props.onChange(
            (event.currentTarget.value || undefined) as Platform | undefined,
          )
        }
      >
        <option value="">Toutes</option>
        {PLATFORMS.map((p) => (
          <option key={p} value={p}>
            {PLATFORM_LABELS[p]}
          </option>
        ))}
      </select>
    </div>
  );
}
