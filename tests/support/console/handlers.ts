import { http, HttpResponse } from "msw";
import type { ConsoleUser } from "../../../api/console/api-client.ts";
import type {
  PageStat,
  RequestDetail,
  RequestEvent,
  RequestSummary,
} from "../../../api/store/support-types.ts";
import type { ReplyTemplate } from "../../../api/store/conversation-types.ts";
import { apiUrl, COLLEAGUES, NOW } from "./fixtures.ts";

/** One call the fake API received, as tests inspect it. */
export interface ReceivedCall {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/**
 * The fake console API's state: who is signed in, the inbox pages, the stored details, the « Par page »
 * report, and every call received. Tests set what they need before mounting.
 */
export interface FakeConsoleApi {
  user: ConsoleUser | undefined;
  /** The inbox rows; answered `pageSize` at a time with a keyset-like cursor. */
  requests: RequestSummary[];
  pageSize: number;
  details: Map<string, RequestDetail>;
  pages: PageStat[];
  /** « Réponses types » (issue 10). */
  templates: ReplyTemplate[];
  calls: ReceivedCall[];
  /** Calls to one endpoint, e.g. `callsTo("GET", "/requests")`. */
  callsTo(method: string, path: string): ReceivedCall[];
  reset(): void;
}

export function createFakeConsoleApi(): FakeConsoleApi {
  const fake: FakeConsoleApi = {
    user: undefined,
    requests: [],
    pageSize: 50,
    details: new Map(),
    pages: [],
    templates: [],
    calls: [],
    callsTo: (method, path) =>
      fake.calls.filter(
        (call) =>
          call.method === method && call.url.pathname === `/support/api${path}`,
      ),
    reset() {
      fake.user = undefined;
      fake.requests = [];
      fake.pageSize = 50;
      fake.details = new Map();
      fake.pages = [];
      fake.templates = [];
      fake.calls = [];
    },
  };
  return fake;
}

/** An error envelope as the console API answers it. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { headers?: Record<string, string>; current?: RequestDetail } = {},
) {
  return HttpResponse.json(
    {
      error: { code, message },
      ...(extra.current ? { current: extra.current } : {}),
    },
    { status, ...(extra.headers ? { headers: extra.headers } : {}) },
  );
}

export const unauthenticated = () =>
  errorResponse(
    401,
    "unauthenticated",
    "Votre session a expiré. Reconnectez-vous.",
  );
export const notFound = () =>
  errorResponse(
    404,
    "not_found",
    "Cette demande n'existe pas ou ne relève pas de votre périmètre.",
  );

/** Records a call as it starts, whichever handler (the fake's or a test's own) answers it. */
export async function recordCall(
  fake: FakeConsoleApi,
  request: Request,
): Promise<void> {
  const call: ReceivedCall = {
    method: request.method,
    url: new URL(request.url),
    headers: new Headers(request.headers),
    body: undefined,
  };
  fake.calls.push(call);
  const text = await request.clone().text();
  if (text) call.body = JSON.parse(text);
}

/** A new timeline event by the signed-in account. */
export function event(
  fake: FakeConsoleApi,
  detail: RequestDetail,
  type: RequestEvent["type"],
  data: Record<string, unknown>,
): RequestEvent {
  return {
    id: detail.events.length + 1,
    at: new Date(NOW.getTime() + detail.events.length * 60_000).toISOString(),
    type,
    actor: { id: fake.user!.id, displayName: fake.user!.displayName },
    data,
  };
}

/** The happy path of every console endpoint, backed by the fake's state (401 while nobody is signed in). */
export function consoleHandlers(fake: FakeConsoleApi) {
  const reference = (params: Record<string, unknown>) =>
    String(params.reference);
  return [
    http.get(apiUrl("/session"), () =>
      fake.user ? HttpResponse.json({ user: fake.user }) : unauthenticated(),
    ),
    http.delete(apiUrl("/session"), () => {
      fake.user = undefined;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(apiUrl("/users"), () =>
      fake.user ? HttpResponse.json({ users: COLLEAGUES }) : unauthenticated(),
    ),
    http.get(apiUrl("/requests"), ({ request }) => {
      if (!fake.user) return unauthenticated();
      const query = new URL(request.url).searchParams;
      const start = Number(query.get("cursor") ?? 0);
      const end = start + fake.pageSize;
      const counts = {
        new: 0,
        in_progress: 0,
        waiting_user: 0,
        resolved: 0,
        closed: 0,
      };
      const matching =
        query.get("unread") === "1"
          ? fake.requests.filter((item) => item.unreadAnswer)
          : fake.requests;
      for (const item of matching) counts[item.status] += 1;
      return HttpResponse.json({
        items: matching.slice(start, end),
        ...(end < matching.length ? { nextCursor: String(end) } : {}),
        counts,
      });
    }),
    http.get(apiUrl("/requests/:reference"), ({ params }) => {
      if (!fake.user) return unauthenticated();
      const detail = fake.details.get(reference(params));
      return detail ? HttpResponse.json(detail) : notFound();
    }),
    http.patch(apiUrl("/requests/:reference"), async ({ params, request }) => {
      if (!fake.user) return unauthenticated();
      const detail = fake.details.get(reference(params));
      if (!detail) return notFound();
      const change = (await request.json()) as {
        version: number;
        status?: RequestDetail["status"];
        assigneeId?: number | null;
        tags?: string[];
      };
      if (change.version !== detail.version)
        return errorResponse(
          409,
          "version_conflict",
          "Cette demande a été modifiée par quelqu'un d'autre entre-temps.",
          { current: detail },
        );
      const next: RequestDetail = {
        ...detail,
        version: detail.version + 1,
        events: [...detail.events],
      };
      if (change.status && change.status !== detail.status) {
        next.events.push(
          event(fake, next, "status", {
            from: detail.status,
            to: change.status,
          }),
        );
        next.status = change.status;
      }
      if (change.assigneeId !== undefined) {
        next.events.push(
          event(fake, next, "assignment", {
            ...(detail.assignee ? { from: detail.assignee.id } : {}),
            ...(change.assigneeId !== null ? { to: change.assigneeId } : {}),
          }),
        );
        const colleague = COLLEAGUES.find((c) => c.id === change.assigneeId);
        if (colleague)
          next.assignee = {
            id: colleague.id,
            displayName: colleague.displayName,
          };
        else delete next.assignee;
      }
      if (change.tags) {
        next.events.push(event(fake, next, "tags", { tags: change.tags }));
        next.tags = change.tags;
      }
      fake.details.set(next.reference, next);
      return HttpResponse.json(next);
    }),
    http.post(
      apiUrl("/requests/:reference/notes"),
      async ({ params, request }) => {
        if (!fake.user) return unauthenticated();
        const detail = fake.details.get(reference(params));
        if (!detail) return notFound();
        const { text } = (await request.json()) as { text: string };
        const next: RequestDetail = {
          ...detail,
          version: detail.version + 1,
          events: [...detail.events],
        };
        next.events.push(event(fake, next, "note", { text }));
        fake.details.set(next.reference, next);
        return HttpResponse.json(next, { status: 201 });
      },
    ),
    http.get(apiUrl("/pages"), ({ request }) => {
      if (!fake.user) return unauthenticated();
      const query = new URL(request.url).searchParams;
      const from = Date.parse(query.get("from")!);
      const to = Date.parse(query.get("to")!);
      // The previous period has the same length and ends the day before `from` (both days included).
      const previousFrom = new Date(2 * from - to - 86_400_000)
        .toISOString()
        .slice(0, 10);
      return HttpResponse.json({
        from: query.get("from"),
        to: query.get("to"),
        previousFrom,
        pages: fake.pages,
      });
    }),
  ];
}
