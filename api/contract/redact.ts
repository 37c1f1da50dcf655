// What counts as personal or secret in a string. Shared by the widget (before sending) and the API
// (checked again), so both sides apply exactly the same rules.

/** Longest route tag accepted on the wire. */
export const ROUTE_TAG_MAX = 200;

/** Wire syntax of a route tag: `/`, or `/`-separated lowercase segments and `:param` names. */
export const ROUTE_TAG_RE =
  /^(?:\/|(?:\/(?:[a-z0-9._~-]+|:[a-zA-Z][a-zA-Z0-9]*))+)$/;

// A secret path word: a whole segment made of words of which one starts like a secret (`reset`,
// `invitation`, `verify-email`, `magic-link`, `reset-password`, `mot-de-passe`), or `code` alone
// (`code-postal` is no secret). One source for `sensitive()`'s `keep` and isSecretPathWord's shortcut, so
// that the two cannot drift apart.
const SECRET_PATH_WORD =
  /(?:(?:[a-z]+[-_])*(?:(?:reset|token|jeton|invit|activat|confirm|verif|magic|passw|mdp|otp)[a-z]*|passe)(?:[-_][a-z]+)*|code)/
    .source;
// A small expression, compiled on its first test: a whole segment that is a secret path word.
const SECRET_PATH_WORD_RE = RegExp(`^${SECRET_PATH_WORD}$`, "i");

/**
 * Whether a path segment announces a secret in the segment after it, whatever that one's length
 * (`reset`, `invitation`, `mot-de-passe`, `code`…): exactly when `redactText` masks what follows it.
 */
export function isSecretPathWord(segment: string | undefined): boolean {
  // Issue 14: route tags ask this when the widget mounts, and the first run of `sensitive()`'s regex
  // costs ~27 ms of the host's main thread at 4× CPU throttling in Chromium (median of 9 runs; 8 ms at
  // 1×). In `/${segment}/x`, a segment of ASCII word characters and `-` (a leading `:` allowed) leaves
  // the two `/` around it the only ones, with no `=`, `@`, `%`, `.`, space, or colon after a word: no
  // parameter, e-mail, JWT, `Bearer` or `mot de passe :` can match, and ids, phones and digit groups stay
  // inside the segment. So `x` is masked exactly when `keep` matches right after the first `/`, that is
  // when the segment is a whole secret path word; ASCII only, `i` without `u` matches as `iu` does (no
  // `ſ` or Kelvin sign). `test` reads `undefined` as "undefined", like the template below.
  // redact-shortcuts.test.ts checks both answers agree.
  return /^:?[\w-]*$/.test(segment!)
    ? SECRET_PATH_WORD_RE.test(segment!)
    : redactText(`/${segment}/x`).endsWith("/[masqué]");
}

/**
 * Whether a path segment looks like an identifier or personal data: digits only, anything that is not a
 * plain URL word of at most 60 characters (`@`, `%`-encoding, `:`…), or anything `redactText` would
 * change (a UUID, 24 hex characters, ≥ 16 characters mixing letters and digits, ≥ 10 with ≥ 6 digits…).
 */
export function isIdLikeSegment(segment: string): boolean {
  // Issue 14: a short plain word skips `sensitive()` (see isSecretPathWord). Made of `[\w.~-]` only, it
  // holds no `=`, `/`, `@`, `%`, `:` or space: no parameter, secret path word, e-mail or `Bearer`. The
  // alternatives left (case-insensitive) need: for a JWT, `eyJ` at a word's start; for a NIR, a phone or a
  // long number, ≥ 6 digits (digit groups with fewer are kept as they are); for a word mixing letters and
  // digits, ≥ 16 characters; for 24 hex characters or a UUID (both possibly without digits), ≥ 24.
  // redact-shortcuts.test.ts checks this against `redactText` on the route tables' words, edge cases and
  // random segments.
  const digits = segment.replace(/\D/g, "").length;
  return (
    !/^(?!\d+$)[\w.~-]{1,60}$/.test(segment) ||
    ((digits > 5 ||
      segment.length >= (digits ? 16 : 24) ||
      /eyj/i.test(segment)) &&
      redactText(segment) !== segment)
  );
}

/**
 * Whether a string is a valid route tag: the server refuses anything else — raw ids, and a fixed
 * segment after a secret path word (`/reset/ab3de9fg2h`; `/reset/:token` is fine).
 */
export function isRouteTag(s: string): boolean {
  if (typeof s !== "string" || s.length > ROUTE_TAG_MAX) return false;
  if (!ROUTE_TAG_RE.test(s)) return false;
  return s
    .split("/")
    .every(
      (seg, i, segs) =>
        seg === "" ||
        seg[0] === ":" ||
        !(isIdLikeSegment(seg) || isSecretPathWord(segs[i - 1])),
    );
}

// Secret wherever they appear in a key, separators ignored (`authToken`, `x-session-id`, `MOT_DE_PASSE`).
const SECRET_PART_RE =
  /token|passw|secret|jwt|apikey|session|csrf|xsrf|credential|bearer|cookie|signature|motdepasse/;
// Secret as one word of a key (`apiKey`, `otp_code`) but too common as substrings (`monkey`, `author`);
// `pass` as the last word (`pass`, `userPass`) but not the first (`passCulture`, `passSport`); OAuth
// `code` and `state`, CAS `ticket` only as the whole key (`postalCode`, `codeDepartement` are harmless).
const SECRET_WORD_RE =
  / (?:key|pwd|mdp|jeton|o?auth(?:entication|orization)?|otp|pin|sig|sid|hmac|pass(?:code|phrase)) | passe? $|^ (?:code|state|ticket|nonce) $/;

/** Whether a key names a secret (URL parameter, custom context key…); case-insensitive. */
export function isSecretKey(name: string): boolean {
  if (typeof name !== "string") return false;
  // ` api key `: camelCase and separators become single spaces around lowercase words.
  const words = ` ${name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z\d]+/g, " ")} `;
  return (
    SECRET_PART_RE.test(words.replace(/ /g, "")) || SECRET_WORD_RE.test(words)
  );
}

// One pass, one regex: at each position the first alternative that matches wins, so an e-mail is
// not cut into ids and a token's value is masked rather than half-redacted. Unnamed alternatives are ids.
// Written as literals for a small bundle: `(?<![\p{L}\p{N}_])` … `(?![\p{L}\p{N}_])` is "a whole word";
// `[\s./_-]` separates digit groups (spaces of any kind: tab, French (narrow) no-break spaces).
// Built at its first use, not when the module loads (issue 14): evaluating these literals and building it
// cost ~28 ms of the host's main thread at 4× CPU throttling in Chromium (median of 9 runs), on every
// page where the widget's code loads, while most never redact anything.
let sensitiveRe: RegExp | undefined;
const sensitive = () =>
  (sensitiveRe ??= new RegExp(
    [
      // A value stops at `?` and `=` (base64 padding aside), so a URL nested in a harmless parameter
      // (`?redirect=…/cb?code=…`) is scanned on its own and recursion stays one level deep.
      /(?<param>(?<![\p{L}\p{N}_.-])(?<name>[a-z_][\w.-]*)=(?<value>[^\s&#"'<>(),;?=]*=*))/u,
      // A secret announced by what comes before it, which stays: a secret path word (`/reset/<token>`,
      // whatever the token's length), a secret word and a colon in free text (`mot de passe : …`,
      // `password = …`), `Bearer`, or nothing for a JWT.
      String.raw`(?<keep>(?<=\/)${SECRET_PATH_WORD}\/|(?<![\p{L}\p{N}_])(?:mot[ -]de[ -]passe|passw[a-z]*|mdp|pwd|token|jeton|secret|otp)\s*[:：=]\s*(?:["'«]\s*)?|\bBearer\s+|\b(?=eyJ[\w-]+\.[\w-]))[^\s"'<>()]+`,
      // `@` also as its full-width and small forms (＠ U+FF20, ﹫ U+FE6B) and percent-encoded.
      /(?<email>(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:[@\uff20\ufe6b]|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})/u,
      // Our own request references (SNU-2026-000123), kept: support needs them. Ids: a UUID, 24 hex
      // characters (MongoDB ObjectId), a word mixing letters and digits of ≥ 16 characters or ≥ 10 with
      // ≥ 6 digits (INE 12345A67890), a NIR with any separators, Corsica's 2A/2B included.
      /(?<![\p{L}\p{N}_])(?:(?<ref>SNU-\d{4}-\d{6,})|[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}|[\da-f]{24}|(?=\w*[a-z])(?:(?=\w*\d)\w{16,}|(?=(?:[a-z_]*\d){6})\w{10,})|[12](?:[\s./_-]?\d\d){2}[\s./_-]?(?:\d\d|2[ab])(?:[\s./_-]?\d{3}){2}(?:[\s./_-]?\d\d)?)(?![\p{L}\p{N}_])/u,
      // French phone numbers: 0X XX XX XX XX, +33 X…, (+33) X…, 0033 X…, or X XX XX XX XX without its 0,
      // the pairs with one consistent separator (or none) so that 01/07/2026 10:30 stays a date.
      /(?<phone>(?<![\p{L}\p{N}_+])(?:\(?(?:\+|00)33\)?[\s./_-]?(?:\(0\)[\s./_-]?)?|0|(?=\d\D))[1-9](?<ps>[\s./_-]?)\d\d(?:\k<ps>\d\d){3}(?!\p{N}))/u,
      // Digit groups with one consistent separator (IBAN, NIR, card numbers); checked in the replacer.
      /(?<groups>(?<![\p{L}\p{N}_])\d+(?<sep>[\s./_-])\d+(?:\k<sep>\d+)*(?!\p{N}))/u,
      /(?<!\p{N})\d{6,}(?!\p{N})/u,
    ]
      .map((re) => (typeof re == "string" ? re : re.source))
      .join("|"),
    "giu",
  ));

type Groups = Partial<Record<string, string>>;

/**
 * Redacts personal data and secrets from free text: e-mails → `[e-mail]`, ids (UUID, 24 hex, INE, NIR,
 * letter-digit tokens, runs of ≥ 6 digits, ≥ 10 grouped digits) → `[id]`, French phone numbers →
 * `[téléphone]`, secrets → `[masqué]` (`name=value` pairs, the segment after `/reset/`…, `mot de
 * passe : …`, bearer tokens, JWTs). Years, dates, postcodes and département codes stay. Idempotent.
 */
export function redactText(text: string): string {
  if (typeof text !== "string") return "";
  return text.replace(sensitive(), (match: string, ...rest: unknown[]) => {
    const g = rest.at(-1) as Groups;
    // A matched group is never empty but `keep` (empty before a JWT): unmatched groups are undefined.
    if (g.ref) return match;
    if (g.param) {
      const name = g.name!;
      if (isSecretKey(name)) return `${name}=[masqué]`;
      // A harmless name may still carry an e-mail or an id (`?email=…`, `?redirect=…?code=…`).
      return `${redactText(name)}=${redactText(g.value!)}`;
    }
    if (g.keep !== undefined) return `${g.keep}[masqué]`;
    if (g.email) return "[e-mail]";
    if (g.phone) return "[téléphone]";
    // Dates (12.07.2026), year spans (2025-2026) and amounts stay; long numbers go.
    if (g.groups && match.replace(/\D/g, "").length < 10)
      return match.replace(/\d{6,}/g, "[id]");
    return "[id]";
  });
}

/** Whether a text holds an e-mail address or a phone number: an opaque id (`identity.userId`) never does. */
export function hasContact(text: string): boolean {
  return /\[(?:e-mail|téléphone)\]/.test(redactText(text));
}
