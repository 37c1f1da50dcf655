import {
  AnchorReportPageCheck,
  TipAnswerCheck,
  TipListCheck,
  TipPreviewCheck,
  TipVersionsCheck,
  type AnchorReportPage,
  type TipPreviewView,
  type TipSummary,
  type TipVersionView,
  type TipView,
} from "../../contract/support-tips.ts";
import type { TipSource } from "../../contract/tip-source.ts";
import {
  UserAnswerCheck,
  type Colleague,
} from "../../contract/support-users.ts";
import type { Platform } from "../../contract/vocabulary.ts";
import { mapValue, withQuery, type Call } from "./call.ts";

const tipPath = (id: string, rest = "") =>
  `/tips/${encodeURIComponent(id)}${rest}`;

/** The tips endpoints of the console API (issue 5 §3); every write sends the version it was based on. */
export function tipsEndpoints(call: Call) {
  const tipCall = (method: string, path: string, body?: unknown) =>
    call<{ tip: TipView }>(method, path, {
      ...(body === undefined ? {} : { body }),
      check: TipAnswerCheck,
    }).then((r) => mapValue(r, (v) => v.tip));
  return {
    /** The tips, filtered by platform and text, sorted by platform then title. */
    listTips: (query: { platform?: Platform; q?: string }) =>
      call<{ tips: TipSummary[] }>("GET", withQuery("/tips", query), {
        check: TipListCheck,
      }).then((r) => mapValue(r, (v) => v.tips)),
    /** One tip with its draft and published texts. */
    getTip: (id: string) => tipCall("GET", tipPath(id)),
    /** Creates a tip as a draft (nothing public); 409 `tip_exists` when the id is taken. */
    createTip: (source: TipSource) => tipCall("POST", "/tips", { source }),
    /** Replaces the draft. */
    saveDraft: (id: string, version: number, source: TipSource) =>
      tipCall("PUT", tipPath(id, "/draft"), { version, source }),
    /** The draft becomes the published text. */
    publishTip: (id: string, version: number) =>
      tipCall("POST", tipPath(id, "/publish"), { version }),
    /** Withdraws the published text (it becomes the draft when there is none). */
    unpublishTip: (id: string, version: number) =>
      tipCall("POST", tipPath(id, "/unpublish"), { version }),
    /** Drops the draft, back to the published text. */
    discardDraft: (id: string, version: number) =>
      tipCall("DELETE", tipPath(id, "/draft"), { version }),
    /** Makes the text of version `to` the draft; publishing is a separate step. */
    revertTip: (id: string, version: number, to: number) =>
      tipCall("POST", tipPath(id, "/revert"), { version, to }),
    /** Every version of a tip, newest first. */
    tipVersions: (id: string) =>
      call<{ versions: TipVersionView[] }>("GET", tipPath(id, "/versions"), {
        check: TipVersionsCheck,
      }).then((r) => mapValue(r, (v) => v.versions)),
    /** Renders any (even incomplete) source as the widget would receive it, with its problems. */
    previewTip: (source: Partial<TipSource>) =>
      call<TipPreviewView>("POST", "/tips/preview", {
        body: { source },
        check: TipPreviewCheck,
      }),
    /** A page of the anchors the widget could not find since each tip's last publication, newest first. */
    anchorReports: (query: { platform?: Platform; cursor?: string } = {}) =>
      call<AnchorReportPage>("GET", withQuery("/anchor-reports", query), {
        check: AnchorReportPageCheck,
      }),
    /** Lets an agent write tips, or not (admins only). */
    setCanEditTips: (userId: number, canEditTips: boolean) =>
      call<{ user: Colleague }>("PATCH", `/users/${userId}`, {
        body: { canEditTips },
        check: UserAnswerCheck,
      }).then((r) => mapValue(r, (v) => v.user)),
  };
}
