import { useState } from "preact/hooks";

/** Most tags a request may have, and their longest length (the API refuses more). */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;

/** « a, b ,, a » → ["a", "b"]: trimmed, without empties or repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

function tagsProblem(tags: string[]): string | undefined {
  if (tags.length > MAX_TAGS) return `${MAX_TAGS} étiquettes au plus.`;
  if (tags.some((t) => t.length > MAX_TAG_LENGTH))
    return `Une étiquette fait ${MAX_TAG_LENGTH} caractères au plus.`;
  return undefined;
}

export interface TagsFormProps {
  tags: string[];
  busy: boolean;
  onSave: (tags: string[]) => Promise<boolean>;
}

/** The request's tags as chips, edited as a comma-separated list; the text survives a conflict. */
export function TagsForm({ tags, busy, onSave }: TagsFormProps) {
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const value = text ?? tags.join(", ");
  return (
    <form
      class="tags-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        const next = parseTags(value);
        const problem = tagsProblem(next);
        setError(problem);
        if (problem) return;
        if (await onSave(next)) setText(undefined);
      }}
    >
      {tags.length > 0 ? (
        <ul class="tags" aria-label="Étiquettes actuelles">
          {tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucune étiquette.</p>
      )}
      <div class={error ? "field has-error" : "field"}>
        <label for="detail-tags">Étiquettes</label>
        <p class="hint" id="detail-tags-hint">
          Séparées par des virgules, {MAX_TAGS} au plus
        </p>
        <input
          id="detail-tags"
          type="text"
          autocomplete="off"
          aria-describedby={
            error ? "detail-tags-hint detail-tags-error" : "detail-tags-hint"
          }
          aria-invalid={error ? "true" : undefined}
          value={value}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {error && (
          <p class="field-error" id="detail-tags-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        class="button secondary"
        aria-disabled={busy ? "true" : undefined}
      >
        Enregistrer les étiquettes
      </button>
    </form>
  );
}
