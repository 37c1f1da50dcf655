/** Labelled form fields in the DSFR manner: input, textarea, select, radio and checkbox groups. */
import { h, type Attrs, type Child } from "./dom.ts";

interface FieldOptions {
  id: string;
  label: string;
  hint?: string;
  attrs?: Attrs;
}

function labelled(
  { id, label, hint }: FieldOptions,
  control: HTMLElement,
): HTMLDivElement {
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field" },
    h(
      "label",
      { for: id },
      label,
      hint ? h("span", { class: "hint", id: hintId }, hint) : null,
    ),
    control,
  );
}

/** A labelled `<input>` (type text by default). */
export function inputField(options: FieldOptions): HTMLDivElement {
  return labelled(
    options,
    h("input", {
      type: "text",
      id: options.id,
      name: options.id,
      class: "input",
      ...options.attrs,
    }),
  );
}

/** A labelled `<textarea>`. */
export function textareaField(options: FieldOptions): HTMLDivElement {
  return labelled(
    options,
    h("textarea", {
      id: options.id,
      name: options.id,
      class: "input",
      rows: 5,
      ...options.attrs,
    }),
  );
}

export type Option = readonly [value: string, label: string];

/** A labelled `<select>`. */
export function selectField(
  options: FieldOptions & { choices: readonly Option[]; value?: string },
): HTMLDivElement {
  return labelled(
    options,
    select(options.id, options.choices, options.value, {
      name: options.id,
      ...options.attrs,
    }),
  );
}

/** A bare `<select>`; label it with `aria-label` or a `<label for>` elsewhere. */
export function select(
  id: string | undefined,
  choices: readonly Option[],
  value?: string,
  attrs: Attrs = {},
): HTMLSelectElement {
  return h(
    "select",
    { id, class: "input", ...attrs },
    choices.map(([v, label]) =>
      h("option", { value: v, selected: v === value }, label),
    ),
  );
}

/** A fieldset of radio buttons or checkboxes. */
export function choiceGroup(options: {
  name: string;
  legend: string;
  type?: "radio" | "checkbox";
  choices: readonly Option[];
  value?: string;
  hint?: string;
}): HTMLFieldSetElement {
  const type = options.type ?? "radio";
  return h(
    "fieldset",
    { class: "fieldset" },
    h(
      "legend",
      null,
      options.legend,
      options.hint ? h("span", { class: "hint" }, options.hint) : null,
    ),
    options.choices.map(([value, label]) => {
      const id = `${options.name}-${value}`;
      return h(
        "div",
        { class: "choice" },
        h("input", {
          type,
          id,
          name: options.name,
          value,
          checked: value === options.value,
        }),
        h("label", { for: id }, label),
      );
    }),
  );
}

/** A single labelled checkbox. */
export function checkbox(
  id: string,
  label: Child,
  attrs: Attrs = {},
): HTMLDivElement {
  return h(
    "div",
    { class: "choice" },
    h("input", { type: "checkbox", id, name: id, ...attrs }),
    h("label", { for: id }, label),
  );
}
