import { useState } from "preact/hooks";
import { DEPARTMENT_RE } from "../../contract/request-rules.ts";
import type { ConsoleUser } from "../client/api-client.ts";
import { PeriodFields } from "../components/PeriodFields.tsx";
import { PlatformSelect } from "../components/PlatformSelect.tsx";
import { RoleSelect } from "../components/RoleSelect.tsx";
import { useDraftForm } from "../hooks/use-draft-form.ts";
import {
  periodProblem,
  presetView,
  type IndicatorsView,
} from "./indicators-view.ts";

type Preset = IndicatorsView["preset"];

interface Problem {
  field: "indicators-from" | "indicators-department";
  message: string;
}

/** What stops the view from being asked for, on the field to fix. */
function problemOf(view: IndicatorsView): Problem | undefined {
  const period =
    view.preset === "custom" ? periodProblem(view.from, view.to) : undefined;
  if (period) return { field: "indicators-from", message: period };
  if (view.department && !DEPARTMENT_RE.test(view.department))
    return {
      field: "indicators-department",
      message: "Département inconnu : indiquez par exemple 75, 2A ou 974.",
    };
  return undefined;
}

/**
 * Period (7 / 30 / 90 days ending today in Paris, or chosen dates) and the filters of the « Indicateurs »
 * page, with the labels of the inbox's filters. Applying writes the address bar.
 */
export function IndicatorsForm(props: {
  view: IndicatorsView;
  /** Today in Paris, `YYYY-MM-DD`. */
  today: string;
  user: ConsoleUser;
  onApply: (view: IndicatorsView) => void;
}) {
  const [problem, setProblem] = useState<Problem>();
  const { draft, setDraft, submit } = useDraftForm(props.view, (view) => {
    const found = problemOf(view);
    setProblem(found);
    if (found) document.getElementById(found.field)?.focus();
    else props.onApply(view);
  });
  const errorOf = (field: string) =>
    problem?.field === field
      ? {
          "aria-invalid": "true" as const,
          "aria-describedby": `${field}-error`,
        }
      : {};
  const errorText = (field: string) =>
    problem?.field === field && (
      <p class="field-error" id={`${field}-error`}>
        {problem.message}
      </p>
    );
  const set = (patch: Partial<IndicatorsView>) =>
    setDraft((previous) => {
      const next: IndicatorsView = { ...previous, ...patch };
      // An empty choice is « all »: no key at all, so the address bar stays short.
      for (const key of ["platform", "department", "role"] as const)
        if (!next[key]) delete next[key];
      return next;
    });
  const choosePreset = (preset: Preset) =>
    set(preset === "custom" ? { preset } : presetView(preset, props.today));
  const ownDepartments = props.user.departments;
  const text = (event: Event) =>
    (event.currentTarget as HTMLInputElement).value;

  return (
    <form
      class="filters indicators-filters"
      aria-label="Période et filtres"
      onSubmit={submit}
      noValidate
    >
      <PeriodFields
        idPrefix="indicators"
        preset={draft.preset}
        from={draft.from}
        to={draft.to}
        max={props.today}
        onPreset={choosePreset}
        onFrom={(from) => set({ from })}
        onTo={(to) => set({ to })}
        fromError={
          problem?.field === "indicators-from" ? problem.message : undefined
        }
      >
        <PlatformSelect
          id="indicators-platform"
          value={draft.platform}
          onChange={(platform) => set({ platform })}
        />
        <div
          class={`field${problem?.field === "indicators-department" ? " has-error" : ""}`}
        >
          <div class="label-row">
            <label for="indicators-department">Département</label>
            {ownDepartments.length === 0 && (
              <span class="label-hint" id="indicators-department-hint">
                ex. 75, 2A, 974
              </span>
            )}
          </div>
          {ownDepartments.length > 0 ? (
            <select
              id="indicators-department"
              value={draft.department ?? ""}
              onChange={(event) => set({ department: text(event) })}
            >
              <option value="">Tous mes départements</option>
              {ownDepartments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="indicators-department"
              type="text"
              autocomplete="off"
              value={draft.department ?? ""}
              {...errorOf("indicators-department")}
              aria-describedby={[
                "indicators-department-hint",
                problem?.field === "indicators-department" &&
                  "indicators-department-error",
              ]
                .filter(Boolean)
                .join(" ")}
              onInput={(event) =>
                set({ department: text(event).trim().toUpperCase() })
              }
            />
          )}
          {errorText("indicators-department")}
        </div>
        <RoleSelect
          id="indicators-role"
          value={draft.role}
          onChange={(role) => set({ role })}
        />
      </PeriodFields>
      <div class="actions">
        <button type="submit" class="button">
          Afficher
        </button>
      </div>
    </form>
  );
}
