import type { MemoryState } from "./memory-request-table.ts";
import { ANONYMISED_MESSAGE, anonymisedContext } from "./retention.ts";
import type { SupportStore } from "./support-types.ts";

/** Retention in memory, exactly as on SQLite (see sqlite-retention.ts). */
export function createMemoryRetention(
  state: MemoryState,
): Pick<SupportStore, "anonymiseClosedBefore"> {
  return {
    async anonymiseClosedBefore(before) {
      let count = 0;
      for (const record of state.records) {
        const request = record.request;
        const lastChange = record.updatedAt ?? request.createdAt;
        if (request.status !== "closed" || lastChange >= before.toISOString())
          continue;
        if (request.message === ANONYMISED_MESSAGE) continue;
        request.message = ANONYMISED_MESSAGE;
        delete request.email;
        request.context = anonymisedContext(request.context);
        record.events = record.events.filter(
          (event) => event.type !== "note" && event.type !== "tags",
        );
        record.tags = [];
        // As on SQLite: the follow-up link and the conversation go; the score stays, not its comment.
        delete record.followUpHash;
        record.unreadAnswer = false;
        record.messages = [];
        for (const [id, mail] of state.mails)
          if (mail.requestId === record.id) state.mails.delete(id);
        if (record.rating) delete record.rating.comment;
        // `firstReplyAt`, `fileStatus`, the status changes and the score stay: the indicators (issue 13)
        // must read the same figures after anonymisation.
        count++;
      }
      return count;
    },
  };
}
