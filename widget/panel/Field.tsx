import type { ComponentChildren } from "preact";

/** What the field's control must carry to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: "true";
  "aria-describedby"?: string;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  /** Renders the control (select, textarea, input) with the given attributes, and anything after it. */
  children(control: ControlProps): ComponentChildren;
}

/** One form field: its label, optional hint, the control and its error, tied by `aria-describedby`. */
export function Field({ name, label, hint, error, children }: FieldProps) {
  const id = `snu-aide-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children({
        id,
        name,
        "aria-invalid": error ? "true" : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
