/**
 * « Démo : profil »: a form in the demo bar to act as different people. The choice is kept in
 * sessionStorage (the demo may use storage; the widget may not) and reported through `onChange`.
 */
import { h } from "./dom.ts";
import { readSession, writeSession } from "./storage.ts";
import type { Option } from "./form-fields.ts";

export type ProfileValues = Record<string, string>;

export interface SwitcherField {
  name: string;
  label: string;
  choices: readonly Option[];
}

export interface SwitcherOptions {
  storageKey: string;
  fields: readonly SwitcherField[];
  defaults: ProfileValues;
  /** Whether a field is irrelevant for these values (disabled, e.g. status for a parent). */
  isDisabled?: (name: string, values: ProfileValues) => boolean;
  /** One line telling what the widget received (« identify : young · 75 · Juin 2027 »). */
  describe: (values: ProfileValues) => string;
  /** Called after each change, once the new values are stored. */
  onChange: (values: ProfileValues, previous: ProfileValues) => void;
}

export interface ProfileSwitcher {
  element: HTMLElement;
  values(): ProfileValues;
}

/** Stored values that are still valid choices, completed with the defaults. */
export function loadProfile(
  storageKey: string,
  fields: readonly SwitcherField[],
  defaults: ProfileValues,
): ProfileValues {
  const stored = readSession(storageKey) ?? {};
  const values: ProfileValues = { ...defaults };
  for (const field of fields) {
    const value = stored[field.name];
    if (typeof value === "string" && field.choices.some(([v]) => v === value)) {
      values[field.name] = value;
    }
  }
  return values;
}

/** Builds the demo bar with its form. */
export function createProfileSwitcher(
  options: SwitcherOptions,
): ProfileSwitcher {
  let values = loadProfile(
    options.storageKey,
    options.fields,
    options.defaults,
  );
  const state = h("p", { class: "demo-bar__state", "aria-live": "polite" });
  const selects = options.fields.map((field) => {
    const id = `demo-${field.name}`;
    const select = h(
      "select",
      { id, name: field.name },
      field.choices.map(([value, label]) =>
        h("option", { value, selected: value === values[field.name] }, label),
      ),
    );
    return {
      field,
      select,
      wrapper: h(
        "div",
        { class: "demo-bar__field" },
        h("label", { for: id }, field.label),
        select,
      ),
    };
  });

  const sync = () => {
    for (const { field, select } of selects) {
      select.disabled = options.isDisabled?.(field.name, values) ?? false;
    }
    state.textContent = options.describe(values);
  };

  const form = h(
    "form",
    {
      id: "demo-profil",
      class: "demo-bar__form",
      on: {
        submit: (event) => event.preventDefault(),
        change: () => {
          const previous = values;
          values = { ...values };
          for (const { field, select } of selects)
            values[field.name] = select.value;
          writeSession(options.storageKey, values);
          sync();
          options.onChange(values, previous);
        },
      },
    },
    h(
      "fieldset",
      null,
      h("legend", null, "Démo : profil"),
      selects.map((s) => s.wrapper),
    ),
  );

  const element = h(
    "section",
    { class: "demo-bar", "aria-labelledby": "demo-bar-titre" },
    h(
      "div",
      { class: "container demo-bar__inner" },
      h(
        "p",
        { class: "demo-bar__title", id: "demo-bar-titre" },
        h("span", { class: "demo-bar__tag" }, "Démo"),
        "Barre de démonstration — absente du vrai site",
      ),
      form,
      state,
    ),
  );
  sync();
  return { element, values: () => values };
}
