// What replaces the form once a request is sent or waits (« Retour aux conseils », « Écrire une autre
// demande ») stays in this file: as its own component (AfterSendActions.tsx) it measured +38 B gzip, and
// what a page loads for the widget then weighs 30,744 B, over its 30,720 B budget (size-budget.test.ts).
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type {
  CreatedRequest,
  RequestContext,
} from "../../api/contract/request.ts";
import { FIELDS } from "../shared/contact-fields.ts";
import type { AppProps } from "./app-props.ts";
import { ContactFields } from "./ContactFields.tsx";
import { Confirmation } from "./Confirmation.tsx";
import { QueuedNotice } from "./QueuedNotice.tsx";
import {
  detailsToErrors,
  failureMessage,
  newIdempotencyKey,
  offeredCategories,
  prepareRequest,
  type FieldErrors,
} from "./contact-model.ts";
import { ContextDetails } from "./ContextDetails.tsx";
import { DataNotice } from "./DataNotice.tsx";
import { useContactDraft } from "./use-contact-draft.ts";
import { useOutboxStatus } from "./use-outbox-status.ts";

/**
 * What the form uses of the panel's props (App passes them all): where a submission waits and what sends
 * it (outbox.ts, sender.ts), how the last one ended (`outcome`, also after a reload), whether the panel is
 * open (the outbox is read again at each opening), where the draft is kept, the host's prefill and
 * identity (`state`), the privacy page (`config`) and the window (its `crypto` makes the keys).
 */
type ContactFormProps = Pick<
  AppProps,
  | "outbox"
  | "sender"
  | "counter"
  | "listeners"
  | "outcome"
  | "open"
  | "drafts"
  | "state"
  | "config"
  | "win"
> & {
  /** Recomputed on every render while the form shows: the page may have changed since it was opened. */
  getContext(): RequestContext;
  /** Whether the contact view shows (the panel may be closed): the form is built only then. */
  shown: boolean;
  onSent(created: CreatedRequest): void;
  onBack(): void;
};

/** The contact form: category, subject, message, e-mail, the context shown, and sending. */
export function ContactForm(props: ContactFormProps) {
  const { outbox, outcome, onBack } = props;
  const { draft, edit } = useContactDraft(
    props.drafts,
    // host-input.ts's prototype-less copy: a new object at each `prefill` call.
    props.state.prefill,
    props.state.identity?.email,
    outcome,
  );
  const [waiting, recheck] = useOutboxStatus(
    outbox,
    props.listeners,
    props.win,
    props.open,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<
    { created: CreatedRequest; email: string } | undefined
  >();
  // Storage refused or full: the submission lives in this page only, and the user must know it.
  const [volatile, setVolatile] = useState(false);
  // A submission of this form shows as waiting once its first try is over.
  const queued = !sending && waiting;
  const wasSent = useRef(false);
  // Set when a submission of this form goes to wait: its button is gone, the focus must not fall to <body>.
  const justQueued = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  // « Retour aux conseils » once the form is gone (sent, or waiting to be sent).
  const afterRef = useRef<HTMLButtonElement>(null);
  // Hidden behind the tips view, the form keeps its state (draft, outcome, waiting submission) but is not
  // built: its context redacts the page's title and route, and that regular expression's first run costs
  // ~40 ms at 4× CPU throttling, which the click that opens the tips must not pay (issue 14).
  const context = props.shown && props.getContext();

  const focusField = (field: string) =>
    formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  const showErrors = (fieldErrors: FieldErrors, message?: string) => {
    setErrors(fieldErrors);
    setGeneral(message);
    const first = FIELDS.find((field) => fieldErrors[field]);
    if (first) focusField(first);
  };

  // The end of a submission, in this tab or after a reload: the reference, or what to fix (text kept by
  // the draft storage until a submission is acknowledged).
  useEffect(() => {
    if (!outcome) return;
    recheck(); // the submission it ends has left the outbox
    if ("created" in outcome) {
      setSent(outcome);
      props.onSent(outcome.created);
    } else if (outcome.refused === "validation_failed") {
      const mapped = detailsToErrors(outcome.details ?? []);
      showErrors(mapped.errors, mapped.general);
    } else showErrors({}, failureMessage(outcome.refused));
  }, [outcome]);

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

  // The submission goes to the outbox first — with its key and its exact bytes for its whole life — so
  // that a closed tab or a lost answer never loses it; the sender then tries it at once, and again later.
  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    // Another tab's submission may be waiting: one at a time, never written over; read again, it shows.
    if (outbox.pending()) return recheck();
    const prepared = prepareRequest(draft, props.getContext());
    if (!prepared.ok) return showErrors(prepared.errors);
    setErrors({});
    setGeneral(undefined);
    setSending(true);
    setVolatile(
      !outbox.put({
        key: newIdempotencyKey(props.win.crypto),
        body: JSON.stringify(prepared.body),
        draft,
      }),
    );
    const result = await props.sender.send();
    justQueued.current = !!outbox.pending();
    // Sent: accepted, or waiting to be sent again; a refused one is counted once corrected and sent.
    if (result?.ok || justQueued.current) props.counter.count("request_sent");
    setSending(false);
    recheck();
  };

  return (
    <div>
      <div role="status">
        {/* Said, not shown: the button already reads « Envoi en cours… », and the form must not move. */}
        {sending && <p class="sr-only">Envoi en cours…</p>}
        {sent && <Confirmation {...sent} />}
        {queued && <QueuedNotice volatile={volatile} />}
      </div>
      {queued || sent ? (
        <div class="actions">
          <button type="button" class="button" ref={afterRef} onClick={onBack}>
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
        context && (
          <form
            ref={formRef}
            noValidate
            onSubmit={submit}
            aria-describedby="snu-aide-form-intro"
          >
            <p id="snu-aide-form-intro" class="muted">
              Tous les champs sont obligatoires, sauf mention « facultatif ».
            </p>
            <ContactFields
              form={{ draft, errors, edit }}
              categories={offeredCategories(context)}
              identified={context.identity !== undefined}
            />
            <ContextDetails context={context} />
            <DataNotice privacyUrl={props.config.privacyUrl} />
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
              <button type="button" class="button secondary" onClick={onBack}>
                Retour aux conseils
              </button>
            </div>
          </form>
        )
      )}
    </div>
  );
}
