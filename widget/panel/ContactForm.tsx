import { useEffect, useRef, useState } from "preact/hooks";
import type {
  CreatedRequest,
  RequestContext,
} from "../../api/contract/request.ts";
import type { ApiClient } from "./api-client.ts";
import {
  EMPTY_DRAFT,
  detailsToErrors,
  failureMessage,
  newIdempotencyKey,
  offeredCategories,
  prepareRequest,
  type ContactDraft,
  type ContactField,
  type FieldErrors,
} from "./contact-model.ts";
import { ContextDetails } from "./ContextDetails.tsx";
import { own } from "./host-input.ts";
import type { Prefill } from "../shared/types.ts";

interface ContactFormProps {
  /** Recomputed on every render: the page may have changed since the form was opened. */
  getContext(): RequestContext;
  api: ApiClient;
  crypto: Crypto;
  prefill: Prefill;
  prefillVersion: number;
  /** From `identify`: prefills the e-mail field while the user has not typed one. */
  identityEmail?: string;
  privacyUrl?: string;
  onSent(created: CreatedRequest): void;
  onBack(): void;
}

const ORDER: readonly ContactField[] = [
  "category",
  "subject",
  "message",
  "email",
];

/** The contact form: category, subject, message, e-mail, the context shown, and sending. */
export function ContactForm(props: ContactFormProps) {
  const { api, onSent } = props;
  const context = props.getContext();
  const identified = context.identity !== undefined;
  const [draft, setDraft] = useState<ContactDraft>(() => ({
    ...EMPTY_DRAFT,
    email: props.identityEmail ?? "",
    ...props.prefill,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<CreatedRequest | undefined>();
  const keyRef = useRef<string | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const afterSentRef = useRef<HTMLButtonElement>(null);

  // Host prefill fills only what the user left empty: nothing typed is ever overwritten.
  useEffect(() => {
    if (props.prefillVersion === 0) return;
    setDraft((current) => {
      const next = { ...current };
      for (const field of ORDER) {
        const value = own(props.prefill, field);
        if (typeof value === "string" && value && !current[field])
          next[field] = value;
      }
      return next;
    });
  }, [props.prefillVersion]);

  useEffect(() => {
    const email = props.identityEmail;
    if (email)
      setDraft((current) => (current.email ? current : { ...current, email }));
  }, [props.identityEmail]);

  useEffect(() => {
    if (sent) afterSentRef.current?.focus();
  }, [sent]);

  const categories = offeredCategories(context);
  const category = categories.find((c) => c.id === draft.category);
  const update = (field: ContactField) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setDraft((current) => ({
      ...current,
      [field]: value,
      ...(field === "category" ? { subject: "" } : {}),
    }));
  };

  const showErrors = (fieldErrors: FieldErrors, message?: string) => {
    setErrors(fieldErrors);
    setGeneral(message);
    const first = ORDER.find((field) => fieldErrors[field]);
    if (first)
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    const prepared = prepareRequest(draft, props.getContext());
    if (!prepared.ok) return showErrors(prepared.errors);
    setErrors({});
    setGeneral(undefined);
    setSending(true);
    // One key for the whole life of this submission, so a retry can never create a second request.
    keyRef.current ??= newIdempotencyKey(props.crypto);
    const result = await api.createRequest(prepared.body, keyRef.current);
    setSending(false);
    if (result.ok) {
      keyRef.current = undefined;
      setDraft({ ...EMPTY_DRAFT, email: draft.email });
      setSent(result.value);
      onSent(result.value);
      return;
    }
    if (result.code === "validation_failed") {
      keyRef.current = undefined; // the next attempt sends another body
      const mapped = detailsToErrors(result.details ?? []);
      return showErrors(mapped.errors, mapped.general);
    }
    setGeneral(failureMessage(result.code, result.retryAfter));
  };

  const describedBy = (field: ContactField, hint?: string) =>
    [hint, errors[field] ? `snu-aide-${field}-error` : undefined]
      .filter(Boolean)
      .join(" ") || undefined;
  const fieldError = (field: ContactField) =>
    errors[field] && (
      <p id={`snu-aide-${field}-error`} class="field-error">
        {errors[field]}
      </p>
    );

  return (
    <div class="view">
      <div role="status" class="status">
        {sent && (
          <div class="confirmation">
            <p class="confirmation-title">Votre demande a bien été envoyée.</p>
            <p>
              Sa référence est <strong>{sent.reference}</strong>. Notez-la :
              elle permet de retrouver votre demande.
            </p>
            <p>
              L'équipe support vous répondra par e-mail
              {draft.email
                ? ` à l'adresse ${draft.email}`
                : " à l'adresse de votre compte"}
              . Vous n'avez rien d'autre à faire.
            </p>
          </div>
        )}
      </div>
      {sent ? (
        <div class="actions">
          <button
            type="button"
            class="button"
            ref={afterSentRef}
            onClick={props.onBack}
          >
            Retour aux conseils
          </button>
          <button
            type="button"
            class="button secondary"
            onClick={() => setSent(undefined)}
          >
            Écrire une autre demande
          </button>
        </div>
      ) : (
        <form
          ref={formRef}
          noValidate
          onSubmit={submit}
          aria-describedby="snu-aide-form-intro"
        >
          <p id="snu-aide-form-intro" class="muted">
            Tous les champs sont obligatoires, sauf mention « facultatif ».
          </p>
          <div class={`field ${errors.category ? "has-error" : ""}`}>
            <label for="snu-aide-category">Catégorie</label>
            <select
              id="snu-aide-category"
              name="category"
              required
              aria-invalid={errors.category ? "true" : undefined}
              aria-describedby={describedBy("category")}
              value={draft.category}
              onChange={update("category")}
            >
              <option value="">Choisissez une catégorie</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
            {fieldError("category")}
          </div>
          <div class={`field ${errors.subject ? "has-error" : ""}`}>
            <label for="snu-aide-subject">Sujet</label>
            <select
              id="snu-aide-subject"
              name="subject"
              required
              aria-invalid={errors.subject ? "true" : undefined}
              aria-describedby={describedBy("subject")}
              value={draft.subject}
              onChange={update("subject")}
            >
              <option value="">
                {category
                  ? "Choisissez un sujet"
                  : "Choisissez d'abord une catégorie"}
              </option>
              {category?.subjects.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            {fieldError("subject")}
          </div>
          <div class={`field ${errors.message ? "has-error" : ""}`}>
            <label for="snu-aide-message">Votre message</label>
            <p id="snu-aide-message-hint" class="hint">
              Décrivez votre situation (10 caractères au moins, 5 000 au plus).
              N'indiquez pas de mot de passe.
            </p>
            <textarea
              id="snu-aide-message"
              name="message"
              rows={6}
              maxLength={5000}
              required
              aria-invalid={errors.message ? "true" : undefined}
              aria-describedby={describedBy("message", "snu-aide-message-hint")}
              value={draft.message}
              onInput={update("message")}
            />
            <p class="counter" aria-hidden="true">
              {draft.message.length} / 5 000
            </p>
            {fieldError("message")}
          </div>
          <div class={`field ${errors.email ? "has-error" : ""}`}>
            <label for="snu-aide-email">Adresse e-mail</label>
            <p id="snu-aide-email-hint" class="hint">
              {identified
                ? "Facultatif : sinon, nous répondrons à l'adresse de votre compte."
                : "Pour que le support puisse vous répondre. Format : nom@exemple.fr"}
            </p>
            <input
              id="snu-aide-email"
              name="email"
              type="email"
              autocomplete="email"
              inputMode="email"
              required={!identified}
              aria-invalid={errors.email ? "true" : undefined}
              aria-describedby={describedBy("email", "snu-aide-email-hint")}
              value={draft.email}
              onInput={update("email")}
            />
            {fieldError("email")}
          </div>
          <ContextDetails context={context} />
          <p class="notice">
            Ces informations servent uniquement à traiter votre demande. Elles
            sont lues par l'équipe support du SNU et, le cas échéant, par le
            service de votre département, puis supprimées au plus tard un an
            après la clôture de la demande. Vous pouvez y accéder, les faire
            corriger ou effacer.
            {props.privacyUrl && (
              <>
                {" "}
                <a
                  href={props.privacyUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  En savoir plus sur vos données
                  <span class="sr-only"> (nouvelle fenêtre)</span>
                </a>
              </>
            )}
          </p>
          {general && (
            <p class="form-error" role="alert">
              {general}
            </p>
          )}
          <div class="actions">
            <button
              type="submit"
              class="button"
              aria-disabled={sending ? "true" : undefined}
            >
              {sending ? "Envoi en cours…" : "Envoyer ma demande"}
            </button>
            <button
              type="button"
              class="button secondary"
              onClick={props.onBack}
            >
              Retour aux conseils
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
