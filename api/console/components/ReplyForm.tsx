import { useRef, useState } from "preact/hooks";
import {
  fillTemplate,
  REPLY_MAX,
  replySignature,
  type ReplyInput,
  type ReplyStatus,
} from "../../contract/replies.ts";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";
import type { RequestDetail } from "../../contract/support-requests.ts";
import type { ConsoleFailure, ConsoleUser } from "../client/api-client.ts";
import { statusLabel } from "../format.ts";
import {
  clearReplyDraft,
  readReplyDraft,
  readSignWithName,
  saveReplyDraft,
  saveSignWithName,
} from "../replies/reply-draft.ts";
import { pageLabel } from "../replies/reply-templates.ts";
import { useServices } from "../services.ts";
import type { Loaded } from "../hooks/use-loaded.ts";
import { TemplatePicker } from "./TemplatePicker.tsx";

const STATUS_CHOICES: readonly [ReplyStatus, string][] = [
  ["waiting_user", statusLabel("waiting_user")],
  ["resolved", statusLabel("resolved")],
  ["unchanged", "Statut inchangé"],
];

/**
 * The reply composer (issue 10): « Réponse à l'usager », the status the reply leaves the request in, the
 * signature, the templates. The text is kept as a draft until the server acknowledges the reply; a failure
 * shows the server's message and keeps the text.
 */
export function ReplyForm(props: {
  request: RequestDetail;
  user: ConsoleUser;
  busy: boolean;
  templates: Loaded<ReplyTemplate[]>;
  /** Resolves undefined once the reply is stored, or with the failure to show. */
  onSend: (reply: ReplyInput) => Promise<ConsoleFailure | undefined>;
}) {
  const { request, user } = props;
  const { storage, announce } = useServices();
  const [text, setText] = useState(() =>
    readReplyDraft(storage, user.id, request.reference),
  );
  const [restored, setRestored] = useState(() => text !== "");
  const [kept, setKept] = useState(true);
  const [status, setStatus] = useState<ReplyStatus>("waiting_user");
  const [sign, setSign] = useState(() => readSignWithName(storage, user.id));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLTextAreaElement>(null);

  const change = (next: string) => {
    setText(next);
    setKept(saveReplyDraft(storage, user.id, request.reference, next));
  };
  const page = pageLabel(request.route, request.context.routeParams);
  const fill = (template: string) =>
    fillTemplate(template, { reference: request.reference, page });
  const insert = (template: ReplyTemplate) => {
    const filled = fill(template.text);
    // Never wipe what was typed: the template goes after it.
    const typed = text.replace(/\s+$/, "");
    change(typed ? `${typed}\n\n${filled}` : filled);
    setError(undefined);
    ref.current?.focus();
    // Once the new text is rendered, the caret goes after it, where the agent goes on editing.
    requestAnimationFrame(() => {
      const area = ref.current;
      if (!area) return;
      area.setSelectionRange(area.value.length, area.value.length);
      area.scrollTop = area.scrollHeight;
    });
    announce(
      `Réponse type « ${template.title} » insérée. Relisez-la avant d'envoyer.`,
    );
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending || props.busy) return;
    const problem = !text.trim()
      ? "Écrivez la réponse avant de l'envoyer."
      : text.length > REPLY_MAX
        ? "Une réponse fait 5 000 caractères au plus."
        : undefined;
    if (problem) {
      setError(problem);
      ref.current?.focus();
      return;
    }
    setError(undefined);
    setSending(true);
    const failure = await props.onSend({ text, status, signWithName: sign });
    setSending(false);
    if (failure) {
      // The server's own French words, tied to the field; the text stays as typed.
      setError(
        failure.details?.find((d) => d.path === "text")?.message ??
          failure.message,
      );
      return;
    }
    clearReplyDraft(storage, user.id, request.reference);
    setText("");
    setRestored(false);
  };

  const hintIds = ["reply-text-hint", restored && text && "reply-text-restored"]
    .concat(error ? ["reply-text-error"] : [])
    .filter(Boolean)
    .join(" ");

  return (
    <form class="reply-form" onSubmit={submit} noValidate>
      <TemplatePicker
        templates={props.templates}
        request={request}
        fill={fill}
        onInsert={insert}
      />
      <div class={error ? "field has-error" : "field"}>
        <label for="reply-text">Réponse à l'usager</label>
        <p class="hint" id="reply-text-hint">
          {request.email
            ? "Envoyée à l'usager par e-mail et affichée sur sa page de suivi."
            : "Cette demande n'a pas d'adresse e-mail : la réponse sera affichée seulement sur la page de suivi de l'usager."}
        </p>
        {restored && text && (
          <p class="hint" id="reply-text-restored">
            Brouillon retrouvé : ce texte n'a pas encore été envoyé.
          </p>
        )}
        <textarea
          id="reply-text"
          ref={ref}
          rows={8}
          maxLength={REPLY_MAX}
          required
          readOnly={sending}
          aria-describedby={hintIds}
          aria-invalid={error ? "true" : undefined}
          value={text}
          onInput={(event) => change(event.currentTarget.value)}
        />
        {error && (
          <p class="field-error" id="reply-text-error" role="alert">
            {error}
          </p>
        )}
        {!kept && (
          <p class="hint">
            Ce navigateur ne garde pas le brouillon : gardez cette page ouverte
            jusqu'à l'envoi.
          </p>
        )}
      </div>
      <fieldset class="reply-status">
        <legend>Statut de la demande après l'envoi</legend>
        {STATUS_CHOICES.map(([value, label]) => (
          <label key={value} class="radio">
            <input
              type="radio"
              name="reply-status"
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={sign}
            aria-describedby="reply-signature"
            onChange={(event) => {
              setSign(event.currentTarget.checked);
              saveSignWithName(storage, user.id, event.currentTarget.checked);
            }}
          />
          Signer aussi avec mon nom
        </label>
        <p class="hint" id="reply-signature">
          Signature : {replySignature(sign ? user.displayName : undefined)}
        </p>
      </div>
      <div class="actions">
        <button
          type="submit"
          class="button"
          aria-disabled={sending || props.busy ? "true" : undefined}
        >
          Envoyer la réponse
        </button>
        {sending && <span class="muted">Envoi en cours…</span>}
      </div>
    </form>
  );
}
