// PostgreSQL's text and jsonb cannot hold U+0000, and jsonb refuses a lone UTF-16 surrogate (JSON.stringify
// writes one as `\ud800`): a request carrying either would fail to insert. Both become U+FFFD, the
// replacement character, as lone surrogates already do when any string is encoded as UTF-8. SQLite keeps
// U+0000 and, inside the JSON context, lone surrogates: the only place where the stores may differ.
const NOT_STORABLE =
  /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// What JSON.stringify writes for them: `\u0000` and a lone surrogate's escape (a pair is written as is).
const NOT_STORABLE_IN_JSON = /\\u(?:0000|d[89a-f])/i;

/** A string PostgreSQL can store as text. */
export function storableText(text: string): string;
export function storableText(text: string | undefined): string | undefined;
export function storableText(text: string | undefined) {
  return text?.replace(NOT_STORABLE, "\uFFFD");
}

/** `value` as JSON text that jsonb accepts. */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return NOT_STORABLE_IN_JSON.test(json)
    ? JSON.stringify(value, storableStrings)
    : json;
}

// Keys too: a replacer sees them only through the object that holds them.
function storableStrings(_key: string, value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (value && typeof value === "object" && !Array.isArray(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [storableText(key), inner]),
    );
  return value;
}
