import type { Page } from "playwright-core";
import type { CreateRequest } from "../../../api/contract/request.ts";
import { makeRequestBody } from "../../support/factories.ts";
import type { WidgetServer } from "./widget-server.ts";

/** What `POST /v1/requests` answers: the reference and the requester's follow-up link. */
export interface SentRequest {
  reference: string;
  followUpUrl: string;
}

/**
 * Sends a request the way the widget does (`POST /v1/requests`, its own Idempotency-Key), from a young
 * person of `department` on `route`. Faster than the widget when a test only needs requests to exist.
 */
export async function sendRequest(
  server: WidgetServer,
  options: { department?: string; route?: string; message?: string } = {},
): Promise<SentRequest> {
  const base = makeRequestBody();
  const body: CreateRequest = {
    ...base,
    ...(options.message ? { message: options.message } : {}),
    context: {
      ...base.context,
      ...(options.route ? { route: options.route, routeParams: {} } : {}),
      identity: {
        ...base.context.identity!,
        ...(options.department ? { department: options.department } : {}),
      },
    },
  };
  const response = await fetch(`${server.url}v1/requests`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(
      `POST /v1/requests answered ${response.status}: ${await response.text()}`,
    );
  return (await response.json()) as SentRequest;
}

/**
 * Calls the console's API from a page signed in to the console: same origin, its session cookie and the
 * header the API asks of every change. Throws on anything but a 2xx, with the server's answer.
 */
export async function consoleApi(
  page: Page,
  method: "GET" | "POST" | "PUT" | "PATCH",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/support/api${path}`, {
        method,
        headers: {
          Accept: "application/json",
          ...(method === "GET" ? {} : { "X-SNU-Support": "1" }),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (answer.status < 200 || answer.status > 299)
    throw new Error(
      `${method} /support/api${path} answered ${answer.status}: ${answer.text}`,
    );
  return answer.text ? JSON.parse(answer.text) : undefined;
}
