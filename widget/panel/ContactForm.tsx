import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type {
  CreatedRequest,
  RequestContext,
} from "../../api/contract/request.ts";
import type { Prefill } from "../shared/types.ts";
import type { ApiClient } from "./api-client.ts";
import { Confirmation } from "./Confirmation.tsx";
import {
  EMPTY_DRAFT,
  FIELDS,
  detailsToErrors,
  failureMessage,
  isRetryable,
  isSameDraft,
  newIdempotencyKey,
  offeredCategories,
  prepareRequest,
  type ContactDraft,
  type ContactField,
  type FieldErrors,
  type PendingRequest,
} from "./contact-model.ts";
import { ContextDetails } from "./ContextDetails.tsx";
import { DataNotice } from "./DataNotice.tsx";
import type { DraftStorage } from "./draft-storage.ts";
import { Field } from "./Field.tsx";

interface ContactFormProps {
  /** Recomputed on every render: the page may have changed since the form was opened. */
  getContext(): RequestContext;
  api: ApiClient;
  crypto: Crypto;
  /** host-input.ts's prototype-less copy, read with plain property access. */
  prefill: Prefill;
  prefillVersion: number;
  /** From `identify`: prefills the e-mail field while the user has not typed one. */
  identityEmail?: string;
  privacyUrl?: string;
  /** Where the draft survives closing, navigation and reloads. */
  drafts: DraftStorage;
  onSent(created: CreatedRequest): void;
  onBack(): void;
}

/** The contact form: category, subject, message, e-mail, the context shown, and sending. */
export function ContactForm(props: ContactFormProps) {
  const { api, onSent } = props;
  // What the user typed before (a reload, another page) wins over the host's prefill.
  const [draft, setDraft] = useState<ContactDraft>(() => ({
    ...EMPTY_DRAFT,
    email: props.identityEmail ?? "",
    ...props.prefill,
    ...props.drafts.load(),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<CreatedRequest | undefined>();
  const pending = useRef<PendingRequest | undefined>(undefined);
  const wasSent = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const afterSentRef = useRef<HTMLButtonElement>(null);
  // A failed request the user has not edited since is sent again as it was (contact-model.ts).
  const retry =
    pending.current && isSameDraft(pending.current.draft, draft)
      ? pending.current
      : undefined;
  const context = retry?.body.context ?? props.getContext();
  const identified = context.identity !== undefined;

  // Host prefill fills only what the user left empty: nothing typed is ever overwritten.
  useEffect(() => {
    if (props.prefillVersion === 0) return;
    setDraft((current) => {
      const next = { ...current };
      for (const field of FIELDS) {
        const value = props.prefill[field];
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

  const focusField = (field: ContactField) =>
    formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();

  // Once sent, the focus goes to what comes next; after « Écrire une autre demande », to the first field.
  // A layout effect: the focused button has just been removed, so the move must happen before the next
  // key press can land on <body> (Escape would then miss the panel).
  useLayoutEffect(() => {
    if (sent) afterSentRef.current?.focus();
    else if (wasSent.current) focusField("category");
    wasSent.current = sent !== undefined;
  }, [sent]);

  const categories = offeredCategories(context);
  const category = categories.find((c) => c.id === draft.category);
  const update = (field: ContactField) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setDraft((current) => {
      const next = {
        ...current,
        [field]: value,
        ...(field === "category" ? { subject: "" } : {}),
      };
      props.drafts.save(next); // only on the user's own typing, never on prefill
      return next;
    });
  };

  const showErrors = (fieldErrors: FieldErrors, message?: string) => {
    setErrors(fieldErrors);
    setGeneral(message);
    const first = FIELDS.find((field) => fieldErrors[field]);
    if (first) focusField(first);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    let request = retry;
    if (!request) {
      const prepared = prepareRequest(draft, props.getContext());
      if (!prepared.ok) return showErrors(prepared.errors);
      request = {
        key: newIdempotencyKey(props.crypto),
        body: prepared.body,
        draft,
      };
    }
    setErrors({});
    setGeneral(undefined);
    setSending(true);
    const result = await api.createRequest(request.body, request.key);
    // Kept only while sending the same bytes again is the right answer; otherwise the next one is new.
    pending.current =
      !result.ok && isRetryable(result.code) ? request : undefined;
    setSending(false);
    if (result.ok) {
      props.drafts.clear();
      setDraft({ ...EMPTY_DRAFT, email: draft.email });
      setSent(result.value);
      onSent(result.value);
      return;
    }
    if (result.code === "validation_failed") {
      const mapped = detailsToErrors(result.details ?? []);
      return showErrors(mapped.errors, mapped.general);
    }
    setGeneral(failureMessage(result.code, result.retryAfter));
  };

  return (
    <div class="view">
      <div role="status" class="status">
        {sent && <Confirmation created={sent} email={draft.email} />}
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
          <Field name="category" label="Catégorie" error={errors.category}>
            {(control) => (
              <select
                {...control}
                required
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
            )}
          </Field>
          <Field name="subject" label="Sujet" error={errors.subject}>
            {(control) => (
              <select
                {...control}
                required
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
            )}
          </Field>
          <Field
            name="message"
            label="Votre message"
            hint="Décrivez votre situation (10 caractères au moins, 5 000 au plus). N'indiquez pas de mot de passe."
            error={errors.message}
          >
            {(control) => (
              <>
                <textarea
                  {...control}
                  rows={6}
                  maxLength={5000}
                  required
                  value={draft.message}
                  onInput={update("message")}
                />
                <p class="counter" aria-hidden="true">
                  {draft.message.length} / 5 000
                </p>
              </>
            )}
          </Field>
          <Field
            name="email"
            label="Adresse e-mail"
            hint={
              identified
                ? "Facultatif : sinon, nous répondrons à l'adresse de votre compte."
                : "Pour que le support puisse vous répondre. Format : nom@exemple.fr"
            }
            error={errors.email}
          >
            {(control) => (
              <input
                {...control}
                type="email"
                autocomplete="email"
                inputMode="email"
                required={!identified}
                value={draft.email}
                onInput={update("email")}
              />
            )}
          </Field>
          <ContextDetails context={context} />
          <DataNotice privacyUrl={props.privacyUrl} />
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
