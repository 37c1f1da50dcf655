import { MESSAGE_MAX } from "../../api/contract/request-rules.ts";
import { FIELDS } from "./contact-fields.ts";
import { hasOwn } from "./has-own.ts";
import type {
  CustomValue,
  HostCall,
  HostIdentity,
  HostState,
  Prefill,
} from "./types.ts";

// What hosts pass is copied field by field (own properties only), so prototype junk, getters with side
// effects or later mutations of the host's object never reach the widget's state. The copies have no
// prototype: reading a field the host left out gives undefined even on a page that polluted
// `Object.prototype`, so the rest of the panel reads them with plain property access.
const IDENTITY_KEYS = [
  "role",
  "department",
  "region",
  "cohort",
  "status",
  "email",
  "userId",
] as const;

const blank = <T>(): T => Object.create(null) as T;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The value of an own property only: a polluted `Object.prototype` never answers for the host. */
const own = (value: object, key: string): unknown =>
  hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;

/** The state before any host call, with prototype-less objects. */
export const createHostState = (): HostState => ({
  custom: blank(),
  prefill: blank(),
});

function copyStrings<K extends string>(
  value: unknown,
  keys: readonly K[],
  max: number,
  copy: Partial<Record<K, string>> = blank(),
): Partial<Record<K, string>> {
  if (!isObject(value)) return copy;
  for (const key of keys) {
    const field = own(value, key);
    if (typeof field === "string" && field.length > 0)
      copy[key] = field.slice(0, max);
  }
  return copy;
}

/** `identify({role, …})`: undefined when there is no role (then the call is dropped). */
export function copyIdentity(value: unknown): HostIdentity | undefined {
  const copy = copyStrings(value, IDENTITY_KEYS, 200);
  return copy.role ? (copy as HostIdentity) : undefined;
}

/** `prefill({…})`: the message may be long, the other fields are short. */
export function copyPrefill(value: unknown): Prefill {
  return copyStrings(
    value,
    ["message"],
    MESSAGE_MAX,
    // What a host may prefill: the form's fields.
    copyStrings(value, FIELDS, 254),
  );
}

/** `context({key: value})`: merges into `target`; `null` or `undefined` removes a key. */
export function mergeCustom(
  target: Record<string, CustomValue>,
  value: unknown,
): boolean {
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === null || field === undefined) delete target[key];
    else if (
      typeof field === "string" ||
      typeof field === "boolean" ||
      (typeof field === "number" && isFinite(field))
    )
      target[key] = field;
  }
  return true;
}

/** What changed after a host call, so the panel knows whether to refetch tips or refill the form. */
export type HostChange = "identity" | "context" | "page" | "prefill";

/** Applies one host call to the state; false (and no change) when the call is malformed. */
export function applyHostCall(
  state: HostState,
  [name, arg, path]: HostCall,
  /** The current path, for a call that does not carry the path it was made on. */
  pathname: string,
): HostChange | false {
  if (name === "identify") {
    const identity = copyIdentity(arg);
    if (!identity) return false;
    state.identity = identity;
    return "identity";
  }
  if (name === "context") return mergeCustom(state.custom, arg) && "context";
  if (name === "prefill") {
    if (!isObject(arg)) return false;
    state.prefill = Object.assign(
      blank<Prefill>(),
      state.prefill,
      copyPrefill(arg),
    );
    return "prefill";
  }
  if (arg !== undefined && !isObject(arg)) return false;
  // A `page({route})` pattern is bound to the page it was declared on (the loader says which).
  const route = arg && own(arg, "route");
  state.route =
    typeof route === "string"
      ? { pattern: route, path: path ?? pathname }
      : undefined;
  return "page";
}
