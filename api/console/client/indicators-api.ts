import {
  IndicatorsCheck,
  type Indicators,
  type IndicatorsQuery,
} from "../../contract/indicators.ts";
import { withQuery, type Call } from "./call.ts";

/** The « Indicateurs » endpoint of the console API (issue 13); the API scopes it to the account. */
export function indicatorsEndpoints(call: Call) {
  return {
    /** Every figure of a period and of the one before it, for the filters given. */
    indicators: (query: IndicatorsQuery) =>
      call<Indicators>("GET", withQuery("/indicators", { ...query }), {
        check: IndicatorsCheck,
      }),
  };
}
