import type { CreatedRequest } from "../../api/contract/request.ts";
import {
  createApiClient,
  type ApiResult,
  type FailureCode,
} from "../shared/api-client.ts";
import type { LoaderConfig } from "../shared/types.ts";
import { createOutbox, type Outbox } from "./outbox.ts";

/** The first retry waits about 2 s, then twice as long each time, up to 5 minutes. */
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 300_000;
/** A `Retry-After` is honoured up to a day (longer would overflow the browser's timers). */
const MAX_RETRY_AFTER_S = 86_400;
/**
 * Not resent automatically after a day: the server keeps idempotency keys 48 h, and past that the same
 * key could make a second row. The user then checks and sends it again (text kept).
 */
export const MAX_ENTRY_AGE_MS = 86_400_000;

/**
 * Failures after which the same request may simply be sent again — the server may even have stored it:
 * no answer, a timeout, 408, 429, any 5xx, or a success answer the widget could not read.
 */
export const isRetryable = (code: FailureCode) =>
  /^(?:network|timeout|rate_limited|idempotency_in_progress|unavailable|internal|bad_response)$/.test(
    code,
  );

type SendResult = ApiResult<CreatedRequest> | undefined;
type SenderWindow = Pick<
  Window,
  "setTimeout" | "clearTimeout" | "addEventListener" | "removeEventListener"
> & { navigator: Navigator };

export interface SenderDeps {
  outbox: Outbox;
  post(body: string, key: string): Promise<ApiResult<CreatedRequest>>;
  win: SenderWindow;
  /** Names the lock shared by the tabs of this browser. */
  platform: string;
  /**
   * Told when a submission ends (acknowledged or refused): the page's set, given to each of its senders
   * and to those who listen (panel-chunk.ts), so that the open panel hears of it whichever settled it.
   */
  listeners: SettledListeners;
  random?: () => number;
  now?: () => number;
}

/** Who hears that a submission ended; one set per page. A listener adds itself, and removes itself. */
export type SettledListeners = Set<() => void>;

/**
 * Sends the outbox's submission until the API acknowledges it (for a day at most): at once, then with
 * exponential backoff and jitter, never sooner than `Retry-After`, and at once when the connection comes
 * back. One tab sends at a time (Web Locks); every try carries the same key and bytes, so the server
 * stores it once. An answer no retry can change (a 400…) ends it too: the outcome is kept for the user.
 */
export function createSender(deps: SenderDeps) {
  const { outbox, win, listeners, random = Math.random, now = Date.now } = deps;
  let timer: number | undefined;
  let failures = 0;
  let stopped = false;

  async function attempt(): Promise<SendResult> {
    const entry = outbox.pending();
    if (!entry) return undefined;
    const result: ApiResult<CreatedRequest> =
      now() - entry.savedAt > MAX_ENTRY_AGE_MS
        ? { ok: false, code: "expired" }
        : await deps.post(entry.body, entry.key);
    // Another tab may have settled it meanwhile.
    if (outbox.pending()?.key !== entry.key) return result;
    if (result.ok)
      outbox.settle(
        { created: result.value, email: entry.draft.email },
        entry.body,
      );
    else if (isRetryable(result.code)) {
      later(result.retryAfter);
      return result;
    } else outbox.settle({ refused: result.code, details: result.details });
    failures = 0;
    listeners.forEach((listener) => listener());
    return result;
  }

  function later(retryAfter = 0) {
    if (stopped) return; // an attempt still in flight when stopped schedules nothing
    const backoff =
      Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures++) *
      (0.5 + random() / 2);
    win.clearTimeout(timer);
    timer = win.setTimeout(
      send,
      Math.max(backoff, Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000),
    );
  }

  /** One try now. While another tab holds the lock, this one only tries again later. */
  function send(): Promise<SendResult> {
    win.clearTimeout(timer);
    const locks = win.navigator.locks;
    let tried = false;
    const tryOnce = () => ((tried = true), attempt());
    return locks
      ? locks
          .request(
            `snu-aide:envoi:${deps.platform}`,
            { ifAvailable: true },
            (lock) => (lock ? tryOnce() : (later(), undefined)),
          )
          // Locks refused (a sandboxed frame rejects with SecurityError): sent as without them.
          .catch(() => (tried ? undefined : attempt()))
      : attempt();
  }

  const online = () => void send();
  win.addEventListener("online", online);
  return {
    send,
    stop() {
      stopped = true;
      win.clearTimeout(timer);
      win.removeEventListener("online", online);
    },
  };
}

export type Sender = ReturnType<typeof createSender>;

/**
 * The sender of a platform for this page: created by the panel, and by the loader at boot when a
 * submission is waiting (two in one tab are harmless: the lock takes turns and the key is the same).
 */
export function senderFor(
  config: Pick<LoaderConfig, "api" | "platform">,
  win: SenderWindow & Pick<Window, "fetch" | "localStorage">,
  listeners: SettledListeners,
  // The panel passes its own: where storage is refused, the entry lives in that outbox's memory only.
  outbox: Outbox = createOutbox(() => win.localStorage, config.platform),
): Sender {
  const api = createApiClient({
    baseUrl: config.api,
    fetch: win.fetch.bind(win),
  });
  return createSender({
    outbox,
    post: api.createRequest,
    win,
    platform: config.platform,
    listeners,
  });
}
