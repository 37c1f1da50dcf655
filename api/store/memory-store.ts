import type { CreatedRequest } from "../contract/request.ts";
import type { AppStore } from "./app-store.ts";
import {
  createMemoryState,
  type MemoryRecord,
} from "./memory-request-table.ts";
import { createMemoryConversation } from "./memory-conversation.ts";
import { createMemoryIndicators } from "./memory-indicators.ts";
import { createMemorySupportStore } from "./memory-support-store.ts";
import { createMemoryTipStore } from "./memory-tip-store.ts";
import {
  formatReference,
  referenceYear,
  requestColumns,
  type IdempotencyClaim,
  type NewRequest,
  type StoredRequest,
  type StoredResponse,
} from "./store.ts";

interface KeyEntry {
  fingerprint: string;
  createdAt: number;
  response?: StoredResponse;
}

/** A store in memory: for tests and for trying the API without a disk. Lost when the process stops. */
export function createMemoryStore(): AppStore {
  const state = createMemoryState();
  const keys = new Map<string, KeyEntry>();
  const sequences = new Map<number, number>();

  const support = createMemorySupportStore(state);
  const store: AppStore = {
    ...support,
    ...createMemoryConversation(state, support.getRequestDetail),
    ...createMemoryTipStore(),
    ...createMemoryIndicators(state),
    async claimIdempotencyKey(
      key,
      fingerprint,
      now,
      staleAfterMs,
    ): Promise<IdempotencyClaim> {
      const entry = keys.get(key);
      if (entry && entry.fingerprint !== fingerprint)
        return { state: "mismatch" };
      if (entry?.response)
        return {
          state: "completed",
          response: structuredClone(entry.response),
        };
      if (entry && now.getTime() - entry.createdAt < staleAfterMs)
        return { state: "in_progress" };
      keys.set(key, { fingerprint, createdAt: now.getTime() });
      return { state: "claimed" };
    },

    async releaseIdempotencyKey(key) {
      if (!keys.get(key)?.response) keys.delete(key);
    },

    async submitRequest(submission) {
      const { key, fingerprint, request, now, staleAfterMs } = submission;
      const claim = await store.claimIdempotencyKey(
        key,
        fingerprint,
        now,
        staleAfterMs,
      );
      if (claim.state !== "claimed") return claim;
      // Nothing at all on failure, as one transaction would: the claim goes with the request.
      let created;
      try {
        created = await store.createRequest(
          request,
          now,
          key,
          submission.followUpHash,
        );
      } catch (error) {
        await store.releaseIdempotencyKey(key);
        throw error;
      }
      return { state: "created", created };
    },

    async createRequest(
      request: NewRequest,
      now,
      idempotencyKey,
      followUpHash,
    ): Promise<CreatedRequest> {
      const year = referenceYear(now);
      const sequence = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, sequence);
      const created = {
        reference: formatReference(year, sequence),
        createdAt: now.toISOString(),
      };
      const stored: StoredRequest = {
        ...structuredClone(request),
        ...requestColumns(request),
        ...created,
        status: "new",
      };
      // Absent columns are absent keys, as SQLite gives them back.
      for (const key of ["department", "role", "email"] as const) {
        if (stored[key] === undefined) delete stored[key];
      }
      const record: MemoryRecord = {
        id: state.records.length + 1,
        request: stored,
        version: 1,
        tags: [],
        events: [],
        unreadAnswer: false,
        messages: [],
      };
      const fileStatus = request.context.identity?.status;
      if (fileStatus) record.fileStatus = fileStatus;
      if (followUpHash) record.followUpHash = followUpHash(created.reference);
      state.records.push(record);
      state.byReference.set(created.reference, record);
      const entry = idempotencyKey ? keys.get(idempotencyKey) : undefined;
      if (entry) entry.response = { status: 201, body: created };
      return created;
    },

    async getRequest(reference) {
      const stored = state.byReference.get(reference)?.request;
      return stored && structuredClone(stored);
    },

    async countRequests() {
      return state.records.length;
    },

    async purgeIdempotencyKeys(before) {
      let purged = 0;
      for (const [key, entry] of keys) {
        if (entry.createdAt < before.getTime()) {
          keys.delete(key);
          purged++;
        }
      }
      return purged;
    },

    async close() {},
  };
  return store;
}
