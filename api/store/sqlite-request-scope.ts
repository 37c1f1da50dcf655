import { placeholders, type SqlValue } from "./sqlite-request-sql.ts";
import type { RequestFilters, Scope } from "./support-types.ts";

/** The départements a query may see: undefined = any, NULL included; [] = none. */
export function visibleDepartments(
  scope: Scope,
  filters: RequestFilters,
): string[] | undefined {
  if (scope.kind === "all")
    return filters.department === undefined ? undefined : [filters.department];
  // `IN` never matches NULL: referents never see requests without a département.
  const allowed = [...new Set(scope.departments)].filter((d) => d !== "");
  return filters.department === undefined
    ? allowed
    : allowed.filter((d) => d === filters.department);
}

/** The scope alone, for the statistics: `department IN (…)`, or `1` for `all`. Undefined when it sees nothing. */
export function scopeClause(
  scope: Scope,
): { clause: string; params: SqlValue[] } | undefined {
  const departments = visibleDepartments(scope, {});
  if (!departments) return { clause: "1", params: [] };
  if (!departments.length) return undefined;
  return {
    clause: `department IN (${placeholders(departments.length)})`,
    params: departments,
  };
}
