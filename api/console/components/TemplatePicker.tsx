import { useState } from "preact/hooks";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";
import {
  chooseTemplates,
  templateTargetLabel,
} from "../replies/reply-templates.ts";
import type { Loaded } from "../hooks/use-loaded.ts";
import { Link } from "./Link.tsx";

const GROUPS = [
  ["suited", "Pour ce type de demande"],
  ["general", "Pour toutes les demandes"],
  ["others", "Pour d'autres demandes"],
] as const;

/**
 * « Réponses types » in the composer: the templates that suit the request first, and « Insérer », which
 * only puts the text in the reply (never sends it).
 */
export function TemplatePicker(props: {
  templates: Loaded<ReplyTemplate[]>;
  request: { category: string; subject: string };
  /** The template's text as it would be inserted (placeholders filled). */
  fill: (text: string) => string;
  onInsert: (template: ReplyTemplate) => void;
}) {
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string>();
  const { templates } = props;

  if (templates.state === "loading")
    return <p class="hint">Chargement des réponses types…</p>;
  if (templates.state === "error")
    return (
      <p class="hint">
        Les réponses types n'ont pas pu être chargées : {templates.message}
      </p>
    );
  if (templates.value.length === 0)
    return (
      <p class="hint">
        Aucune réponse type pour le moment (
        <Link to="/reponses-types">Réponses types</Link>).
      </p>
    );

  const choice = chooseTemplates(templates.value, props.request);
  const selected = templates.value.find((t) => String(t.id) === chosen);
  const insert = () => {
    if (!selected) {
      setError("Choisissez une réponse type à insérer.");
      document.getElementById("reply-template")?.focus();
      return;
    }
    setError(undefined);
    props.onInsert(selected);
  };
  const describedBy = error ? "reply-template-error" : undefined;

  return (
    <div class={`template-picker${error ? " has-error" : ""}`}>
      <div class="inline-form">
        <div class="field">
          <label for="reply-template">Réponses types</label>
          <select
            id="reply-template"
            value={chosen}
            aria-describedby={describedBy}
            aria-invalid={error ? "true" : undefined}
            onChange={(event) => {
              setChosen(event.currentTarget.value);
              setError(undefined);
            }}
          >
            <option value="">Choisir une réponse type</option>
            {GROUPS.filter(([key]) => choice[key].length > 0).map(
              ([key, label]) => (
                <optgroup key={key} label={label}>
                  {choice[key].map((template) => (
                    <option key={template.id} value={String(template.id)}>
                      {key === "others"
                        ? `${template.title} (${templateTargetLabel(template)})`
                        : template.title}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
        </div>
        <button type="button" class="button secondary" onClick={insert}>
          Insérer
        </button>
      </div>
      {error && (
        <p class="field-error" id="reply-template-error" role="alert">
          {error}
        </p>
      )}
      {selected && (
        <p class="template-preview">
          <span class="sr-only">Texte de la réponse type : </span>
          {props.fill(selected.text)}
        </p>
      )}
    </div>
  );
}
