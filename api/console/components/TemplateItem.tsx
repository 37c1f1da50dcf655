import { useState } from "preact/hooks";
import type { ReplyTemplateBody } from "../../contract/replies.ts";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";
import type { ConsoleFailure } from "../client/api-client.ts";
import { focusLater } from "../focus-later.ts";
import { templateTargetLabel } from "../replies/reply-templates.ts";
import { TemplateForm } from "./TemplateForm.tsx";

/**
 * One reply template in the list: its title, the requests it suits and its text; for writers « Modifier »
 * (the form takes its place) and « Supprimer », which asks first.
 */
export function TemplateItem(props: {
  template: ReplyTemplate;
  canWrite: boolean;
  busy: boolean;
  onSave: (body: ReplyTemplateBody) => Promise<ConsoleFailure | undefined>;
  onDelete: () => void;
}) {
  const { template } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = `template-item-${template.id}`;
  const editId = `${id}-edit`;
  const deleteId = `${id}-delete`;

  if (editing)
    return (
      <li class="template-item">
        <h2 class="template-title">Modifier « {template.title} »</h2>
        <TemplateForm
          template={template}
          busy={props.busy}
          onSave={async (body) => {
            const failure = await props.onSave(body);
            if (!failure) {
              setEditing(false);
              focusLater(id);
            }
            return failure;
          }}
          onCancel={() => {
            setEditing(false);
            focusLater(editId);
          }}
        />
      </li>
    );

  return (
    <li class="template-item">
      <h2 class="template-title" id={id} tabIndex={-1}>
        {template.title}
      </h2>
      <p class="muted">Pour : {templateTargetLabel(template)}</p>
      <p class="template-text">{template.text}</p>
      {props.canWrite && confirming && (
        <div class="notice notice-warning" role="alert">
          <p>
            Supprimer la réponse type « {template.title} » ? Elle ne sera plus
            proposée dans les demandes.
          </p>
        </div>
      )}
      {props.canWrite && (
        <div class="actions">
          {confirming ? (
            <>
              <button
                type="button"
                class="button"
                id={deleteId}
                aria-disabled={props.busy ? "true" : undefined}
                onClick={() => !props.busy && props.onDelete()}
              >
                Supprimer définitivement
              </button>
              <button
                type="button"
                class="button secondary"
                onClick={() => {
                  setConfirming(false);
                  focusLater(deleteId);
                }}
              >
                Annuler
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                class="button secondary"
                id={editId}
                aria-label={`Modifier « ${template.title} »`}
                onClick={() => {
                  setEditing(true);
                  focusLater(`template-${template.id}-title`);
                }}
              >
                Modifier
              </button>
              <button
                type="button"
                class="button secondary"
                id={deleteId}
                aria-label={`Supprimer « ${template.title} »`}
                onClick={() => {
                  setConfirming(true);
                  focusLater(deleteId);
                }}
              >
                Supprimer
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
