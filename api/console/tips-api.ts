import type { Platform } from "../contract/vocabulary.ts";
import type { Colleague, ConsoleResult } from "./api-client.ts";
import type {
  AnchorReportPage,
  ConsoleTip,
  TipPreview,
  TipSource,
  TipSummary,
  TipVersion,
} from "./tip-types.ts";

/** The api-client's one way to the server (CSRF header, timeout, French failures). */
export type Call = <T>(
  method: string,
  path: string,
  options?: { body?: unknown; isValue?: (body: unknown) => boolean },
) => Promise<ConsoleResult<T>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** Whether a body is a tip as `GET /tips/:id` answers it (also the fresh tip of a 409). */
export function isConsoleTip(body: unknown): body is ConsoleTip {
  return (
    isObject(body) &&
    typeof body.id === "string" &&
    typeof body.version === "number" &&
    "draft" in body &&
    "published" in body
  );
}

const hasTip = (body: unknown) => isObject(body) && isConsoleTip(body.tip);
const tipOf = (result: ConsoleResult<{ tip: ConsoleTip }>) =>
  result.ok ? { ok: true as const, value: result.value.tip } : result;
const tipPath = (id: string, rest = "") =>
  `/tips/${encodeURIComponent(id)}${rest}`;

/** The tips endpoints of the console API (issue 5 §3); every write sends the version it was based on. */
export function tipsEndpoints(call: Call) {
  const write = (method: string, path: string, body: unknown) =>
    call<{ tip: ConsoleTip }>(method, path, { body, isValue: hasTip }).then(
      tipOf,
    );
  return {
    /** The tips, filtered by platform and text, sorted by platform then title. */
    listTips: (query: { platform?: Platform; q?: string }) => {
      const search = new URLSearchParams(
        Object.entries(query).filter(([, v]) => v) as [string, string][],
      ).toString();
      return call<{ tips: TipSummary[] }>(
        "GET",
        search ? `/tips?${search}` : "/tips",
        { isValue: (b) => isObject(b) && Array.isArray(b.tips) },
      ).then((r) => (r.ok ? { ok: true as const, value: r.value.tips } : r));
    },
    /** One tip with its draft and published texts. */
    getTip: (id: string) =>
      call<{ tip: ConsoleTip }>("GET", tipPath(id), { isValue: hasTip }).then(
        tipOf,
      ),
    /** Creates a tip as a draft (nothing public); 409 `tip_exists` when the id is taken. */
    createTip: (source: TipSource) => write("POST", "/tips", { source }),
    /** Replaces the draft. */
    saveDraft: (id: string, version: number, source: TipSource) =>
      write("PUT", tipPath(id, "/draft"), { version, source }),
    /** The draft becomes the published text. */
    publishTip: (id: string, version: number) =>
      write("POST", tipPath(id, "/publish"), { version }),
    /** Withdraws the published text (it becomes the draft when there is none). */
    unpublishTip: (id: string, version: number) =>
      write("POST", tipPath(id, "/unpublish"), { version }),
    /** Drops the draft, back to the published text. */
    discardDraft: (id: string, version: number) =>
      write("DELETE", tipPath(id, "/draft"), { version }),
    /** Makes the text of version `to` the draft; publishing is a separate step. */
    revertTip: (id: string, version: number, to: number) =>
      write("POST", tipPath(id, "/revert"), { version, to }),
    /** Every version of a tip, newest first. */
    tipVersions: (id: string) =>
      call<{ versions: TipVersion[] }>("GET", tipPath(id, "/versions"), {
        isValue: (b) => isObject(b) && Array.isArray(b.versions),
      }).then((r) =>
        r.ok ? { ok: true as const, value: r.value.versions } : r,
      ),
    /** Renders any (even incomplete) source as the widget would receive it, with its problems. */
    previewTip: (source: Partial<TipSource>) =>
      call<TipPreview>("POST", "/tips/preview", {
        body: { source },
        isValue: (b) => isObject(b) && Array.isArray(b.problems),
      }),
    /** A page of the anchors the widget could not find since each tip's last publication, newest first. */
    anchorReports: (query: { platform?: Platform; cursor?: string } = {}) => {
      const search = new URLSearchParams(
        Object.entries(query).filter(([, v]) => v) as [string, string][],
      ).toString();
      return call<AnchorReportPage>(
        "GET",
        search ? `/anchor-reports?${search}` : "/anchor-reports",
        {
          isValue: (b) =>
            isObject(b) &&
            Array.isArray(b.anchors) &&
            typeof b.total === "number",
        },
      );
    },
    /** Lets an agent write tips, or not (admins only). */
    setCanEditTips: (userId: number, canEditTips: boolean) =>
      call<{ user: Colleague }>("PATCH", `/users/${userId}`, {
        body: { canEditTips },
        isValue: (b) => isObject(b) && isObject(b.user),
      }).then((r) => (r.ok ? { ok: true as const, value: r.value.user } : r)),
  };
}
