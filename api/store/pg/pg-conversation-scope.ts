import type { Scope } from "../support-types.ts";

// Inside the query: a request out of scope is not found, exactly like one that does not exist.

/** The scope as a condition on `r.department`, its value (if any) being parameter `$n`. */
export function inScope(scope: Scope, n: number): string {
  return scope.kind === "all" ? "true" : `r.department = ANY($${n}::text[])`;
}

/** The parameter `inScope` refers to. */
export function scopeValues(scope: Scope): unknown[] {
  return scope.kind === "all" ? [] : [scope.departments];
}
