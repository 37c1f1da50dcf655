import type { CreatedRequest, RequestContext } from "../contract/request.ts";
import type { RequestRecord } from "../contract/support-requests.ts";

/** A validated request, ready to be stored. The store adds the reference and the creation date. */
export interface NewRequest {
  category: string;
  subject: string;
  message: string;
  email?: string;
  context: RequestContext;
}

/** A request as stored: the columns the console filters on, and the full context as sent (the contract's). */
export type StoredRequest = RequestRecord;

/** What a stored idempotent submission answered, to replay it byte for byte in meaning. */
export interface StoredResponse {
  status: number;
  body: CreatedRequest;
}

/** Outcome of claiming an `Idempotency-Key` (IETF draft-ietf-httpapi-idempotency-key-header). */
export type IdempotencyClaim =
  | { state: "claimed" }
  | { state: "in_progress" }
  | { state: "mismatch" }
  | { state: "completed"; response: StoredResponse };

/** A submission of `POST /v1/requests`: its Idempotency-Key, the fingerprint of its body, the request. */
export interface Submission {
  key: string;
  fingerprint: string;
  request: NewRequest;
  now: Date;
  /** A claim older than this that never completed (a process that died mid-request) no longer holds. */
  staleAfterMs: number;
  followUpHash?: (reference: string) => string;
}

/** What a submission did: stored the request, or found its key already used (see IdempotencyClaim). */
export type SubmissionOutcome =
  | Exclude<IdempotencyClaim, { state: "claimed" }>
  | { state: "created"; created: CreatedRequest };

/** Storage of the API. Every implementation passes `runStoreContract` (tests/support/store-contract.ts). */
export interface Store {
  /**
   * Claims a key for a body fingerprint. A claim older than `staleAfterMs` that never completed (the
   * process died mid-request) can be claimed again.
   */
  claimIdempotencyKey(
    key: string,
    fingerprint: string,
    now: Date,
    staleAfterMs: number,
  ): Promise<IdempotencyClaim>;
  /** Frees a claimed key whose request failed, so that a retry may go through. */
  releaseIdempotencyKey(key: string): Promise<void>;
  /**
   * Stores the request and completes its idempotency key in one transaction: never one without the other.
   * `followUpHash` gives the hash of the request's follow-up token from its reference (issue 10).
   */
  createRequest(
    request: NewRequest,
    now: Date,
    idempotencyKey?: string,
    followUpHash?: (reference: string) => string,
  ): Promise<CreatedRequest>;
  /**
   * The write path of `POST /v1/requests` in one transaction (issue 14): the key checked as
   * `claimIdempotencyKey` does, then the request stored with its completed key — or nothing at all.
   */
  submitRequest(submission: Submission): Promise<SubmissionOutcome>;
  getRequest(reference: string): Promise<StoredRequest | undefined>;
  countRequests(): Promise<number>;
  /** Forgets idempotency keys created before `before`; returns how many. */
  purgeIdempotencyKeys(before: Date): Promise<number>;
  close(): Promise<void>;
}

/** Readable reference, easy to say on the phone: SNU-2026-000123 (sequence per year, 6 digits at least). */
export function formatReference(year: number, sequence: number): string {
  return `SNU-${year}-${String(sequence).padStart(6, "0")}`;
}

/** Year of a date in metropolitan France, so a request sent on 1 January at 00:30 belongs to the new year. */
export function referenceYear(date: Date): number {
  return Number(PARIS_YEAR.format(date));
}
const PARIS_YEAR = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  year: "numeric",
});

/** The columns a stored request keeps apart from its context. */
export function requestColumns(request: NewRequest) {
  return {
    platform: request.context.platform,
    route: request.context.route,
    department: request.context.identity?.department,
    role: request.context.identity?.role,
  };
}
