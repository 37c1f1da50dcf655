import { CATEGORIES, type Subject } from "../../contract/categories.ts";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../../contract/request-statuses.ts";
import type { Platform } from "../../contract/vocabulary.ts";
import type { ConsoleUser } from "../client/api-client.ts";
import type { InboxFilters } from "../requests/filters.ts";
import { statusLabel } from "../format.ts";
import { RoleSelect } from "./RoleSelect.tsx";

/** Changes some filters of the form's draft. */
export type SetFilter = (patch: Partial<InboxFilters>) => void;

/** Categories offered on a platform, or on both (one entry per id) when no platform is chosen. */
export function categoriesOf(platform: Platform | undefined) {
  const seen = new Set<string>();
  return CATEGORIES.filter((c) => {
    if (platform ? c.platform !== platform : seen.has(c.id)) return false;
    seen.add(c.id);
    return true;
  });
}

/** Subjects of a category id on a platform, or of that id on both platforms (one entry per id). */
export function subjectsOf(
  platform: Platform | undefined,
  categoryId?: string,
) {
  const subjects = new Map<string, Subject>();
  for (const c of CATEGORIES)
    if (c.id === categoryId && (!platform || c.platform === platform))
      for (const s of c.subjects)
        if (!subjects.has(s.id)) subjects.set(s.id, s);
  return [...subjects.values()];
}

/** How many of the folded filters are set: the fold opens when any is, so none is hidden while active. */
export function moreFiltersCount(filters: InboxFilters): number {
  const keys = [
    "category",
    "subject",
    "department",
    "role",
    "from",
    "to",
  ] as const;
  return (
    (filters.status.length > 0 ? 1 : 0) +
    keys.filter((key) => filters[key] !== undefined).length
  );
}

/** Statut, Catégorie, Sujet, Département, Rôle du demandeur, Du, Au. */
export function MoreFilters({
  draft,
  set,
  user,
}: {
  draft: InboxFilters;
  set: SetFilter;
  user: ConsoleUser;
}) {
  const value = (event: Event) =>
    (event.currentTarget as HTMLInputElement).value || undefined;
  const toggleStatus = (status: RequestStatus, on: boolean) =>
    set({
      status: on
        ? [...draft.status, status]
        : draft.status.filter((s) => s !== status),
    });
  const ownDepartments = user.departments.length > 0;

  return (
    <>
      <fieldset class="filter-statuses">
        <legend>Statut</legend>
        {REQUEST_STATUSES.map((status) => (
          <label key={status} class="checkbox">
            <input
              type="checkbox"
              name="status"
              value={status}
              checked={draft.status.includes(status)}
              onChange={(event) =>
                toggleStatus(status, event.currentTarget.checked)
              }
            />
            {statusLabel(status)}
          </label>
        ))}
      </fieldset>
      <div class="filter-grid">
        <div class="field">
          <label for="filter-category">Catégorie</label>
          <select
            id="filter-category"
            value={draft.category ?? ""}
            onChange={(event) =>
              set({ category: value(event), subject: undefined })
            }
          >
            <option value="">Toutes</option>
            {categoriesOf(draft.platform).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <div class="label-row">
            <label for="filter-subject">Sujet</label>
            {!draft.category && (
              <span class="label-hint" id="filter-subject-hint">
                choisissez une catégorie
              </span>
            )}
          </div>
          <select
            id="filter-subject"
            aria-describedby={
              draft.category ? undefined : "filter-subject-hint"
            }
            value={draft.subject ?? ""}
            disabled={!draft.category}
            onChange={(event) => set({ subject: value(event) })}
          >
            <option value="">Tous</option>
            {subjectsOf(draft.platform, draft.category).map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <div class="label-row">
            <label for="filter-department">Département</label>
            {!ownDepartments && (
              <span class="label-hint" id="filter-department-hint">
                ex. 75, 2A, 974
              </span>
            )}
          </div>
          {ownDepartments ? (
            <select
              id="filter-department"
              value={draft.department ?? ""}
              onChange={(event) => set({ department: value(event) })}
            >
              <option value="">Tous mes départements</option>
              {user.departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="filter-department"
              aria-describedby="filter-department-hint"
              type="text"
              autocomplete="off"
              value={draft.department ?? ""}
              onInput={(event) => set({ department: value(event) })}
            />
          )}
        </div>
        <RoleSelect
          id="filter-role"
          value={draft.role}
          onChange={(role) => set({ role })}
        />
        <div class="field">
          <label for="filter-from">Du</label>
          <input
            id="filter-from"
            type="date"
            max={draft.to}
            value={draft.from ?? ""}
            onInput={(event) => set({ from: value(event) })}
          />
        </div>
        <div class="field">
          <label for="filter-to">Au</label>
          <input
            id="filter-to"
            type="date"
            min={draft.from}
            value={draft.to ?? ""}
            onInput={(event) => set({ to: value(event) })}
          />
        </div>
      </div>
    </>
  );
}
