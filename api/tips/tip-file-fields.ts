import type { Platform } from "../contract/platforms.ts";
import { TIP_PARAM_NAME_RE } from "../contract/tip-limits.ts";
import type { createFieldReader } from "./front-matter.ts";

type Reader = ReturnType<typeof createFieldReader>;

/**
 * The source a tip file's header and body stand for, as written: only the file's own syntax is read here
 * (lists, `name=values`, a whole number); every rule of a tip is the one check's (check-tip-source.ts).
 */
export function sourceOfFields(
  reader: Reader,
  platform: Platform,
  markdown: string,
): Record<string, unknown> {
  const { value, list } = reader;
  // Absent optional keys are omitted, not set to undefined, so sources compare and serialise cleanly.
  const optional = (key: string, name = key) => {
    const text = value(key);
    return text === undefined ? {} : { [name]: text };
  };
  const selector = value("anchor.selector");
  const anchor = {
    selector,
    ...optional("anchor.text", "text"),
    ...optional("anchor.placement", "placement"),
  };
  return {
    id: value("id"),
    platform,
    routes: list("routes"),
    params: parseParams(reader),
    roles: list("roles"),
    statuses: list("statuses"),
    title: value("title"),
    markdown,
    ...optional("link"),
    ...(selector === undefined ? {} : { anchor }),
    priority: parseWholeNumber(value("priority") ?? "0"),
    ...optional("activeFrom"),
    ...optional("activeTo"),
  };
}

// `step=documents|televersement; tab=general`: the values written for each parameter.
function parseParams({ list, check }: Reader): Record<string, string[]> {
  const params = new Map<string, string[]>();
  for (const part of list("params", ";")) {
    const equals = part.indexOf("=");
    const name = part.slice(0, equals).trim();
    // The name is checked here, not left to the check: a name such as `__proto__` would vanish from the
    // object the check receives, and with it the restriction the author wrote.
    check(
      "params",
      equals > 0 && TIP_PARAM_NAME_RE.test(name),
      `« ${part} » : « nom=valeur1|valeur2 » attendu.`,
    );
    check("params", !params.has(name), `le paramètre « ${name} » est répété.`);
    params.set(
      name,
      part
        .slice(equals + 1)
        .split("|")
        .map((item) => item.trim()),
    );
  }
  return Object.fromEntries(params);
}

// `10`, `-2`, `+3`; anything else (`haute`, `1.5`, `1e3`) is NaN, which the check refuses as not whole.
const parseWholeNumber = (text: string) =>
  /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
