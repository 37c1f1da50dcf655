import { conversationOf } from "./memory-conversation.ts";
import {
  inScope,
  moveStatus,
  queueMail,
  type MemoryEvent,
  type MemoryRecord,
  type MemoryState,
} from "./memory-request-table.ts";
import type { ConversationDetail } from "./conversation-types.ts";
import { UnknownActorError, UnknownAssigneeError } from "./support-errors.ts";
import {
  assignmentData,
  normalizeTags,
  scopeCovers,
  scopeOfAccount,
} from "./support-rules.ts";
import type {
  RequestDetail,
  RequestEvent,
  Scope,
  SupportStore,
} from "./support-types.ts";

/** A request's detail, changes and notes in memory, with SQLite's rules (versions, events, scope). */
export function createMemoryRequestDetail(
  state: MemoryState,
): Pick<SupportStore, "getRequestDetail" | "updateRequest" | "addNote"> {
  const find = (scope: Scope, reference: string) => {
    const record = state.byReference.get(reference);
    return record && inScope(scope, record.request) ? record : undefined;
  };
  const requireActor = (actorId: number) => {
    if (!state.users.has(actorId)) throw new UnknownActorError(actorId);
  };
  /** Like SQLite: only an active account that can see the request; any other is refused as unknown. */
  const isAssignable = (assigneeId: number, record: MemoryRecord) => {
    const account = state.users.get(assigneeId);
    return (
      account !== undefined &&
      !account.disabled &&
      scopeCovers(scopeOfAccount(account), record.request.department)
    );
  };
  const append = (record: MemoryRecord, event: Omit<MemoryEvent, "id">) =>
    record.events.push({ ...event, id: ++state.lastEventId });

  const toDetail = (record: MemoryRecord): RequestDetail => {
    const r = record.request;
    const assignee =
      record.assigneeId === undefined
        ? undefined
        : state.users.get(record.assigneeId);
    const detail: Omit<RequestDetail, keyof ConversationDetail> = {
      ...structuredClone(r),
      version: record.version,
      updatedAt: record.updatedAt ?? r.createdAt,
      tags: [...record.tags],
      events: [
        { id: 0, at: r.createdAt, type: "created", data: {} },
        ...record.events.map((event): RequestEvent => {
          const actor =
            event.actorId === undefined
              ? undefined
              : state.users.get(event.actorId);
          return {
            id: event.id,
            at: event.at,
            type: event.type,
            data: structuredClone(event.data),
            ...(actor
              ? { actor: { id: actor.id, displayName: actor.displayName } }
              : {}),
          };
        }),
      ],
    };
    if (assignee)
      detail.assignee = { id: assignee.id, displayName: assignee.displayName };
    return Object.assign(detail, conversationOf(state, record));
  };

  return {
    async getRequestDetail(scope, reference) {
      const record = find(scope, reference);
      return record && toDetail(record);
    },

    async updateRequest(scope, reference, change, now) {
      const record = find(scope, reference);
      if (!record) return { ok: false, reason: "not_found" };
      if (record.version !== change.expectedVersion)
        return { ok: false, reason: "conflict", current: toDetail(record) };
      requireActor(change.actorId);
      // Check everything before changing anything: a refused change leaves no trace, as a rollback would.
      const events: Pick<MemoryEvent, "type" | "data">[] = [];
      const status = change.status ?? record.request.status;
      if (status !== record.request.status)
        events.push({
          type: "status",
          data: { from: record.request.status, to: status },
        });
      const assigneeId =
        change.assigneeId === undefined
          ? record.assigneeId
          : (change.assigneeId ?? undefined);
      if (assigneeId !== record.assigneeId) {
        if (assigneeId !== undefined && !isAssignable(assigneeId, record))
          throw new UnknownAssigneeError(assigneeId);
        events.push({
          type: "assignment",
          data: assignmentData(record.assigneeId, assigneeId),
        });
      }
      const tags =
        change.tags === undefined ? record.tags : normalizeTags(change.tags);
      if (JSON.stringify(tags) !== JSON.stringify(record.tags))
        events.push({ type: "tags", data: { tags: [...tags] } });
      if (!events.length) return { ok: true, detail: toDetail(record) };

      const at = now.toISOString();
      moveStatus(record, status, at);
      if (assigneeId === undefined) delete record.assigneeId;
      else record.assigneeId = assigneeId;
      record.tags = tags;
      record.version++;
      record.updatedAt = at;
      for (const event of events)
        append(record, { ...event, at, actorId: change.actorId });
      // Resolved by a status change: the requester is told, with the link where satisfaction is asked.
      if (events.some((e) => e.type === "status") && status === "resolved")
        queueMail(state, record, "resolution", at);
      return { ok: true, detail: toDetail(record) };
    },

    async addNote(scope, reference, actorId, text, now) {
      const record = find(scope, reference);
      if (!record) return undefined;
      requireActor(actorId);
      const at = now.toISOString();
      append(record, { type: "note", at, actorId, data: { text } });
      record.version++;
      record.updatedAt = at;
      return toDetail(record);
    },
  };
}
