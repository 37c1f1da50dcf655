import { normalizeTipMarkdown } from "../../contract/tip-text.ts";
import { sourceOf, type TipFormValues } from "../tip-editor/tip-form.ts";
import { TIP_FIELD_LABELS } from "../tip-editor/tip-labels.ts";
import type { TipEditorState } from "../hooks/use-tip-editor.ts";
import { tipFieldId } from "./FormField.tsx";
import { focusField } from "./TipPreviewPanel.tsx";

/** Shown when someone else saved first (HTTP 409 `version_conflict`). */
export const TIP_CONFLICT_MESSAGE =
  "Cette astuce a été modifiée par quelqu'un d'autre pendant que vous la modifiiez. Votre texte est conservé dans le formulaire.";

/** Shown when someone else saved first and nothing was typed here: their text replaced the form. */
export const TIP_REFRESHED_MESSAGE =
  "Cette astuce a été modifiée par quelqu'un d'autre entre-temps : sa version à jour est maintenant affichée. Relisez-la, puis réessayez.";

/** The source a form stands for, its text as the server keeps it (a trailing newline is no difference). */
const storedAs = (values: TipFormValues): Record<string, unknown> => {
  const source = sourceOf(values);
  return { ...source, markdown: normalizeTipMarkdown(source.markdown) };
};

/** Moves focus to « Enregistrer le brouillon », which every editor shows, when an action's button goes away. */
export function focusSaveButton() {
  document.getElementById(TIP_SAVE_BUTTON_ID)?.focus();
}

/** The id of « Enregistrer le brouillon ». */
export const TIP_SAVE_BUTTON_ID = "tip-save";

/** The notice of the last action: error with the fields to fix, conflict with its two ways out, restore. */
export function TipEditorNotice({ editor }: { editor: TipEditorState }) {
  const { notice } = editor;
  if (!notice) return null;
  if (notice.kind === "error")
    return (
      <div class="notice notice-error" role="alert">
        <p>{notice.message}</p>
        <p>Votre texte n'est pas perdu : corrigez-le puis réessayez.</p>
      </div>
    );
  if (notice.kind === "invalid")
    return (
      <div class="notice notice-error" role="alert">
        <p>
          {notice.fields.length === 1
            ? "Un champ est à corriger :"
            : `${notice.fields.length} champs sont à corriger :`}
        </p>
        <ul>
          {notice.fields.map((field) => (
            <li key={field}>
              <a
                href={`#${tipFieldId(field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(field);
                }}
              >
                {TIP_FIELD_LABELS[field] ?? field}
              </a>
            </li>
          ))}
        </ul>
      </div>
    );
  if (notice.kind === "refreshed")
    return (
      <div class="notice notice-warning" role="alert">
        <p>{TIP_REFRESHED_MESSAGE}</p>
      </div>
    );
  if (notice.kind === "reverted")
    return (
      <div class="notice" role="status">
        <p>
          La version {notice.to} est maintenant le brouillon. Elle n'est pas en
          ligne : cliquez sur « Publier » pour la mettre en ligne.
        </p>
      </div>
    );
  const mine = storedAs(editor.values);
  const theirs = storedAs(editor.saved);
  const differ = Object.keys({ ...mine, ...theirs }).filter(
    (key) => JSON.stringify(mine[key]) !== JSON.stringify(theirs[key]),
  );
  return (
    <div class="notice notice-error" role="alert">
      <p>{TIP_CONFLICT_MESSAGE}</p>
      {differ.length > 0 && (
        <p>
          Votre texte diffère de la version à jour sur :{" "}
          {differ.map((key) => TIP_FIELD_LABELS[key] ?? key).join(", ")}.
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="button"
          onClick={() =>
            void editor.saveDraft().then((stored) => {
              if (stored) focusSaveButton();
            })
          }
        >
          Remplacer par mon texte
        </button>
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            editor.takeTheirs();
            focusSaveButton();
          }}
        >
          Afficher la version à jour
        </button>
      </div>
    </div>
  );
}
