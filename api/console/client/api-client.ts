import type { PageReport } from "../../contract/support-pages.ts";
import { PageReportCheck } from "../../contract/support-pages.ts";
import {
  RequestDetailCheck,
  RequestListCheck,
  type RequestDetail,
  type RequestList,
  type RequestPatch,
} from "../../contract/support-requests.ts";
import {
  SessionAnswerCheck,
  type ConsoleUser,
} from "../../contract/support-session.ts";
import {
  UsersAnswerCheck,
  type Colleague,
} from "../../contract/support-users.ts";
import type { Platform } from "../../contract/vocabulary.ts";
import {
  createCall,
  mapValue,
  requestPath,
  withQuery,
  type ConsoleApiDeps,
} from "./call.ts";
import { indicatorsEndpoints } from "./indicators-api.ts";
import { repliesEndpoints } from "./replies-api.ts";
import { tipsEndpoints } from "./tips-api.ts";

// The console's API client: the contract's types and checks (api/contract/support-*.ts), nothing else of
// the server.
export type { ConsoleApiDeps, ConsoleFailure, ConsoleResult } from "./call.ts";
export type { Colleague } from "../../contract/support-users.ts";
export type { ConsoleUser } from "../../contract/support-session.ts";
export type { PageReport } from "../../contract/support-pages.ts";
export type {
  RequestList,
  RequestPatch as RequestChange,
} from "../../contract/support-requests.ts";

/** The console's only way to its API. Never throws: every outcome is a `ConsoleResult`. */
export function createConsoleApi(deps: ConsoleApiDeps) {
  const call = createCall(deps);
  return {
    /** Who is signed in (401 when nobody is). */
    getSession: () =>
      call<{ user: ConsoleUser }>("GET", "/session", {
        check: SessionAnswerCheck,
      }).then((r) => mapValue(r, (v) => v.user)),
    /** Opens a session; the server sets an HttpOnly cookie. */
    login: (email: string, password: string) =>
      call<{ user: ConsoleUser }>("POST", "/session", {
        body: { email, password },
        check: SessionAnswerCheck,
      }).then((r) => mapValue(r, (v) => v.user)),
    /** Closes the session. */
    logout: () => call<void>("DELETE", "/session"),
    /** One page of the inbox; `query` holds the filters and maybe `cursor`. */
    listRequests: (query: URLSearchParams) =>
      call<RequestList>("GET", withQuery("/requests", query), {
        check: RequestListCheck,
      }),
    /** Everything about one request (404 also when outside the referent's départements). */
    getRequest: (reference: string) =>
      call<RequestDetail>("GET", requestPath(reference), {
        check: RequestDetailCheck,
      }),
    /** Changes status, assignee or tags; a 409 carries the fresh request in `current`. */
    updateRequest: (reference: string, change: RequestPatch) =>
      call<RequestDetail>("PATCH", requestPath(reference), {
        body: change,
        check: RequestDetailCheck,
      }),
    /** Adds an internal note; answers the request with its new timeline. */
    addNote: (reference: string, text: string) =>
      call<RequestDetail>("POST", requestPath(reference, "/notes"), {
        body: { text },
        check: RequestDetailCheck,
      }),
    /** Requests per page over a period, with the previous period to compare. */
    pageStats: (query: { from: string; to: string; platform?: Platform }) =>
      call<PageReport>("GET", withQuery("/pages", query), {
        check: PageReportCheck,
      }),
    /** The colleagues one may assign to. */
    listUsers: () =>
      call<{ users: Colleague[] }>("GET", "/users", {
        check: UsersAnswerCheck,
      }).then((r) => mapValue(r, (v) => v.users)),
    /** Address of the CSV export of the same filters (a plain link: the browser downloads it). */
    exportUrl: (query: URLSearchParams) =>
      withQuery(`${deps.baseUrl}/export.csv`, query),
    ...tipsEndpoints(call),
    ...repliesEndpoints(call),
    ...indicatorsEndpoints(call),
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
