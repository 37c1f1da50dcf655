/** Why a support-store call refused its input; the API answers 400 (409 for a taken e-mail), never 500. */
export class SupportStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A `cursor` that no `listRequests` call produced (tampered, truncated, from another list). */
export class InvalidCursorError extends SupportStoreError {
  constructor() {
    super("Invalid page cursor");
  }
}

/** A `from`, `to` or `previousFrom` that is not an ISO date (`2026-05-04`) or datetime with a zone. */
export class InvalidDateError extends SupportStoreError {
  constructor(readonly field: string) {
    super(`Invalid date in ${field}`);
  }
}

/** An assignee that is not an active account (unknown or disabled). */
export class UnknownAssigneeError extends SupportStoreError {
  constructor(readonly assigneeId: number) {
    super(`No active account ${assigneeId} to assign`);
  }
}

/** A search with more distinct words than `SEARCH_MAX_WORDS` (support-rules.ts). */
export class InvalidSearchError extends SupportStoreError {
  constructor() {
    super("Too many words in the search");
  }
}

/** Tags beyond the limits of `normalizeTags` (too many, or one too long). */
export class InvalidTagsError extends SupportStoreError {}

/** An account already uses this e-mail (compared without case). */
export class DuplicateEmailError extends SupportStoreError {
  constructor() {
    super("An account already uses this e-mail");
  }
}

/** The acting account does not exist: a bug in the caller, not bad user input (the API answers 500). */
export class UnknownActorError extends Error {
  constructor(readonly actorId: number) {
    super(`No account ${actorId} to act`);
    this.name = "UnknownActorError";
  }
}
