import { LEADING_BLANK_LINES } from "../contract/tip-text.ts";
import type { TipProblem } from "./check-tip-source.ts";
import type { FrontMatterField } from "./front-matter.ts";

/** A problem of a tip file as its author reads it: the header key (or `body`), its line, the reason. */
export interface TipFileProblem {
  field: string;
  reason: string;
  line?: number;
}

/** What a problem of the one check is mapped back onto: the file as split, and the source read from it. */
export interface TipFileText {
  fields: ReadonlyMap<string, FrontMatterField>;
  body: string;
  bodyLine: number;
  source: Record<string, unknown>;
}

/**
 * Maps a problem of the one check (check-tip-source.ts) back to the file: `routes.1` is the `routes` key,
 * `anchor.selector` its own key, `markdown` the body. The line is the key's, or for the text the file's line
 * of the faulty text line. The reason quotes what is at fault — the list item, the parameter, or else the
 * key's value — unless the check's message already does: the API's messages leave values out, an author
 * wants to see them.
 */
export function tipFileProblem(
  { path, message, line }: TipProblem,
  file: TipFileText,
): TipFileProblem {
  const [head = "", sub] = path.split(".");
  // The API's sentences start with a capital; in a file they follow « champ « x » : ».
  const reason = message.charAt(0).toLowerCase() + message.slice(1);
  if (head === "markdown") {
    const textLine = file.bodyLine + blankLinesBefore(file.body);
    if (line === undefined) return { field: "body", reason, line: textLine };
    const fileLine = textLine + line - 1;
    return {
      field: "body",
      reason: `ligne ${fileLine} : ${reason}`,
      line: fileLine,
    };
  }
  const field = head === "anchor" ? `anchor.${sub}` : head;
  const culprit = culpritOf(file, field, sub);
  return {
    field,
    reason:
      culprit === undefined || reason.includes(`« ${culprit} »`)
        ? reason
        : `« ${culprit} » : ${reason}`,
    line: file.fields.get(field)?.line,
  };
}

// `params.step` → step; `roles.1` → the second role written; `priority` → the value written.
function culpritOf(
  file: TipFileText,
  field: string,
  sub: string | undefined,
): string | undefined {
  if (field === "params" && sub !== undefined) return sub;
  const list = file.source[field];
  if (sub !== undefined && Array.isArray(list))
    return String(list[Number(sub)]);
  return file.fields.get(field)?.value;
}

// The check counts the text's lines once normalizeTipMarkdown has dropped the blank lines before it.
function blankLinesBefore(body: string): number {
  const blank = LEADING_BLANK_LINES.exec(body)?.[0] ?? "";
  return blank.split("\n").length - 1;
}
