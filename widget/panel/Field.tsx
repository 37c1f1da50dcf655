import type { ComponentChildren } from "preact";
import type { ContactDraft, ContactField } from "../shared/contact-fields.ts";
import type { FieldErrors } from "./contact-model.ts";

/** What the form's fields read and write: the draft, its errors, and a field's input handler. */
export interface FormState {
  draft: ContactDraft;
  errors: FieldErrors;
  /** The handler of a field's input or change event (use-contact-draft.ts). */
  edit(field: ContactField): (event: Event) => void;
}

/** What the field's control must carry to be tied to its label, hint and error, and its value. */
export interface ControlProps {
  id: string;
  name: string;
  value: string;
  "aria-invalid"?: "true";
  "aria-describedby"?: string;
}

export interface FieldProps {
  form: FormState;
  name: ContactField;
  label: string;
  hint?: ComponentChildren;
  /** Renders the control (select, textarea, input) with the given attributes, and anything after it. */
  children(control: ControlProps): ComponentChildren;
}

/**
 * One form field: its label, optional hint, the control and its error (from `form`), tied by
 * `aria-describedby`.
 */
export function Field({ form, name, label, hint, children }: FieldProps) {
  const id = `snu-aide-${name}`;
  const error = form.errors[name];
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
        value: form.draft[name],
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
