import { http, HttpResponse } from "msw";
import type { FollowUpStatusList } from "../../../api/contract/follow-up.ts";
import {
  EVENTS_URL,
  FOLLOW_UP_STATUS_URL,
  FOLLOW_UP_TOKEN,
  FOLLOW_UP_URL,
  REFERENCE,
  REQUESTS_URL,
  selectFixtureTips,
  TIPS_URL,
} from "./fixtures.ts";

export type FollowUpStatus = FollowUpStatusList["requests"][number];

/** A request the fake API received, as the tests inspect it. */
export interface ReceivedRequest {
  headers: Headers;
  body: unknown;
  /** The body's exact bytes (the server fingerprints them per Idempotency-Key). */
  text: string;
}

/** What the fake API saw, so tests assert on the exact query and body the widget sent. */
export interface ApiLog {
  /** The query of each `GET /v1/tips`, in order. */
  tips: URLSearchParams[];
  /** Each `POST /v1/requests`, in order (including those answered by a test's own handler). */
  requests: ReceivedRequest[];
  /** Each `POST /v1/follow-ups/status`, in order. */
  statusQueries: ReceivedRequest[];
  /** Each `POST /v1/events` (the widget's anonymous counters), in order. */
  events: ReceivedRequest[];
  /**
   * What the fake API knows of follow-up tokens, for `POST /v1/follow-ups/status` (the request it creates
   * is there from the start; tests add others, or remove it to play an expired one).
   */
  followUps: Map<string, FollowUpStatus>;
  reset(): void;
}

/** The fake API's status of the request it creates. */
export const CREATED_STATUS: FollowUpStatus = {
  token: FOLLOW_UP_TOKEN,
  reference: REFERENCE,
  status: "new",
  updatedAt: "2026-03-02T09:30:00.000Z",
  replies: 0,
};

export function createApiLog(): ApiLog {
  const log: ApiLog = {
    tips: [],
    requests: [],
    statusQueries: [],
    events: [],
    followUps: new Map([[FOLLOW_UP_TOKEN, CREATED_STATUS]]),
    reset() {
      log.tips.length = 0;
      log.requests.length = 0;
      log.statusQueries.length = 0;
      log.events.length = 0;
      log.followUps = new Map([[FOLLOW_UP_TOKEN, CREATED_STATUS]]);
    },
  };
  return log;
}

/** Reads and records a `POST /v1/requests` (the body is cloned so a later handler can read it too). */
export async function recordRequest(
  log: ApiLog,
  request: Request,
  into: ReceivedRequest[] = log.requests,
): Promise<void> {
  const text = await request.clone().text();
  into.push({
    headers: new Headers(request.headers),
    body: JSON.parse(text),
    text,
  });
}

/** An error envelope as the API answers it (ARCHITECTURE §3). */
export function errorResponse(
  status: number,
  code: string,
  details?: { path: string; message: string }[],
  headers?: Record<string, string>,
) {
  return HttpResponse.json(
    {
      error: {
        code,
        message: "Message de l'API",
        ...(details ? { details } : {}),
      },
    },
    { status, ...(headers ? { headers } : {}) },
  );
}

/**
 * The happy path of the API: tips chosen from the fixtures by the query, created requests (with their
 * follow-up link), and the statuses of the follow-up tokens it knows (unknown ones left out).
 */
export function widgetHandlers(log: ApiLog) {
  return [
    http.get(TIPS_URL, ({ request }) => {
      const query = new URL(request.url).searchParams;
      log.tips.push(query);
      return HttpResponse.json({ tips: selectFixtureTips(query) });
    }),
    http.post(REQUESTS_URL, async ({ request }) => {
      await recordRequest(log, request);
      return HttpResponse.json(
        {
          reference: REFERENCE,
          createdAt: "2026-03-02T09:30:00.000Z",
          followUpUrl: FOLLOW_UP_URL,
        },
        { status: 201 },
      );
    }),
    // The counters are answered 204, as the API does (api/routes/widget-events.ts).
    http.post(EVENTS_URL, async ({ request }) => {
      await recordRequest(log, request, log.events);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(FOLLOW_UP_STATUS_URL, async ({ request }) => {
      await recordRequest(log, request, log.statusQueries);
      const { tokens } = (await request.json()) as { tokens: string[] };
      return HttpResponse.json({
        requests: tokens.flatMap((token) => {
          const known = log.followUps.get(token);
          return known ? [known] : [];
        }),
      } satisfies FollowUpStatusList);
    }),
  ];
}
