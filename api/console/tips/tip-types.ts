// The console side of the tips API (issue 5 §3): the contract's types, under the console's names.
export type { TipSource } from "../../contract/tip-source.ts";
export type {
  AnchorReportPage,
  AnchorReportView as AnchorReport,
  TipAction,
  TipPreviewView as TipPreview,
  TipState,
  TipSummary,
  TipVersionView as TipVersion,
  TipView as ConsoleTip,
} from "../../contract/support-tips.ts";
