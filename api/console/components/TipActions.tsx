import { useState } from "preact/hooks";
import type { TipEditorState } from "../hooks/use-tip-editor.ts";
import { focusSaveButton, TIP_SAVE_BUTTON_ID } from "./TipEditorNotice.tsx";

const DISCARD_BUTTON_ID = "tip-discard";

/** The editor's buttons; each shows only when it can do something for this tip. */
export function TipActions({ editor }: { editor: TipEditorState }) {
  const { tip, busy, dirty } = editor;
  const disabled = busy ? ("true" as const) : undefined;
  // Abandoning the draft would replace unsaved typing: it asks first, like restoring a version.
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const asking = confirmingDiscard && dirty;
  /** Runs an action whose button may go away; focus then moves to « Enregistrer le brouillon ». */
  const act = (action: () => Promise<unknown>) =>
    void action().then((done) => {
      if (done) focusSaveButton();
    });
  const discard = () => {
    if (busy) return;
    if (dirty && !confirmingDiscard) return setConfirmingDiscard(true);
    setConfirmingDiscard(false);
    act(editor.discard);
  };
  return (
    <>
      {asking && (
        <div class="notice notice-warning" role="alert">
          <p>
            Vos modifications non enregistrées seront remplacées par le texte
            publié.
          </p>
        </div>
      )}
      <div class="actions tip-actions">
        <button
          type="submit"
          class="button"
          id={TIP_SAVE_BUTTON_ID}
          aria-disabled={disabled}
        >
          Enregistrer le brouillon
        </button>
        {tip && (dirty || tip.draft) && (
          <button
            type="button"
            class="button"
            aria-disabled={disabled}
            onClick={() => act(editor.publish)}
          >
            Publier
          </button>
        )}
        {tip?.published && (
          <button
            type="button"
            class="button secondary"
            aria-disabled={disabled}
            onClick={() => act(editor.unpublish)}
          >
            Retirer de la publication
          </button>
        )}
        {tip?.draft && tip.published && (
          <button
            type="button"
            class="button secondary"
            id={DISCARD_BUTTON_ID}
            aria-disabled={disabled}
            onClick={discard}
          >
            {asking
              ? "Abandonner le brouillon et mes modifications"
              : "Abandonner le brouillon"}
          </button>
        )}
        {asking && tip?.draft && tip.published && (
          <button
            type="button"
            class="button secondary"
            onClick={() => {
              setConfirmingDiscard(false);
              document.getElementById(DISCARD_BUTTON_ID)?.focus();
            }}
          >
            Annuler
          </button>
        )}
        {busy && <span class="muted">Envoi en cours…</span>}
      </div>
    </>
  );
}
