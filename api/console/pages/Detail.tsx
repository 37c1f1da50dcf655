import { useEffect, useState } from "preact/hooks";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import type { RequestDetail } from "../../contract/support-requests.ts";
import type { ReplyInput } from "../../contract/replies.ts";
import type {
  ConsoleResult,
  ConsoleUser,
  RequestChange,
} from "../client/api-client.ts";
import { AssignmentForm } from "../components/AssignmentForm.tsx";
import { ContextList } from "../components/ContextList.tsx";
import { Conversation } from "../components/Conversation.tsx";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { Link } from "../components/Link.tsx";
import { NoteForm } from "../components/NoteForm.tsx";
import { ReplyForm } from "../components/ReplyForm.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { StatusForm } from "../components/StatusForm.tsx";
import { TagsForm } from "../components/TagsForm.tsx";
import { accountNames, Timeline } from "../components/Timeline.tsx";
import {
  formatAge,
  formatDateTime,
  statusLabel,
  topicLabel,
} from "../format.ts";
import { useServices } from "../services.ts";
import { useLoaded } from "../hooks/use-loaded.ts";
import { useTitle } from "../hooks/use-title.ts";

/** Shown with the fresh data when someone else saved first (HTTP 409 `version_conflict`). */
export const CONFLICT_MESSAGE =
  "Cette demande a été modifiée par quelqu'un d'autre. Les informations affichées sont à jour : vérifiez-les, puis enregistrez de nouveau votre modification si elle est toujours utile.";

type Load =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; detail: RequestDetail };

/**
 * One request: the conversation with the requester and the reply composer, the page context, the actions
 * (status, assignment, tags, note) and the timeline.
 */
export function Detail(props: {
  reference: string;
  user: ConsoleUser;
  backTo: string;
}) {
  const { api, colleagues, announce, now } = useServices();
  const { reference } = props;
  useTitle(`Demande ${reference}`);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const templates = useLoaded(() => api.listReplyTemplates(), []);

  useEffect(() => {
    let current = true;
    void api.getRequest(reference).then((result) => {
      if (!current) return;
      setLoad(
        result.ok
          ? { state: "ready", detail: result.value }
          : { state: "error", message: result.message },
      );
      // Opening the request is reading the requester's answer: the inbox stops marking it as new.
      if (result.ok && result.value.unreadAnswer)
        void api.markAnswersRead(reference);
    });
    return () => void (current = false);
  }, [reference]);

  if (load.state !== "ready")
    return (
      <>
        <p class="back">
          <Link to={props.backTo}>Retour aux demandes</Link>
        </p>
        {/* The same elements as once loaded: the title keeps the focus the app gave it on arrival. */}
        <div class="detail-head">
          <h1 tabIndex={-1}>Demande {reference}</h1>
        </div>
        {load.state === "loading" ? (
          <p class="loading">Chargement…</p>
        ) : (
          <ErrorNotice>{load.message}</ErrorNotice>
        )}
      </>
    );
  const detail = load.detail;

  /** Sends one action; shows the fresh data on a conflict, the server's message on any other failure. */
  const run = async (
    send: () => Promise<ConsoleResult<RequestDetail>>,
    success: string,
  ): Promise<boolean> => {
    setBusy(true);
    const result = await send();
    setBusy(false);
    if (result.ok) {
      setLoad({ state: "ready", detail: result.value });
      setConflict(false);
      setActionError(undefined);
      announce(success);
      return true;
    }
    if (result.code === "version_conflict" && result.current) {
      setLoad({ state: "ready", detail: result.current });
      setConflict(true);
      setActionError(undefined);
      return false;
    }
    setActionError(result.message);
    return false;
  };
  const change = (patch: Omit<RequestChange, "version">, success: string) =>
    run(
      () => api.updateRequest(reference, { version: detail.version, ...patch }),
      success,
    );
  const names = accountNames(detail, colleagues);
  const sendReply = async (reply: ReplyInput) => {
    setBusy(true);
    const result = await api.addReply(reference, reply);
    setBusy(false);
    if (!result.ok) return result;
    setLoad({ state: "ready", detail: result.value });
    setConflict(false);
    setActionError(undefined);
    announce(
      result.value.status !== detail.status
        ? `Réponse envoyée à l'usager. Statut : ${statusLabel(result.value.status)}.`
        : "Réponse envoyée à l'usager.",
    );
    return undefined;
  };
  const saveStatus = async (status: RequestStatus) => {
    if (status !== detail.status)
      return change({ status }, `Statut enregistré : ${statusLabel(status)}.`);
    announce("Aucun changement : la demande a déjà ce statut.");
    return true;
  };

  return (
    <>
      <p class="back">
        <Link to={props.backTo}>Retour aux demandes</Link>
      </p>
      <div class="detail-head">
        <h1 tabIndex={-1}>Demande {detail.reference}</h1>
        <StatusBadge status={detail.status} />
      </div>
      <p class="detail-meta">
        Créée le{" "}
        <time dateTime={detail.createdAt}>
          {formatDateTime(detail.createdAt)}
        </time>{" "}
        ({formatAge(detail.createdAt, now())}) ·{" "}
        {topicLabel(detail.context.platform, detail.category, detail.subject)}
      </p>
      {conflict && <ErrorNotice>{CONFLICT_MESSAGE}</ErrorNotice>}
      {actionError && <ErrorNotice>{actionError}</ErrorNotice>}
      <div class="detail-grid">
        <div class="detail-main">
          <section aria-labelledby="conversation-title">
            <h2 id="conversation-title">Conversation</h2>
            <Conversation
              request={detail}
              busy={busy}
              onRetry={(mailId) =>
                void run(
                  () => api.retryMail(reference, mailId),
                  "L'e-mail est de nouveau en attente d'envoi.",
                )
              }
            />
          </section>
          <section aria-labelledby="reply-title">
            <h2 id="reply-title">Répondre à l'usager</h2>
            <ReplyForm
              request={detail}
              user={props.user}
              busy={busy}
              templates={templates}
              onSend={sendReply}
            />
          </section>
          <section aria-labelledby="context-title">
            <h2 id="context-title">Contexte de la page</h2>
            <ContextList request={detail} />
          </section>
        </div>
        <div class="detail-side">
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">Traitement</h2>
            <StatusForm
              current={detail.status}
              busy={busy}
              onSave={saveStatus}
            />
            <AssignmentForm
              request={detail}
              user={props.user}
              colleagues={colleagues}
              busy={busy}
              onAssign={(assigneeId) =>
                change(
                  { assigneeId },
                  assigneeId === null
                    ? "Assignation retirée."
                    : `Demande assignée à ${assigneeId === props.user.id ? "vous" : (names.get(assigneeId) ?? "ce compte")}.`,
                )
              }
            />
            <TagsForm
              tags={detail.tags}
              busy={busy}
              onSave={(tags) => change({ tags }, "Étiquettes enregistrées.")}
            />
            <NoteForm
              busy={busy}
              onAdd={(text) =>
                run(() => api.addNote(reference, text), "Note ajoutée.")
              }
            />
          </section>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Historique</h2>
            <Timeline request={detail} colleagues={colleagues} />
          </section>
        </div>
      </div>
    </>
  );
}
