import type { TipEditorState } from "../use-tip-editor.ts";

/** The editor's buttons; each shows only when it can do something for this tip. */
export function TipActions({ editor }: { editor: TipEditorState }) {
  const { tip, busy, dirty } = editor;
  const disabled = busy ? ("true" as const) : undefined;
  return (
    <div class="actions tip-actions">
      <button type="submit" class="button" aria-disabled={disabled}>
        Enregistrer le brouillon
      </button>
      {tip && (dirty || tip.draft) && (
        <button
          type="button"
          class="button"
          aria-disabled={disabled}
          onClick={() => void editor.publish()}
        >
          Publier
        </button>
      )}
      {tip?.published && (
        <button
          type="button"
          class="button secondary"
          aria-disabled={disabled}
          onClick={() => void editor.unpublish()}
        >
          Retirer de la publication
        </button>
      )}
      {tip?.draft && tip.published && (
        <button
          type="button"
          class="button secondary"
          aria-disabled={disabled}
          onClick={() => void editor.discard()}
        >
          Abandonner le brouillon
        </button>
      )}
      {busy && <span class="muted">Envoi en cours…</span>}
    </div>
  );
}
