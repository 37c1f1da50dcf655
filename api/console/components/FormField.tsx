import type { ComponentChildren } from "preact";

/** What a control needs to be tied to its label, hint and error (RGAA 11.1, 11.10). */
export interface FieldAria {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: "true";
}

/** A labelled field: its hint and its error are read with the control, the error is shown in red. */
export function FormField(props: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  required?: boolean;
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
        {props.required && <span class="required"> (obligatoire)</span>}
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
