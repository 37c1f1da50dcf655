// The four fields are one component: as ChoiceField, MessageField and EmailField, each in its own file,
// they measured +24 B gzip, and what a page loads for the widget then weighs 30,730 B, over its 30,720 B
// budget (tests/build/size-budget.test.ts). `choice` keeps the two lists from repeating each other.
import type { Category } from "../../api/contract/categories.ts";
import { MESSAGE_MAX, MESSAGE_MIN } from "../../api/contract/request-rules.ts";
import { Field, type ControlProps, type FormState } from "./Field.tsx";

/** The contract's limit as French writes it: « 5 000 ». */
const MAX_TEXT = String(MESSAGE_MAX).replace(/\B(?=(\d{3})+$)/g, " ");

/** A required list to choose from, its first (empty) option saying what to do. */
const choice = (
  control: ControlProps,
  onChange: (event: Event) => void,
  prompt: string,
  choices: readonly { id: string; label: string }[] = [],
) => (
  <select {...control} required onChange={onChange}>
    <option value="">{prompt}</option>
    {choices.map((c) => (
      <option key={c.id} value={c.id}>
        {c.label}
      </option>
    ))}
  </select>
);

interface ContactFieldsProps {
  form: FormState;
  /** What this person may write about on this platform (contact-model.ts). */
  categories: readonly Category[];
  /** The host identified the user: support can answer at the account's address, the e-mail is optional. */
  identified: boolean;
}

/** The four fields of the contact form: category, subject, message, e-mail. */
export function ContactFields({
  form,
  categories,
  identified,
}: ContactFieldsProps) {
  const { draft, edit } = form;
  const category = categories.find((c) => c.id === draft.category);
  return (
    <>
      <Field form={form} name="category" label="Catégorie">
        {(control) =>
          choice(
            control,
            edit("category"),
            "Choisissez une catégorie",
            categories,
          )
        }
      </Field>
      <Field form={form} name="subject" label="Sujet">
        {(control) =>
          choice(
            control,
            edit("subject"),
            category
              ? "Choisissez un sujet"
              : "Choisissez d'abord une catégorie",
            category?.subjects,
          )
        }
      </Field>
      <Field
        form={form}
        name="message"
        label="Votre message"
        hint={`Décrivez votre situation (${MESSAGE_MIN} caractères au moins, ${MAX_TEXT} au plus). N'indiquez pas de mot de passe.`}
      >
        {(control) => (
          <>
            <textarea
              {...control}
              rows={6}
              maxLength={MESSAGE_MAX}
              required
              onInput={edit("message")}
            />
            <p class="counter" aria-hidden="true">
              {draft.message.length} / {MAX_TEXT}
            </p>
          </>
        )}
      </Field>
      <Field
        form={form}
        name="email"
        label="Adresse e-mail"
        hint={
          identified
            ? "Facultatif : sinon, nous répondrons à l'adresse de votre compte."
            : "Pour que le support puisse vous répondre. Format : nom@exemple.fr"
        }
      >
        {(control) => (
          <input
            {...control}
            type="email"
            autocomplete="email"
            inputMode="email"
            required={!identified}
            onInput={edit("email")}
          />
        )}
      </Field>
    </>
  );
}
