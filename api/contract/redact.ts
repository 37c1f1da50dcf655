// What counts as personal or secret in a string. Shared by the widget (before sending) and the API
// (checked again), so both sides apply exactly the same rules.

/** Longest route tag accepted on the wire. */
export const ROUTE_TAG_MAX = 200;

/** Wire syntax of a route tag: `/`, or `/`-separated lowercase segments and `:param` names. */
export const ROUTE_TAG_RE =
  /^(?:\/|(?:\/(?:[a-z0-9._~-]+|:[a-zA-Z][a-zA-Z0-9]*))+)$/;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const UUID_RE = new RegExp(`^${UUID}$`, "i");

/**
 * Whether a path segment looks like an identifier or personal data: digits only, a UUID, 24 hex
 * characters (MongoDB ObjectId, which SNU uses), ≥ 16 characters mixing letters and digits, or
 * anything that is not a plain URL word (`@`, `%`-encoding, `:`…, or longer than 60 characters).
 */
export function isIdLikeSegment(segment: string): boolean {
  return (
    segment.length > 60 ||
    !/^[A-Za-z0-9._~-]+$/.test(segment) ||
    /^\d+$/.test(segment) ||
    UUID_RE.test(segment) ||
    /^[0-9a-f]{24}$/i.test(segment) ||
    (segment.length >= 16 && /[a-z]/i.test(segment) && /\d/.test(segment))
  );
}

/** Whether a string is a valid route tag: the server refuses anything else, raw ids included. */
export function isRouteTag(s: string): boolean {
  if (typeof s !== "string" || s.length > ROUTE_TAG_MAX) return false;
  if (!ROUTE_TAG_RE.test(s)) return false;
  return s
    .split("/")
    .every((seg) => seg === "" || seg.startsWith(":") || !isIdLikeSegment(seg));
}

// Secret wherever they appear inside a key (`authToken`, `x-session-id`, `MOT_DE_PASSE`).
const SECRET_PARTS =
  "token passw secret jwt apikey session csrf xsrf credential bearer cookie signature motdepasse".split(
    " ",
  );
// Secret as one word of a key (`apiKey`, `otp_code`) but too common as substrings (`monkey`, `author`).
const SECRET_WORDS = new Set(
  "key pwd mdp jeton auth oauth authorization authentication otp pin sig sid hmac passcode passphrase".split(
    " ",
  ),
);
// Secret only as the whole name: OAuth `code` and `state`, CAS `ticket`. As words they are common and
// harmless (`postalCode`, `codeDepartement`).
const SECRET_NAMES = new Set(["code", "state", "ticket", "nonce"]);

/** Whether a key names a secret (URL parameter, custom context key…); case-insensitive. */
export function isSecretKey(name: string): boolean {
  if (typeof name !== "string") return false;
  const lower = name.toLowerCase();
  if (SECRET_NAMES.has(lower)) return true;
  const flat = lower.replace(/[^a-z0-9]/g, "");
  if (SECRET_PARTS.some((part) => flat.includes(part))) return true;
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => SECRET_WORDS.has(word));
}

const B = String.raw`(?<![\p{L}\p{N}_])`; // not inside a word
const E = String.raw`(?![\p{L}\p{N}_])`;
const SEP = String.raw`[ .\u00a0\u202f-]`; // French numbers use (narrow) no-break spaces

// One pass, one regex: at each position the first alternative that matches wins, so an e-mail is
// not cut into ids and a token's value is masked rather than half-redacted.
const SENSITIVE_RE = new RegExp(
  [
    // Our own request references (SNU-2026-000123) are not personal: support needs them.
    String.raw`(?<ref>${B}SNU-\d{4}-\d{6,}${E})`,
    // A value stops at `?` and `=` (base64 padding aside), so a URL nested in a harmless parameter
    // (`?redirect=…/cb?code=…`) is scanned on its own and recursion stays one level deep.
    String.raw`(?<param>(?<![\p{L}\p{N}_.-])(?<name>[a-z_][\w.-]*)=(?<value>[^\s&#"'<>(),;?=]*=*))`,
    String.raw`(?<email>(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})`,
    String.raw`(?<bearer>\bBearer\s+[\w.~+/=-]+)`,
    String.raw`(?<jwt>\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?)`,
    String.raw`(?<uuid>${B}${UUID}${E})`,
    String.raw`(?<hex>${B}[0-9a-f]{24}${E})`,
    String.raw`(?<mixed>${B}(?=\w*\d)(?=\w*[a-z])\w{16,}${E})`,
    // French phone numbers: 0X XX XX XX XX, +33 X…, 0033 X…, with or without separators.
    String.raw`(?<phone>(?<![\p{L}\p{N}_+])(?:(?:\+|00)33${SEP}?(?:\(0\)${SEP}?)?|0)[1-9](?:${SEP}?\d{2}){4}(?!\p{N}))`,
    // Digit groups with one consistent separator (IBAN, NIR, card numbers); checked in the replacer.
    String.raw`(?<groups>${B}\d+(?<sep>${SEP})\d+(?:\k<sep>\d+)*(?!\p{N}))`,
    String.raw`(?<digits>(?<!\p{N})\d{6,}(?!\p{N}))`,
  ].join("|"),
  "giu",
);

type Groups = Partial<Record<string, string>>;

/**
 * Redacts personal data and secrets from free text: e-mails → `[e-mail]`, ids (UUID, 24 hex, long
 * letter-digit tokens, runs of ≥ 6 digits, ≥ 10 grouped digits) → `[id]`, French phone numbers →
 * `[téléphone]`, secret `name=value` pairs → `name=[masqué]`. Years, dates, postcodes stay. Idempotent.
 */
export function redactText(text: string): string {
  if (typeof text !== "string") return "";
  return text.replace(SENSITIVE_RE, (match: string, ...rest: unknown[]) => {
    const g = rest.at(-1) as Groups;
    if (g.ref !== undefined) return match;
    if (g.param !== undefined) {
      const name = g.name ?? "";
      if (isSecretKey(name)) return `${name}=[masqué]`;
      // A harmless name may still carry an e-mail or an id (`?email=…`, `?redirect=…?code=…`).
      return `${redactText(name)}=${redactText(g.value ?? "")}`;
    }
    if (g.email !== undefined) return "[e-mail]";
    if (g.bearer !== undefined) return "Bearer [masqué]";
    if (g.jwt !== undefined) return "[masqué]";
    if (g.phone !== undefined) return "[téléphone]";
    if (g.groups !== undefined) {
      // Dates (12.07.2026), year spans (2025-2026) and amounts stay; long numbers go.
      if (match.replace(/\D/g, "").length >= 10) return "[id]";
      return match.replace(/\d{6,}/g, "[id]");
    }
    return "[id]";
  });
}
