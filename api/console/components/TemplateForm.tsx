import { useState } from "preact/hooks";
import {
  REPLY_MAX,
  REPLY_TEMPLATE_TITLE_MAX,
  type ReplyTemplateBody,
} from "../../contract/replies.ts";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";
import type { ConsoleFailure } from "../client/api-client.ts";
import { FormField, REQUIRED_FIELDS_NOTE } from "./FormField.tsx";
import { categoriesOf, subjectsOf } from "./MoreFilters.tsx";

type Field = "title" | "text" | "category" | "subject";
type Errors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ["title", "text", "category", "subject"];
const fieldId = (prefix: string, field: Field) => `${prefix}-${field}`;

/**
 * Writes or changes one reply template: « Titre », « Texte », and optionally the « Catégorie » and « Sujet »
 * it suits. Errors (ours or the server's) sit under their field; the first one gets the focus.
 */
export function TemplateForm(props: {
  /** The template being changed; absent for a new one. */
  template?: ReplyTemplate;
  busy: boolean;
  onSave: (body: ReplyTemplateBody) => Promise<ConsoleFailure | undefined>;
  onCancel: () => void;
}) {
  const prefix = props.template
    ? `template-${props.template.id}`
    : "template-new";
  const [values, setValues] = useState({
    title: props.template?.title ?? "",
    text: props.template?.text ?? "",
    category: props.template?.category ?? "",
    subject: props.template?.subject ?? "",
  });
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string>();
  const set = (patch: Partial<typeof values>) =>
    setValues((previous) => ({ ...previous, ...patch }));
  const focusFirst = (found: Errors) => {
    const first = FIELDS.find((field) => found[field]);
    if (first) document.getElementById(fieldId(prefix, first))?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (props.busy) return;
    const found: Errors = {};
    if (!values.title.trim()) found.title = "Donnez un titre.";
    if (!values.text.trim()) found.text = "Écrivez le texte.";
    setErrors(found);
    setGeneral(undefined);
    if (Object.keys(found).length > 0) return focusFirst(found);
    const failure = await props.onSave({
      title: values.title.trim(),
      text: values.text.trim(),
      ...(values.category ? { category: values.category } : {}),
      ...(values.category && values.subject ? { subject: values.subject } : {}),
    });
    if (!failure) return;
    const fromServer: Errors = {};
    for (const detail of failure.details ?? [])
      if ((FIELDS as readonly string[]).includes(detail.path))
        fromServer[detail.path as Field] ??= detail.message;
    setErrors(fromServer);
    if (Object.keys(fromServer).length > 0) focusFirst(fromServer);
    else setGeneral(failure.message);
  };

  return (
    <form
      class="template-form"
      noValidate
      aria-label={
        props.template
          ? `Modifier la réponse type « ${props.template.title} »`
          : "Nouvelle réponse type"
      }
      aria-describedby={`${prefix}-note`}
      onSubmit={submit}
    >
      <p class="hint" id={`${prefix}-note`}>
        {REQUIRED_FIELDS_NOTE}
      </p>
      {general && (
        <div class="notice notice-error" role="alert">
          <p>{general}</p>
        </div>
      )}
      <FormField
        id={fieldId(prefix, "title")}
        label="Titre"
        required
        error={errors.title}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            maxLength={REPLY_TEMPLATE_TITLE_MAX}
            autocomplete="off"
            value={values.title}
            onInput={(event) => set({ title: event.currentTarget.value })}
          />
        )}
      </FormField>
      <FormField
        id={fieldId(prefix, "text")}
        label="Texte"
        required
        error={errors.text}
        hint="{reference} devient la référence de la demande, {page} la page d'où elle a été envoyée."
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={8}
            maxLength={REPLY_MAX}
            value={values.text}
            onInput={(event) => set({ text: event.currentTarget.value })}
          />
        )}
      </FormField>
      <div class="field-pair">
        <FormField
          id={fieldId(prefix, "category")}
          label="Catégorie"
          optional
          error={errors.category}
          hint="La réponse sera proposée d'abord pour ces demandes."
        >
          {(aria) => (
            <select
              {...aria}
              value={values.category}
              onChange={(event) =>
                set({ category: event.currentTarget.value, subject: "" })
              }
            >
              <option value="">Toutes les demandes</option>
              {categoriesOf(undefined).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={fieldId(prefix, "subject")}
          label="Sujet"
          optional
          error={errors.subject}
          hint={
            values.category ? undefined : "Choisissez d'abord une catégorie."
          }
        >
          {(aria) => (
            <select
              {...aria}
              value={values.subject}
              disabled={!values.category}
              onChange={(event) => set({ subject: event.currentTarget.value })}
            >
              <option value="">Tous les sujets</option>
              {subjectsOf(undefined, values.category).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <div class="actions">
        <button
          type="submit"
          class="button"
          aria-disabled={props.busy ? "true" : undefined}
        >
          Enregistrer
        </button>
        <button type="button" class="button secondary" onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
