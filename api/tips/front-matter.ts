/** A malformed front matter; `key` names the field when the fault is tied to one. */
export class FrontMatterError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly key?: string,
  ) {
    super(`Ligne ${line} : ${reason}`);
    this.name = "FrontMatterError";
  }
}

/** One header value, with its line in the file for error messages. */
export type FrontMatterField = { value: string; line: number };

const FENCE = /^---[ \t]*$/;
const FIELD = /^([A-Za-z][A-Za-z0-9_.-]*)[ \t]*:(.*)$/;

/** Splits a content file into its `key: value` header (between two `---` lines) and its Markdown body. */
export function splitFrontMatter(text: string): {
  fields: Map<string, FrontMatterField>;
  body: string;
  bodyLine: number;
} {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  if (!FENCE.test(lines[0] ?? "")) {
    throw new FrontMatterError(
      1,
      "le fichier doit commencer par une ligne « --- » (début de l'en-tête).",
    );
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    throw new FrontMatterError(
      1,
      "l'en-tête ouvert par « --- » n'est jamais fermé par une seconde ligne « --- ».",
    );
  }
  const fields = new Map<string, FrontMatterField>();
  for (let index = 1; index < close; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    // Blank lines and `#` comments let authors group and annotate fields.
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const match = FIELD.exec(raw.trim());
    if (!match) throw new FrontMatterError(line, "« clé: valeur » attendu.");
    const key = match[1]!;
    const previous = fields.get(key);
    if (previous) {
      throw new FrontMatterError(
        line,
        `clé « ${key} » déjà définie ligne ${previous.line}.`,
        key,
      );
    }
    fields.set(key, { value: match[2]!.trim(), line });
  }
  return {
    fields,
    body: lines.slice(close + 1).join("\n"),
    bodyLine: close + 2,
  };
}

/** Builds the error for a faulty field; the caller decides its class and wording of the location. */
export type FieldFailure = (
  key: string,
  reason: string,
  line?: number,
) => Error;

/** Typed reading of header values: every fault is thrown through `fail` with the field's line. */
export function createFieldReader(
  fields: Map<string, FrontMatterField>,
  keys: { allowed: readonly string[]; required: readonly string[] },
  fail: FieldFailure,
) {
  for (const [key, { value, line }] of fields) {
    const allowed = keys.allowed.join(", ");
    if (!keys.allowed.includes(key))
      throw fail(key, `clé inconnue (clés permises : ${allowed}).`, line);
    // An empty value is a slip, not a way to say "default": the line can simply be removed.
    if (value === "") throw fail(key, "valeur vide.", line);
  }
  for (const key of keys.required)
    if (!fields.has(key)) throw fail(key, "champ obligatoire absent.");
  const value = (key: string) => fields.get(key)?.value;
  const check = (key: string, ok: boolean, reason: string) => {
    if (!ok) throw fail(key, reason, fields.get(key)?.line);
  };
  // `a, b, c` (or another separator); an absent key is an empty list. Repeated items are the tip check's
  // to refuse (check-tip-source.ts), like any other rule of a value.
  const list = (key: string, separator = ",") => {
    const raw = value(key);
    if (raw === undefined) return [];
    const items = raw.split(separator).map((item) => item.trim());
    check(
      key,
      !items.includes(""),
      `élément vide (« ${separator} » en trop ?).`,
    );
    return items;
  };
  return { value, check, list };
}
