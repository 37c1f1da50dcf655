import { describe, expect, it } from "vitest";
import { countableTerm } from "../../../api/contract/widget-event-rules.ts";
import { emptySearches } from "../../../widget/panel/tip-search.ts";
import { createFakeTimers } from "../../support/widget/fake-timers.ts";

/** The reporter of tip-search.ts on fake timers; `counted` holds the terms it counted, in order. */
function setUp() {
  const timers = createFakeTimers();
  const counted: string[] = [];
  const searches = emptySearches((term) => counted.push(term), timers);
  let cleanup: (() => void) | undefined;
  /** The query changed (or its results came): the previous timer goes, as the panel's effect does. */
  const typed = (query: string, found: number | undefined) => {
    cleanup?.();
    cleanup = searches.typed(query, found);
  };
  return { timers, counted, typed, left: searches.left };
}

describe("searches without result (search_empty)", () => {
  it("keeps a term folded to lower case and single spaces, cut to 60 characters; never one with a digit or an @ of any script", () => {
    expect(countableTerm("  Passeport   Diplomatique ")).toBe(
      "passeport diplomatique",
    );
    expect(countableTerm("tab\tet\nligne")).toBe("tab et ligne");
    expect(countableTerm("ＡＢＣ")).toBe("abc");
    expect(countableTerm("a".repeat(59) + " b")).toBe("a".repeat(59));
    for (const raw of [
      "",
      "   ",
      "convocation 2026",
      "jean@exemple.fr",
      "dossier １２３", // full-width digits
      "dossier ١٢٣", // Arabic-Indic digits
      "jean＠mail.fr", // full-width « @ »
      "jean﹫mail.fr", // small « @ »
    ])
      expect(countableTerm(raw), raw).toBeUndefined();
  });

  it("counts a search still without result once the user stopped typing for a second", () => {
    const { timers, counted, typed } = setUp();

    typed("passe", 0);
    timers.advance(600);
    typed("passeport  Diplo", 0);
    timers.advance(999);
    expect(counted).toEqual([]);
    timers.advance(1);

    expect(counted).toEqual(["passeport diplo"]);
  });

  it("counts it at once when the user leaves the field", () => {
    const { counted, typed, left } = setUp();

    typed("passeport", 0);
    left();

    expect(counted).toEqual(["passeport"]);
  });

  it("counts a term once in a row, and again after the field was cleared", () => {
    const { timers, counted, typed, left } = setUp();

    typed("passeport", 0);
    timers.advance(1_000);
    left();
    typed("passeport ", 0);
    timers.advance(1_000);
    expect(counted).toEqual(["passeport"]);

    typed("", undefined);
    timers.advance(1_000);
    typed("passeport", 0);
    timers.advance(1_000);

    expect(counted).toEqual(["passeport", "passeport"]);
  });

  it("never counts a search that found tips, nor one still waiting for them", () => {
    const { timers, counted, typed, left } = setUp();

    typed("sejour", undefined);
    timers.advance(1_000);
    typed("sejour", 1);
    timers.advance(1_000);
    left();
    // The same reporter still counts: what it left out, it left out on purpose.
    typed("hors sujet", 0);
    left();

    expect(counted).toEqual(["hors sujet"]);
  });

  it("never counts a term with a digit or an « @ »: it may be personal data", () => {
    const { timers, counted, typed, left } = setUp();

    typed("dossier 123456", 0);
    timers.advance(1_000);
    left();
    typed("jean@exemple.fr", 0);
    timers.advance(1_000);
    left();
    typed("jean", 0);
    left();

    expect(counted).toEqual(["jean"]);
  });
});
