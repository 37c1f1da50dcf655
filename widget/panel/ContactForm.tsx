import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "preact/hooks";
import type {
  CreatedRequest,
  RequestContext,
} from "../../api/contract/request.ts";
import type { Prefill } from "../shared/types.ts";
import { Confirmation } from "./Confirmation.tsx";
import {
  EMPTY_DRAFT,
  FIELDS,
  detailsToErrors,
  failureMessage,
  newIdempotencyKey,
  offeredCategories,
  prepareRequest,
  type ContactDraft,
  type ContactField,
  type FieldErrors,
} from "./contact-model.ts";
import type { Outbox, Outcome } from "./outbox.ts";
import type { Sender } from "./sender.ts";
import { ContextDetails } from "./ContextDetails.tsx";
import { DataNotice } from "./DataNotice.tsx";
import type { DraftStorage } from "./draft-storage.ts";
import { Field } from "./Field.tsx";

interface ContactFormProps {
  /** Recomputed on every render: the page may have changed since the form was opened. */
  getContext(): RequestContext;
  /** Where a submission waits until it is acknowledged, and what sends it (outbox.ts, sender.ts). */
  outbox: Outbox;
  sender: Sender;
  /** How the last submission ended, bumped with `outcomeVersion` (also after a reload). */
  outcome?: Outcome;
  outcomeVersion: number;
  /** Bumped when the outbox may have changed elsewhere (another tab's storage event, a sender). */
  outboxVersion: number;
  /** Whether the panel is open: what the outbox holds is read again at each opening. */
  open: boolean;
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
  const { outbox, onSent } = props;
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
  const [sent, setSent] = useState<
    { created: CreatedRequest; email: string } | undefined
  >();
  // A submission waits in the outbox (from this tab, another one, or before a reload): the form stays
  // closed until it is acknowledged or refused. Storage is read again only when it may have changed —
  // not on every keystroke.
  const [recheck, setRecheck] = useState(0);
  const queued = useMemo(
    () => !sending && !!outbox.pending(),
    [sending, recheck, props.open, props.outcomeVersion, props.outboxVersion],
  );
  // Storage refused or full: the submission lives in this page only, and the user must know it.
  const [volatile, setVolatile] = useState(false);
  const wasSent = useRef(false);
  // Set when a submission of this form goes to wait: its button is gone, the focus must not fall to <body>.
  const justQueued = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  // « Retour aux conseils » once the form is gone (sent, or waiting to be sent).
  const afterRef = useRef<HTMLButtonElement>(null);
  const context = props.getContext();
  const identified = context.identity !== undefined;

  // The end of a submission, in this tab or after a reload: the reference, or what to fix (text kept).
  useEffect(() => {
    const outcome = props.outcome;
    if (!outcome) return;
    if ("created" in outcome) {
      props.drafts.clear();
      setDraft((current) => ({ ...EMPTY_DRAFT, email: current.email }));
      setSent(outcome);
      onSent(outcome.created);
      return;
    }
    // The text stays as typed: the draft storage keeps it until a submission is acknowledged.
    if (outcome.refused === "validation_failed") {
      const mapped = detailsToErrors(outcome.details ?? []);
      showErrors(mapped.errors, mapped.general);
    } else showErrors({}, failureMessage(outcome.refused));
  }, [props.outcomeVersion]);

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
    if (sent) afterRef.current?.focus();
    else if (wasSent.current) focusField("category");
    wasSent.current = sent !== undefined;
  }, [sent]);
  useLayoutEffect(() => {
    if (queued && justQueued.current) afterRef.current?.focus();
    justQueued.current = false;
  }, [queued]);

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

  // The submission goes to the outbox first — with its key and its exact bytes for its whole life — so
  // that a closed tab or a lost answer never loses it; the sender then tries it at once, and again later.
  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    // Another tab's submission may be waiting: one at a time, never written over; rendering again
    // shows it as waiting.
    if (outbox.pending()) return setRecheck((n) => n + 1);
    const prepared = prepareRequest(draft, props.getContext());
    if (!prepared.ok) return showErrors(prepared.errors);
    setErrors({});
    setGeneral(undefined);
    setSending(true);
    setVolatile(
      !outbox.put({
        key: newIdempotencyKey(props.crypto),
        body: JSON.stringify(prepared.body),
        draft,
      }),
    );
    await props.sender.send();
    justQueued.current = !!outbox.pending();
    setSending(false);
  };

  return (
    <div>
      <div role="status">
        {sent && <Confirmation created={sent.created} email={sent.email} />}
        {queued && (
          <div class="confirmation queued">
            <p class="confirmation-title">
              Votre demande sera envoyée dès que la connexion revient.
            </p>
            <p>
              {volatile
                ? "Gardez cette page ouverte : ce navigateur ne peut pas la garder si vous la fermez."
                : "Elle est gardée dans ce navigateur, même si vous fermez la page : vous verrez ici sa référence une fois reçue."}
            </p>
          </div>
        )}
      </div>
      {queued || sent ? (
        <div class="actions">
          <button
            type="button"
            class="button"
            ref={afterRef}
            onClick={props.onBack}
          >
            Retour aux conseils
          </button>
          {!queued && (
            <button
              type="button"
              class="button secondary"
              onClick={() => setSent(undefined)}
            >
              Écrire une autre demande
            </button>
          )}
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
