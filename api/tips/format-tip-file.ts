import type { TipSource } from "../contract/tip-source.ts";

/**
 * Writes a source as a `<platform>/<id>.md` file in the format `loadTips` reads (tips:export), so that
 * files → database → files is a round trip: optional fields are written only when set.
 */
export function formatTipFile(source: TipSource): string {
  const lines = [
    "---",
    `id: ${source.id}`,
    `platform: ${source.platform}`,
    `routes: ${source.routes.join(", ")}`,
  ];
  const optional = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") lines.push(`${key}: ${value}`);
  };
  optional(
    "params",
    Object.entries(source.params)
      .map(([name, values]) => `${name}=${values.join("|")}`)
      .join("; "),
  );
  optional("roles", source.roles.join(", "));
  optional("statuses", source.statuses.join(", "));
  lines.push(`title: ${source.title}`);
  optional("link", source.link);
  if (source.priority !== 0) lines.push(`priority: ${source.priority}`);
  optional("activeFrom", source.activeFrom);
  optional("activeTo", source.activeTo);
  optional("anchor.selector", source.anchor?.selector);
  optional("anchor.text", source.anchor?.text);
  optional("anchor.placement", source.anchor?.placement);
  lines.push("---", source.markdown, "");
  return lines.join("\n");
}
