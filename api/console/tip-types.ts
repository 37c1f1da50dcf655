// The console side of the tips API (issue 5 §3): the server's own types, under the console's names. Types
// only (erased from the bundle): the client follows the server, never the reverse.
export type { TipSource } from "../contract/tip-source.ts";
export type { TipAction } from "../store/tip-types.ts";
export type {
  AnchorReportPage,
  AnchorReportView as AnchorReport,
  TipPreviewView as TipPreview,
  TipState,
  TipSummary,
  TipVersionView as TipVersion,
  TipView as ConsoleTip,
} from "../support/tip-views.ts";
