import {
  PLATFORMS,
  ROLES,
  YOUNG_STATUSES,
  type Platform,
} from "../../contract/vocabulary.ts";
import {
  PLATFORM_LABELS,
  ROLE_LABELS,
  YOUNG_STATUS_LABELS,
} from "../format.ts";
import type { FieldErrors, TipFormValues } from "../tip-editor/tip-form.ts";
import { FormField, tipFieldId } from "./FormField.tsx";

export interface TipFieldsProps {
  values: TipFormValues;
  errors: FieldErrors;
  set: (patch: Partial<TipFormValues>) => void;
  /** Identifier and platform are chosen once, at creation (the API refuses to change them). */
  creating: boolean;
}

const text = (event: Event) => (event.currentTarget as HTMLInputElement).value;

/** Who and where: identifier, platform, routes, parameters, roles and statuses. */
export function TipTargetFields({
  values,
  errors,
  set,
  creating,
}: TipFieldsProps) {
  return (
    <fieldset class="tip-fieldset">
      <legend class="fieldset-title">Où et pour qui</legend>
      {creating ? (
        <FormField
          id={tipFieldId("id")}
          label="Identifiant"
          required
          hint="Lettres minuscules, chiffres et tirets ; il ne change plus ensuite (ex. mc-inscription-piece-identite)."
          error={errors.id}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={values.id}
              onInput={(e) => set({ id: text(e) })}
            />
          )}
        </FormField>
      ) : (
        <p class="readonly-field">
          Identifiant : <code>{values.id}</code>
        </p>
      )}
      <FormField
        id={tipFieldId("platform")}
        label="Plateforme"
        hint={creating ? undefined : "La plateforme est choisie à la création."}
        error={errors.platform}
      >
        {(aria) => (
          <select
            {...aria}
            disabled={!creating}
            value={values.platform}
            onChange={(e) => set({ platform: text(e) as Platform })}
          >
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={tipFieldId("routes")}
        label="Routes"
        required
        hint="Une par ligne, sous forme de modèle : /inscription/:step, /volontaire/:id."
        error={errors.routes}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={3}
            spellcheck={false}
            value={values.routes}
            onInput={(e) => set({ routes: text(e) })}
          />
        )}
      </FormField>
      <FormField
        id={tipFieldId("params")}
        label="Paramètres"
        optional
        hint="Un par ligne, pour ne viser que certaines valeurs : step: documents, televersement"
        error={errors.params}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={2}
            spellcheck={false}
            value={values.params}
            onInput={(e) => set({ params: text(e) })}
          />
        )}
      </FormField>
      <Choices
        name="roles"
        legend="Rôles"
        hint="Aucun coché : tout le monde, y compris les personnes sans rôle."
        options={ROLES}
        labels={ROLE_LABELS}
        chosen={values.roles}
        error={errors.roles}
        onChange={(roles) =>
          set({ roles: ROLES.filter((r) => roles.includes(r)) })
        }
      />
      <Choices
        name="statuses"
        legend="Statuts"
        hint="Aucun coché : tous les statuts."
        options={YOUNG_STATUSES}
        labels={YOUNG_STATUS_LABELS}
        chosen={values.statuses}
        error={errors.statuses}
        onChange={(statuses) =>
          set({ statuses: YOUNG_STATUSES.filter((s) => statuses.includes(s)) })
        }
      />
    </fieldset>
  );
}

function Choices<T extends string>(props: {
  name: string;
  legend: string;
  hint: string;
  options: readonly T[];
  labels: Record<string, string>;
  chosen: readonly T[];
  error?: string;
  onChange: (chosen: T[]) => void;
}) {
  const id = tipFieldId(props.name);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`choices${props.error ? " has-error" : ""}`}
      aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
    >
      {/* Every choice is optional: none checked means everyone (the hint says so). */}
      <legend>
        {props.legend}
        <span class="optional"> (facultatif)</span>
      </legend>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <div class="choice-grid">
        {props.options.map((option) => (
          <label key={option} class="checkbox">
            <input
              type="checkbox"
              checked={props.chosen.includes(option)}
              onChange={(e) =>
                props.onChange(
                  e.currentTarget.checked
                    ? [...props.chosen, option]
                    : props.chosen.filter((c) => c !== option),
                )
              }
            />
            {props.labels[option] ?? option}
          </label>
        ))}
      </div>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
