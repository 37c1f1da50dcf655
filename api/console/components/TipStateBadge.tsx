import { TIP_STATE_LABELS } from "../tip-editor/tip-labels.ts";
import type { TipState } from "../../contract/support-tips.ts";

/** A tip's state as a coloured label; the colour only repeats the text (RGAA 3.1). */
export function TipStateBadge({ state }: { state: TipState }) {
  return (
    <span class={`badge badge-tip-${state}`}>
      {TIP_STATE_LABELS[state] ?? state}
    </span>
  );
}
