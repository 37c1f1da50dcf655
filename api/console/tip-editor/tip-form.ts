import type { TipAnchor } from "../../contract/tip.ts";
import {
  TIP_ID_MAX,
  TIP_ID_MIN,
  TIP_ID_RE,
  TIP_LINK_RE,
  TIP_MARKDOWN_MAX,
  TIP_MESSAGES,
  TIP_ROUTES_MIN,
  TIP_TITLE_MAX,
  TIP_TITLE_MIN,
} from "../../contract/tip-limits.ts";
import {
  normalizeTipMarkdown,
  RESERVED_TIP_ID_MESSAGE,
  RESERVED_TIP_IDS,
} from "../../contract/tip-text.ts";
import {
  ROLES,
  YOUNG_STATUSES,
  type Platform,
  type Role,
  type YoungStatus,
} from "../../contract/vocabulary.ts";
import { TIP_SOURCE_FIELDS } from "../../contract/tip-changes.ts";
import type { TipSource } from "../../contract/tip-source.ts";

/** The editor's fields as typed: text stays text until it is sent, so nothing typed is ever reshaped. */
export interface TipFormValues {
  id: string;
  platform: Platform;
  /** One route pattern per line. */
  routes: string;
  /** One parameter per line: `step: documents, televersement`. */
  params: string;
  roles: Role[];
  statuses: YoungStatus[];
  selector: string;
  anchorText: string;
  placement: "" | NonNullable<TipAnchor["placement"]>;
  title: string;
  markdown: string;
  link: string;
  priority: string;
  activeFrom: string;
  activeTo: string;
}

/** Field name → message, for the fields' own error lines. */
export type FieldErrors = Partial<Record<keyof TipFormValues, string>>;

export const EMPTY_TIP_FORM: TipFormValues = {
  id: "",
  platform: "moncompte",
  routes: "",
  params: "",
  roles: [],
  statuses: [],
  selector: "",
  anchorText: "",
  placement: "",
  title: "",
  markdown: "",
  link: "",
  priority: "0",
  activeFrom: "",
  activeTo: "",
};

/** The form of a stored source. */
export function formOf(source: TipSource): TipFormValues {
  return {
    id: source.id,
    platform: source.platform,
    routes: source.routes.join("\n"),
    params: Object.entries(source.params)
      .map(([name, values]) => `${name}: ${values.join(", ")}`)
      .join("\n"),
    roles: ROLES.filter((r) => source.roles.includes(r)),
    statuses: YOUNG_STATUSES.filter((s) => source.statuses.includes(s)),
    selector: source.anchor?.selector ?? "",
    anchorText: source.anchor?.text ?? "",
    placement: source.anchor?.placement ?? "",
    title: source.title,
    markdown: source.markdown,
    link: source.link ?? "",
    priority: String(source.priority),
    activeFrom: source.activeFrom ?? "",
    activeTo: source.activeTo ?? "",
  };
}

/** Non-empty trimmed lines. */
export const linesOf = (text: string) =>
  text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** `step: documents, televersement` lines → `{step: [documents, televersement]}`; `=` and `|` work too. */
export function parseParamLines(text: string): {
  params: Record<string, string[]>;
  problem?: string;
} {
  const params: Record<string, string[]> = {};
  for (const line of linesOf(text)) {
    const match = /^([^:=]+)[:=](.*)$/.exec(line);
    const name = match?.[1]!.trim() ?? "";
    const values = (match?.[2] ?? "")
      .split(/[,|]/)
      .map((v) => v.trim())
      .filter(Boolean);
    if (!match || !name || values.length === 0)
      return {
        params,
        problem: `« ${line} » : écrivez « nom : valeur1, valeur2 ».`,
      };
    if (Object.hasOwn(params, name))
      return { params, problem: `Le paramètre « ${name} » est répété.` };
    params[name] = values;
  }
  return { params };
}

/** The source a form stands for, as complete as the typing allows (the preview takes any of it). */
export function sourceOf(values: TipFormValues): TipSource {
  const priority = Number(values.priority.trim() || "0");
  const anchor: TipAnchor | undefined = values.selector.trim()
    ? {
        selector: values.selector.trim(),
        ...(values.anchorText.trim() ? { text: values.anchorText.trim() } : {}),
        ...(values.placement ? { placement: values.placement } : {}),
      }
    : undefined;
  return {
    id: values.id.trim(),
    platform: values.platform,
    routes: linesOf(values.routes),
    params: parseParamLines(values.params).params,
    roles: values.roles,
    statuses: values.statuses,
    title: values.title.trim(),
    markdown: values.markdown,
    ...(values.link.trim() ? { link: values.link.trim() } : {}),
    ...(anchor ? { anchor } : {}),
    priority: Number.isFinite(priority) ? priority : 0,
    ...(values.activeFrom ? { activeFrom: values.activeFrom } : {}),
    ...(values.activeTo ? { activeTo: values.activeTo } : {}),
  };
}

/** What the browser can tell before sending; the server checks everything again (routes, Markdown…). */
export function checkForm(
  values: TipFormValues,
  creating: boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  const id = values.id.trim();
  if (
    creating &&
    (id.length < TIP_ID_MIN || id.length > TIP_ID_MAX || !TIP_ID_RE.test(id))
  )
    errors.id = `L'identifiant fait de ${TIP_ID_MIN} à ${TIP_ID_MAX} caractères : lettres minuscules, chiffres et tirets (ex. mc-inscription-piece-identite).`;
  else if (creating && RESERVED_TIP_IDS.includes(id))
    errors.id = RESERVED_TIP_ID_MESSAGE;
  if (linesOf(values.routes).length < TIP_ROUTES_MIN)
    errors.routes =
      "Indiquez au moins une route, par exemple /inscription/:step.";
  const params = parseParamLines(values.params);
  if (params.problem) errors.params = params.problem;
  const title = values.title.trim();
  if (title.length < TIP_TITLE_MIN || title.length > TIP_TITLE_MAX)
    errors.title = `Le titre fait de ${TIP_TITLE_MIN} à ${TIP_TITLE_MAX} caractères.`;
  if (!values.markdown.trim())
    errors.markdown = "Écrivez le texte de l'astuce.";
  else if (values.markdown.length > TIP_MARKDOWN_MAX)
    errors.markdown = TIP_MESSAGES.markdownTooLong;
  if (values.link.trim() && !TIP_LINK_RE.test(values.link.trim()))
    errors.link = TIP_MESSAGES.linkFormat;
  if (!/^-?\d+$/.test(values.priority.trim() || "0"))
    errors.priority =
      "La priorité est un nombre entier (les plus grandes d'abord).";
  if (!values.selector.trim() && (values.anchorText.trim() || values.placement))
    errors.selector =
      "Indiquez le sélecteur CSS : le texte et la position en dépendent.";
  if (
    values.activeFrom &&
    values.activeTo &&
    values.activeTo < values.activeFrom
  )
    errors.activeTo = "La fin de l'activité ne peut pas précéder son début.";
  return errors;
}

/** The form field a server path (`title`, `routes.0`, `source.anchor.selector`, `/params/step`) is about. */
export function fieldOfPath(path: string): keyof TipFormValues | undefined {
  const parts = path.replace(/^\/+/, "").split(/[./]/).filter(Boolean);
  if (parts[0] === "source") parts.shift();
  const [head, sub] = parts;
  if (head === "anchor")
    return sub === "text"
      ? "anchorText"
      : sub === "placement"
        ? "placement"
        : "selector";
  if (head === "body") return "markdown";
  // Every other field of the source has a form field of the same name.
  const field = TIP_SOURCE_FIELDS.find((name) => name === head);
  return field === "anchor" ? undefined : field;
}

/** A form as the server would store it, where typing allows: what two forms are compared on. */
function comparable(values: TipFormValues): Record<string, unknown> {
  // Spaces around values and blank lines mean nothing; anything else typed counts.
  const normal: Record<string, unknown> = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" ? linesOf(value).join("\n") : value,
    ]),
  );
  // The text as the server keeps it (line ends, outer blank lines).
  normal.markdown = normalizeTipMarkdown(values.markdown);
  // `step=a|b` is stored as `step: a, b`, parameters in name order.
  const params = parseParamLines(values.params);
  if (!params.problem)
    normal.params = Object.keys(params.params)
      .sort()
      .map((name) => `${name}: ${params.params[name]!.join(", ")}`)
      .join("\n");
  // An empty priority is 0, `05` is 5.
  const priority = values.priority.trim() || "0";
  if (/^-?\d+$/.test(priority)) normal.priority = String(Number(priority) || 0);
  return normal;
}

/** Whether two forms say the same thing (what « modifications non enregistrées » means). */
export function sameForm(a: TipFormValues, b: TipFormValues): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}
