import type { ComponentChildren } from "preact";

/** What a control needs to be tied to its label, hint and error (RGAA 11.1, 11.10). */
export interface FieldAria {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: "true";
  "aria-required"?: "true";
}

/** Said at the top of a form whose fields use `required` / `optional` (as the widget's contact form does). */
export const REQUIRED_FIELDS_NOTE =
  "Tous les champs sont obligatoires, sauf mention « facultatif ».";

/**
 * A labelled field: its hint and its error are read with the control, the error is shown in red. In a form
 * that starts with {@link REQUIRED_FIELDS_NOTE} (RGAA 11.10): an `optional` field says « (facultatif) » in
 * its label; a `required` one says nothing more there and is `aria-required` for assistive technologies.
 */
export function FormField(props: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  required?: boolean;
  optional?: boolean;
  class?: string;
  children: (aria: FieldAria) => ComponentChildren;
}) {
  const { id, hint, error } = props;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      class={`field${error ? " has-error" : ""}${props.class ? ` ${props.class}` : ""}`}
    >
      <label for={id}>
        {props.label}
        {props.optional && <span class="optional"> (facultatif)</span>}
      </label>
      {hint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {props.children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": "true" as const } : {}),
        ...(props.required ? { "aria-required": "true" as const } : {}),
      })}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The id of a tip form field's control, for labels, error links and focus. */
export const tipFieldId = (field: string) =>
  `tip-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
