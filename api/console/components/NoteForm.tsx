import { useRef, useState } from "preact/hooks";
import { NOTE_MAX } from "../../contract/support-requests.ts";

/** « Note interne »: written for colleagues only, added to the timeline. */
export function NoteForm({
  busy,
  onAdd,
}: {
  busy: boolean;
  onAdd: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLTextAreaElement>(null);
  return (
    <form
      class="note-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        if (!text.trim()) {
          setError("Écrivez la note avant de l'ajouter.");
          ref.current?.focus();
          return;
        }
        setError(undefined);
        if (await onAdd(text)) setText("");
      }}
    >
      <div class={error ? "field has-error" : "field"}>
        <label for="detail-note">Note interne</label>
        <p class="hint" id="detail-note-hint">
          Visible de l'équipe support et des référents, jamais de l'usager.
        </p>
        <textarea
          id="detail-note"
          ref={ref}
          rows={4}
          maxLength={NOTE_MAX}
          required
          aria-describedby={
            error ? "detail-note-hint detail-note-error" : "detail-note-hint"
          }
          aria-invalid={error ? "true" : undefined}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {error && (
          <p class="field-error" id="detail-note-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        class="button"
        aria-disabled={busy ? "true" : undefined}
      >
        Ajouter la note
      </button>
    </form>
  );
}
