import { http, HttpResponse } from "msw";
import {
  REFERENCE,
  REQUESTS_URL,
  selectFixtureTips,
  TIPS_URL,
} from "./fixtures.ts";

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
  reset(): void;
}

export function createApiLog(): ApiLog {
  const log: ApiLog = {
    tips: [],
    requests: [],
    reset() {
      log.tips.length = 0;
      log.requests.length = 0;
    },
  };
  return log;
}

/** Reads and records a `POST /v1/requests` (the body is cloned so a later handler can read it too). */
export async function recordRequest(
  log: ApiLog,
  request: Request,
): Promise<void> {
  const text = await request.clone().text();
  log.requests.push({
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

/** The happy path of the API: tips chosen from the fixtures by the query, and created requests. */
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
        { reference: REFERENCE, createdAt: "2026-03-02T09:30:00.000Z" },
        { status: 201 },
      );
    }),
  ];
}
