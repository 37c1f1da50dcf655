// The little Markdown the RGAA grid needs: its `## ` sections and the cells of its table rows.

/** The lines under the `## heading` line, up to the next `## ` heading; undefined when there is none. */
export function sectionLines(
  markdown: string,
  heading: string,
): string[] | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return undefined;
  const end = lines.findIndex(
    (line, index) => index > start && line.startsWith("## "),
  );
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The trimmed cells of a table row, split on the pipes that are not escaped (`\|` stays in its cell). */
export function rowCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"));
}
