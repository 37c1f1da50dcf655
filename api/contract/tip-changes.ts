import type { TipSource } from "./tip-source.ts";

/** One field that differs between two versions of a tip, as text for the console. */
export interface TipFieldChange {
  field: keyof TipSource;
  before?: string;
  after?: string;
}

/** Every field of a tip source, in the order the console shows them. Pure: the console imports it too. */
export const TIP_SOURCE_FIELDS: readonly (keyof TipSource)[] = [
  "id",
  "platform",
  "routes",
  "params",
  "roles",
  "statuses",
  "title",
  "markdown",
  "link",
  "anchor",
  "priority",
  "activeFrom",
  "activeTo",
];

/** The fields that differ from `before` (null: nothing before, every set field is new) to `after`. */
export function tipChanges(
  before: TipSource | null,
  after: TipSource | null,
): TipFieldChange[] {
  const changes: TipFieldChange[] = [];
  for (const field of TIP_SOURCE_FIELDS) {
    const old = before ? fieldText(before, field) : undefined;
    const now = after ? fieldText(after, field) : undefined;
    if (old === now) continue;
    changes.push({
      field,
      ...(old === undefined ? {} : { before: old }),
      ...(now === undefined ? {} : { after: now }),
    });
  }
  return changes;
}

// Lists joined with « , », parameters as in a tip file, the anchor as « selector · text · placement »;
// an empty list or an absent field is no text at all.
function fieldText(source: TipSource, field: keyof TipSource) {
  const value = source[field];
  if (value === undefined) return undefined;
  if (field === "params") {
    const text = Object.entries(source.params)
      .map(([name, values]) => `${name}=${values.join("|")}`)
      .join("; ");
    return text || undefined;
  }
  if (field === "anchor" && source.anchor) {
    const { selector, text, placement } = source.anchor;
    return [selector, text, placement].filter(Boolean).join(" · ");
  }
  if (Array.isArray(value)) return value.length ? value.join(", ") : undefined;
  return String(value);
}
