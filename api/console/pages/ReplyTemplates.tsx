import { useEffect, useState } from "preact/hooks";
import type { ReplyTemplateBody } from "../../contract/replies.ts";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";
import type {
  ConsoleFailure,
  ConsoleResult,
  ConsoleUser,
} from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { TemplateForm } from "../components/TemplateForm.tsx";
import { TemplateItem } from "../components/TemplateItem.tsx";
import { focusLater } from "../focus-later.ts";
import { useServices } from "../services.ts";
import { canWriteReplyTemplates } from "../tip-editor/tip-access.ts";
import type { Loaded } from "../hooks/use-loaded.ts";
import { useTitle } from "../hooks/use-title.ts";

const NEW_BUTTON_ID = "template-new-button";
const byTitle = (a: ReplyTemplate, b: ReplyTemplate) =>
  a.title.localeCompare(b.title, "fr");

/**
 * « Réponses types » (issue 10): every console account reads them (the composer proposes them); admins and
 * the agents allowed to write tips create, change and delete them.
 */
export function ReplyTemplates({ user }: { user: ConsoleUser }) {
  const { api, announce } = useServices();
  useTitle("Réponses types");
  const canWrite = canWriteReplyTemplates(user);
  const [list, setList] = useState<Loaded<ReplyTemplate[]>>({
    state: "loading",
  });
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    void api.listReplyTemplates().then((result) => {
      if (current)
        setList(
          result.ok
            ? { state: "ready", value: [...result.value].sort(byTitle) }
            : { state: "error", message: result.message },
        );
    });
    return () => void (current = false);
  }, []);

  const templates = list.state === "ready" ? list.value : [];
  const replace = (next: ReplyTemplate[]) =>
    setList({ state: "ready", value: [...next].sort(byTitle) });

  /** Runs one write; the failure goes back to the form (or the page) that asked. */
  const write = async <T,>(
    send: () => Promise<ConsoleResult<T>>,
    done: (value: T) => void,
  ): Promise<ConsoleFailure | undefined> => {
    setBusy(true);
    const result = await send();
    setBusy(false);
    if (!result.ok) return result;
    setError(undefined);
    done(result.value);
    return undefined;
  };

  const create = (body: ReplyTemplateBody) =>
    write(
      () => api.createReplyTemplate(body),
      (created) => {
        replace([...templates, created]);
        setCreating(false);
        announce(`Réponse type « ${created.title} » créée.`);
        focusLater(`template-item-${created.id}`);
      },
    );
  const update = (id: number, body: ReplyTemplateBody) =>
    write(
      () => api.updateReplyTemplate(id, body),
      (updated) => {
        replace(templates.map((t) => (t.id === id ? updated : t)));
        announce(`Réponse type « ${updated.title} » enregistrée.`);
      },
    );
  const remove = async (template: ReplyTemplate) => {
    const failure = await write(
      () => api.deleteReplyTemplate(template.id),
      () => {
        replace(templates.filter((t) => t.id !== template.id));
        announce(`Réponse type « ${template.title} » supprimée.`);
        focusLater("templates-title");
      },
    );
    if (failure) setError(failure.message);
  };

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1} id="templates-title">
          Réponses types
        </h1>
        {canWrite && !creating && (
          <button
            type="button"
            class="button"
            id={NEW_BUTTON_ID}
            onClick={() => {
              setCreating(true);
              focusLater("template-new-title");
            }}
          >
            Nouvelle réponse type
          </button>
        )}
      </div>
      <p>
        Des textes prêts à insérer dans une réponse à l'usager, à relire et
        compléter avant l'envoi. Dans un texte, <code>{"{reference}"}</code>{" "}
        devient la référence de la demande et <code>{"{page}"}</code> la page
        d'où elle a été envoyée.
      </p>
      {!canWrite && (
        <div class="notice">
          <p>
            Vous pouvez insérer ces réponses types depuis une demande. Les
            administrateurs et les agents autorisés à rédiger les astuces les
            écrivent et les modifient.
          </p>
        </div>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {creating && (
        <section class="template-new" aria-labelledby="template-new-heading">
          <h2 id="template-new-heading">Nouvelle réponse type</h2>
          <TemplateForm
            busy={busy}
            onSave={create}
            onCancel={() => {
              setCreating(false);
              focusLater(NEW_BUTTON_ID);
            }}
          />
        </section>
      )}
      {list.state === "loading" && (
        <p class="loading">Chargement des réponses types…</p>
      )}
      {list.state === "error" && <ErrorNotice>{list.message}</ErrorNotice>}
      {list.state === "ready" && templates.length === 0 && (
        <div class="empty">
          <p>Aucune réponse type pour le moment.</p>
        </div>
      )}
      {templates.length > 0 && (
        <ul class="template-list" aria-labelledby="templates-title">
          {templates.map((template) => (
            <TemplateItem
              key={template.id}
              template={template}
              canWrite={canWrite}
              busy={busy}
              onSave={(body) => update(template.id, body)}
              onDelete={() => remove(template)}
            />
          ))}
        </ul>
      )}
    </>
  );
}
