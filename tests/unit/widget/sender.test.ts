import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CreatedRequest } from "../../../api/contract/request.ts";
import type {
  ApiResult,
  FailureCode,
} from "../../../widget/shared/api-client.ts";
import {
  createOutbox,
  type Outbox,
  type OutboxEntry,
} from "../../../widget/panel/outbox.ts";
import {
  createSender,
  isRetryable,
  MAX_ENTRY_AGE_MS,
  type SenderDeps,
} from "../../../widget/panel/sender.ts";
import { MemoryStorage } from "../../support/widget/memory-storage.ts";

const PLATFORM = "moncompte";
const LOCK = "snu-aide:envoi:moncompte";
const OUTBOX = "snu-aide:envoi:moncompte";
const OUTCOME = "snu-aide:envoi-fini:moncompte";
const CREATED: CreatedRequest = {
  reference: "SNU-2026-000123",
  createdAt: "2026-03-02T09:30:00.000Z",
};
const DRAFT = {
  category: "TECHNICAL",
  subject: "UPLOAD",
  message: "Le bouton de téléversement reste grisé depuis ce matin.",
  email: "camille.martin@example.fr",
};
const ENTRY: Omit<OutboxEntry, "savedAt"> = {
  key: "0b7f3f9e-2c1d-4a8e-9b5f-6d2e1c0a9f11",
  body: '{"category":"TECHNICAL","message":"Le bouton…"}',
  draft: DRAFT,
};
/**
 * The clock of the outbox and the sender (injected): a fixed instant, moved only by the tests about the
 * entry's age (the fake timers move `setTimeout`, not this clock).
 */
const START = Date.UTC(2026, 2, 2, 9, 30);
let clock = START;
const now = () => clock;
/** ENTRY as the outbox keeps it, put at START. */
const STORED: OutboxEntry = { ...ENTRY, savedAt: START };

type Result = ApiResult<CreatedRequest>;
const ok: Result = { ok: true, value: CREATED };
const failure = (code: FailureCode, retryAfter?: number): Result =>
  retryAfter ? { ok: false, code, retryAfter } : { ok: false, code };

/** A promise resolved from outside: an answer still on its way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Web Locks as the browser gives them, shared by the "tabs" of a test: `ifAvailable` hands `null` to the
 * callback while the name is held (here or by `holdElsewhere`).
 */
function fakeLocks() {
  const held = new Set<string>();
  const request = vi.fn(
    async (
      name: string,
      options: LockOptions,
      callback: (lock: Lock | null) => unknown,
    ) => {
      if (held.has(name)) {
        if (!options.ifAvailable) throw new Error("attente non simulée");
        return callback(null);
      }
      held.add(name);
      try {
        return await callback({ name, mode: "exclusive" } as Lock);
      } finally {
        held.delete(name);
      }
    },
  );
  return {
    request,
    /** Another tab holds the lock; returns its release. */
    holdElsewhere(name = LOCK) {
      held.add(name);
      return () => void held.delete(name);
    },
  };
}

/** The window the sender sees: fake timers (recording each delay), `online`, and optional locks. */
function fakeWindow(locks?: unknown) {
  const events = new EventTarget();
  return {
    setTimeout: vi.fn(
      (handler: () => void, ms: number) =>
        setTimeout(handler, ms) as unknown as number,
    ),
    clearTimeout: vi.fn((id?: number) => clearTimeout(id)),
    addEventListener: vi.fn((type: string, listener: EventListener) =>
      events.addEventListener(type, listener),
    ),
    removeEventListener: vi.fn((type: string, listener: EventListener) =>
      events.removeEventListener(type, listener),
    ),
    navigator: (locks ? { locks } : {}) as Navigator,
    dispatch: (type: string) => events.dispatchEvent(new Event(type)),
  };
}

let storage: MemoryStorage;
const senders: { stop(): void }[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  storage = new MemoryStorage();
  clock = START;
});
afterEach(() => {
  senders.splice(0).forEach((sender) => sender.stop());
  vi.useRealTimers();
});

/**
 * A sender over a fresh outbox holding ENTRY. `answers` are given to the tries in order (then 201s);
 * `post` may be replaced. Returns the sender, its deps and what was settled.
 */
function setup(
  options: {
    answers?: (Result | Promise<Result>)[];
    random?: () => number;
    locks?: unknown;
    entry?: typeof ENTRY | undefined;
  } = {},
) {
  const outbox: Outbox = createOutbox(() => storage, PLATFORM, now);
  if (options.entry !== undefined || !("entry" in options))
    outbox.put(options.entry ?? ENTRY);
  const answers = [...(options.answers ?? [])];
  const post = vi.fn<SenderDeps["post"]>(async () => answers.shift() ?? ok);
  const win = fakeWindow(options.locks);
  // The page's listeners (passed in, as panel-chunk.ts does): here one, `settled`.
  const settled = vi.fn();
  const listeners = new Set([settled]);
  const deps: SenderDeps = {
    outbox,
    post,
    win,
    platform: PLATFORM,
    listeners,
    now,
    ...(options.random ? { random: options.random } : {}),
  };
  const sender = createSender(deps);
  senders.push(sender);
  /** The delay of every retry planned so far, in ms. */
  const delays = () => win.setTimeout.mock.calls.map(([, ms]) => ms);
  return { sender, outbox, post, win, settled, listeners, delays };
}

/** Lets the planned retry fire and its answer be handled. */
const nextRetry = () => vi.runOnlyPendingTimersAsync();

describe("sending", () => {
  it("sends the outbox's entry at once, with its key and its exact bytes", async () => {
    const { sender, post } = setup();

    await sender.send();

    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith(ENTRY.body, ENTRY.key);
  });

  it("does nothing when the outbox is empty", async () => {
    const { sender, post, settled, delays } = setup({ entry: undefined });

    expect(await sender.send()).toBeUndefined();

    expect(post).not.toHaveBeenCalled();
    expect(settled).not.toHaveBeenCalled();
    expect(delays()).toEqual([]);
  });

  it("sends the same key and bytes on every retry", async () => {
    const { sender, post } = setup({
      answers: [failure("network"), failure("unavailable"), failure("timeout")],
    });

    await sender.send();
    for (let i = 0; i < 3; i++) await nextRetry();

    expect(post).toHaveBeenCalledTimes(4);
    for (const call of post.mock.calls)
      expect(call).toEqual([ENTRY.body, ENTRY.key]);
  });
});

describe("backoff", () => {
  const expected = (attempt: number, random: number) =>
    Math.min(300_000, 2_000 * 2 ** attempt) * (0.5 + random / 2);

  it.each([0, 0.25, 0.999])(
    "doubles from about 2 s, jittered by random() = %j, and stays at 5 minutes at most",
    async (random) => {
      const { sender, delays } = setup({
        answers: Array.from({ length: 12 }, () => failure("network")),
        random: () => random,
      });

      await sender.send();
      for (let i = 0; i < 11; i++) await nextRetry();

      expect(delays()).toEqual(
        Array.from({ length: 12 }, (_, attempt) => expected(attempt, random)),
      );
      expect(Math.max(...delays())).toBeLessThanOrEqual(300_000);
    },
  );

  it("keeps every delay within [0.5, 1] × the backoff with the real Math.random", async () => {
    const { sender, delays } = setup({
      answers: Array.from({ length: 10 }, () => failure("network")),
    });

    await sender.send();
    for (let i = 0; i < 9; i++) await nextRetry();

    delays().forEach((delay, attempt) => {
      const backoff = Math.min(300_000, 2_000 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(backoff * 0.5);
      expect(delay).toBeLessThanOrEqual(backoff);
    });
  });

  it("waits exactly the planned delay before the next try", async () => {
    const { sender, post } = setup({
      answers: [failure("network"), failure("network")],
      random: () => 1,
    });

    await sender.send();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(post).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(post).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(3);
  });

  it("waits for Retry-After when it is longer than the backoff", async () => {
    const { sender, post, delays } = setup({
      answers: [failure("rate_limited", 120)],
      random: () => 1,
    });

    await sender.send();

    expect(delays()).toEqual([120_000]);
    await vi.advanceTimersByTimeAsync(119_999);
    expect(post).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("keeps the backoff when Retry-After is shorter", async () => {
    const { sender, delays } = setup({
      answers: [failure("unavailable", 1)],
      random: () => 1,
    });

    await sender.send();

    expect(delays()).toEqual([2_000]);
  });

  it("waits one day at most, whatever Retry-After asks (a longer timer would overflow)", async () => {
    const { sender, post, delays } = setup({
      answers: [failure("rate_limited", 1e9)],
      random: () => 1,
    });

    await sender.send();

    expect(delays()).toEqual([86_400_000]);
    // Neither at once (an overflowed timer) nor later than a day.
    await vi.advanceTimersByTimeAsync(86_399_999);
    expect(post).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("starts again from about 2 s for the next submission once one is settled", async () => {
    const { sender, outbox, delays } = setup({
      answers: [failure("network"), failure("network"), ok, failure("network")],
      random: () => 1,
    });
    await sender.send();
    await nextRetry();
    await nextRetry();
    expect(outbox.pending()).toBeUndefined();

    outbox.put({ ...ENTRY, key: "a-new-key" });
    await sender.send();

    expect(delays()).toEqual([2_000, 4_000, 2_000]);
  });
});

describe("online", () => {
  it("tries at once when the connection comes back, instead of waiting", async () => {
    const { sender, post, win, settled } = setup({
      answers: [failure("network")],
      random: () => 1,
    });
    await sender.send();
    expect(post).toHaveBeenCalledTimes(1);

    win.dispatch("online");
    await vi.advanceTimersByTimeAsync(0);

    expect(post).toHaveBeenCalledTimes(2);
    expect(settled).toHaveBeenCalledTimes(1);
    // The planned retry was cancelled: nothing more is sent.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("tries at once even during a Retry-After wait", async () => {
    const { sender, post, win } = setup({
      answers: [failure("rate_limited", 120)],
    });
    await sender.send();

    win.dispatch("online");
    await vi.advanceTimersByTimeAsync(0);

    expect(post).toHaveBeenCalledTimes(2);
  });
});

describe("Web Locks", () => {
  it("asks for the platform's lock without waiting for it", async () => {
    const locks = fakeLocks();
    const { sender, post } = setup({ locks });

    await sender.send();

    expect(locks.request).toHaveBeenCalledTimes(1);
    expect(locks.request.mock.calls[0]![0]).toBe(LOCK);
    expect(locks.request.mock.calls[0]![1]).toEqual({ ifAvailable: true });
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("does not send while another tab holds the lock, and tries again later", async () => {
    const locks = fakeLocks();
    const release = locks.holdElsewhere();
    const { sender, post, delays } = setup({ locks, random: () => 1 });

    expect(await sender.send()).toBeUndefined();

    expect(post).not.toHaveBeenCalled();
    expect(delays()).toEqual([2_000]);
    await nextRetry();
    expect(post).not.toHaveBeenCalled();

    release();
    await nextRetry();
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("has one try in flight at a time in this tab too", async () => {
    const locks = fakeLocks();
    const answer = deferred<Result>();
    const { sender, post, win } = setup({ locks, answers: [answer.promise] });

    const first = sender.send();
    await vi.advanceTimersByTimeAsync(0);
    win.dispatch("online");
    await sender.send();

    expect(post).toHaveBeenCalledTimes(1);
    answer.resolve(ok);
    expect(await first).toEqual(ok);
  });

  it("just sends when the browser has no Web Locks", async () => {
    const { sender, post } = setup();

    await sender.send();

    expect(post).toHaveBeenCalledTimes(1);
  });

  it("still sends when the browser refuses its locks (a sandboxed frame)", async () => {
    const locks = {
      request: vi.fn(() =>
        Promise.reject(new DOMException("refusé", "SecurityError")),
      ),
    };
    const { sender, post, settled } = setup({ locks });

    expect(await sender.send()).toEqual(ok);

    expect(post).toHaveBeenCalledTimes(1);
    expect(settled).toHaveBeenCalledTimes(1);
  });
});

describe("settling", () => {
  it("settles an acknowledged request as {created, email} and tells the listeners", async () => {
    const { sender, outbox, settled, delays } = setup();

    expect(await sender.send()).toEqual(ok);

    expect(outbox.pending()).toBeUndefined();
    expect(storage.getItem(OUTBOX)).toBeNull();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(outbox.takeOutcome()).toEqual({
      created: CREATED,
      email: DRAFT.email,
      savedAt: START,
    });
    expect(delays()).toEqual([]);
  });

  it("settles a refused request as {refused, details} (the text stays in the draft storage) and does not retry it", async () => {
    const details = [
      { path: "message", message: "Votre message contient un lien interdit." },
    ];
    const { sender, outbox, post, settled } = setup({
      answers: [{ ok: false, code: "validation_failed", details }],
    });

    await sender.send();

    expect(outbox.pending()).toBeUndefined();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.getItem(OUTCOME)!)).toEqual({
      refused: "validation_failed",
      details,
      savedAt: START,
    });
    expect(outbox.takeOutcome()).toEqual({
      refused: "validation_failed",
      details,
      savedAt: START,
    });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it.each<FailureCode>([
    "idempotency_mismatch",
    "origin_not_allowed",
    "payload_too_large",
    "rejected",
  ])("does not retry %s", async (code) => {
    const { sender, outbox, delays } = setup({ answers: [failure(code)] });

    await sender.send();

    expect(delays()).toEqual([]);
    expect(outbox.takeOutcome()).toEqual({
      refused: code,
      details: undefined,
      savedAt: START,
    });
  });

  it("keeps a request that failed in a way a retry can fix, and tells no one", async () => {
    const { sender, outbox, settled } = setup({
      answers: [failure("idempotency_in_progress")],
    });

    await sender.send();

    expect(outbox.pending()).toEqual(STORED);
    expect(storage.getItem(OUTCOME)).toBeNull();
    expect(settled).not.toHaveBeenCalled();
  });

  it("does not settle twice a request another tab settled while its answer was on its way", async () => {
    const answer = deferred<Result>();
    const { sender, settled } = setup({ answers: [answer.promise] });
    const other = createOutbox(() => storage, PLATFORM, now);

    const sending = sender.send();
    await vi.advanceTimersByTimeAsync(0);
    clock += 1_000;
    other.settle({
      created: { ...CREATED, reference: "SNU-2026-000999" },
      email: "",
    });
    answer.resolve(ok);
    await sending;

    expect(settled).not.toHaveBeenCalled();
    // The other tab's outcome is the one kept, not written over by this tab's.
    expect(other.takeOutcome()).toEqual({
      created: { ...CREATED, reference: "SNU-2026-000999" },
      email: "",
      savedAt: START + 1_000,
    });
  });

  it("plans no retry for a request another tab settled while it failed here", async () => {
    const answer = deferred<Result>();
    const { sender, post, delays } = setup({ answers: [answer.promise] });

    const sending = sender.send();
    await vi.advanceTimersByTimeAsync(0);
    storage.removeItem(OUTBOX);
    answer.resolve(failure("network"));
    await sending;

    expect(delays()).toEqual([]);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("does not settle a newer submission with the answer to an older one", async () => {
    // A waiting entry is never written over (the form submits only when the outbox is empty): a newer
    // one can only come after another tab settled the older one while this tab's answer was on its way.
    const answer = deferred<Result>();
    const { sender, outbox, settled } = setup({ answers: [answer.promise] });
    const other = createOutbox(() => storage, PLATFORM, now);

    const sending = sender.send();
    await vi.advanceTimersByTimeAsync(0);
    other.settle({ created: CREATED, email: DRAFT.email });
    outbox.put({ ...ENTRY, key: "a-newer-key" });
    answer.resolve(ok);
    await sending;

    expect(settled).not.toHaveBeenCalled();
    expect(outbox.pending()).toEqual({ ...STORED, key: "a-newer-key" });
    expect(other.takeOutcome()).toEqual({
      created: CREATED,
      email: DRAFT.email,
      savedAt: START,
    });
  });

  it("stops telling a listener once it unsubscribed", async () => {
    const { sender, outbox, listeners } = setup();
    const listener = vi.fn();
    listeners.add(listener);
    await sender.send();
    expect(listener).toHaveBeenCalledTimes(1);

    listeners.delete(listener);
    outbox.put({ ...ENTRY, key: "a-newer-key" });
    await sender.send();

    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("tells the page's listeners whichever of its senders settles the submission", async () => {
    // The panel's sender and the one the loader starts at boot share the page's set (panel-chunk.ts).
    const { listeners, settled } = setup();
    const boot = createSender({
      outbox: createOutbox(() => storage, PLATFORM, now),
      post: async () => ok,
      win: fakeWindow(),
      platform: PLATFORM,
      listeners,
      now,
    });
    senders.push(boot);

    await boot.send();

    expect(settled).toHaveBeenCalledTimes(1);
  });
});

describe("an entry's age", () => {
  it("is 24 h at most", () => {
    expect(MAX_ENTRY_AGE_MS).toBe(86_400_000);
  });

  it("does not send an entry older than 24 h: it is settled as expired, and the listeners told", async () => {
    const { sender, outbox, post, settled, delays } = setup();
    clock = START + MAX_ENTRY_AGE_MS + 1;

    expect(await sender.send()).toEqual({ ok: false, code: "expired" });

    expect(post).not.toHaveBeenCalled();
    expect(outbox.pending()).toBeUndefined();
    expect(storage.getItem(OUTBOX)).toBeNull();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(outbox.takeOutcome()).toEqual({
      refused: "expired",
      details: undefined,
      savedAt: START + MAX_ENTRY_AGE_MS + 1,
    });
    expect(delays()).toEqual([]);
  });

  it.each([
    ["just made", 0],
    ["an hour old", 3_600_000],
    ["exactly 24 h old", MAX_ENTRY_AGE_MS],
  ])("sends an entry %s", async (_, age) => {
    const { sender, outbox, post, settled } = setup();
    clock = START + age;

    expect(await sender.send()).toEqual(ok);

    expect(post).toHaveBeenCalledWith(ENTRY.body, ENTRY.key);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(outbox.takeOutcome()).toMatchObject({ created: CREATED });
  });

  it("stops retrying an entry once it is older than 24 h", async () => {
    const { sender, outbox, post, settled, delays } = setup({
      answers: [failure("network"), failure("network")],
      random: () => 1,
    });
    await sender.send();
    clock = START + 12 * 3_600_000;
    await nextRetry();
    expect(post).toHaveBeenCalledTimes(2);

    clock = START + MAX_ENTRY_AGE_MS + 1;
    await nextRetry();

    expect(post).toHaveBeenCalledTimes(2);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(outbox.takeOutcome()).toMatchObject({ refused: "expired" });
    expect(delays()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("does not expire an entry another tab put meanwhile in place of an old one", async () => {
    const { sender, outbox, post } = setup();
    clock = START + MAX_ENTRY_AGE_MS + 1;
    // The old one was settled elsewhere, and a new submission made: only its own age counts.
    createOutbox(() => storage, PLATFORM, now).settle({ refused: "expired" });
    outbox.put({ ...ENTRY, key: "a-new-key" });

    await sender.send();

    expect(post).toHaveBeenCalledWith(ENTRY.body, "a-new-key");
  });

  it("takes its clock from Date.now when none is given", async () => {
    const outbox = createOutbox(() => storage, PLATFORM);
    outbox.put(ENTRY);
    const post = vi.fn<SenderDeps["post"]>(async () => ok);
    const sender = createSender({
      outbox,
      post,
      win: fakeWindow(),
      platform: PLATFORM,
      listeners: new Set(),
    });
    senders.push(sender);
    vi.setSystemTime(Date.now() + MAX_ENTRY_AGE_MS + 1);

    await sender.send();

    expect(post).not.toHaveBeenCalled();
    expect(outbox.takeOutcome()).toMatchObject({ refused: "expired" });
  });
});

describe("stop", () => {
  it("clears the planned retry and the online listener", async () => {
    const { sender, post, win } = setup({ answers: [failure("network")] });
    await sender.send();
    const [[, online]] = win.addEventListener.mock.calls as [
      [string, EventListener],
    ];

    sender.stop();

    expect(win.removeEventListener).toHaveBeenCalledWith("online", online);
    win.dispatch("online");
    await vi.advanceTimersByTimeAsync(600_000);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("plans no retry for a try still in flight when stopped", async () => {
    const answer = deferred<Result>();
    const { sender, post, delays } = setup({ answers: [answer.promise] });

    const sending = sender.send();
    await vi.advanceTimersByTimeAsync(0);
    sender.stop();
    answer.resolve(failure("network"));
    await sending;

    expect(delays()).toEqual([]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(post).toHaveBeenCalledTimes(1);
  });
});

describe("isRetryable", () => {
  it.each<[FailureCode, boolean]>([
    ["network", true],
    ["timeout", true],
    ["rate_limited", true],
    ["idempotency_in_progress", true],
    ["unavailable", true],
    ["internal", true],
    ["bad_response", true],
    ["validation_failed", false],
    ["idempotency_mismatch", false],
    ["origin_not_allowed", false],
    ["payload_too_large", false],
    ["invalid_json", false],
    ["missing_idempotency_key", false],
    ["rejected", false],
  ])("%s → %j", (code, retryable) => {
    expect(isRetryable(code)).toBe(retryable);
  });
});
