import { describe, expect, it } from "vitest";
import { parseTipMarkdown, TipMarkdownError } from "../../api/tips/markdown.ts";

const lines = (...text: string[]) => text.join("\n");

function errorOf(source: string): TipMarkdownError {
  try {
    parseTipMarkdown(source);
  } catch (error) {
    if (error instanceof TipMarkdownError) return error;
    throw error;
  }
  throw new Error("parseTipMarkdown did not throw");
}

describe("parseTipMarkdown blocks", () => {
  it("returns no block for an empty or blank source", () => {
    expect(parseTipMarkdown("")).toEqual([]);
    expect(parseTipMarkdown("\n  \n")).toEqual([]);
  });

  it("splits paragraphs on blank lines and joins the lines of one paragraph with a space", () => {
    expect(
      parseTipMarkdown(
        lines("Première ligne", "  suite.", "", "", "Second paragraphe."),
      ),
    ).toEqual([
      { type: "p", children: ["Première ligne suite."] },
      { type: "p", children: ["Second paragraphe."] },
    ]);
  });

  it("reads bullet lists written with - or * and numbered lists", () => {
    expect(
      parseTipMarkdown(lines("- un", "* deux", "", "1. premier", "2. second")),
    ).toEqual([
      { type: "ul", items: [["un"], ["deux"]] },
      { type: "ol", items: [["premier"], ["second"]] },
    ]);
  });

  it("continues a list item with the indented lines that follow it", () => {
    expect(
      parseTipMarkdown(lines("- un", "  suite de un", "- deux", "Paragraphe.")),
    ).toEqual([
      { type: "ul", items: [["un suite de un"], ["deux"]] },
      { type: "p", children: ["Paragraphe."] },
    ]);
  });

  it("keeps one list across blank lines between its items", () => {
    expect(parseTipMarkdown(lines("1. un", "", "2. deux"))).toEqual([
      { type: "ol", items: [["un"], ["deux"]] },
    ]);
  });

  it("starts a list right after a paragraph line, but a numbered one only from 1", () => {
    expect(parseTipMarkdown(lines("Pièces :", "- recto", "- verso"))).toEqual([
      { type: "p", children: ["Pièces :"] },
      { type: "ul", items: [["recto"], ["verso"]] },
    ]);
    expect(parseTipMarkdown(lines("Né en", "2007. Puis"))).toEqual([
      { type: "p", children: ["Né en 2007. Puis"] },
    ]);
  });

  it("accepts Windows line endings", () => {
    expect(parseTipMarkdown("a\r\nb\r\n\r\n- c\r\n")).toEqual([
      { type: "p", children: ["a b"] },
      { type: "ul", items: [["c"]] },
    ]);
  });
});

describe("parseTipMarkdown inline", () => {
  const inline = (source: string) => {
    const [block] = parseTipMarkdown(source);
    return block?.type === "p" ? block.children : undefined;
  };

  it("reads strong and emphasis with * and _", () => {
    expect(inline("un **gras**, un *italique* et un _autre_.")).toEqual([
      "un ",
      { type: "strong", children: ["gras"] },
      ", un ",
      { type: "em", children: ["italique"] },
      " et un ",
      { type: "em", children: ["autre"] },
      ".",
    ]);
  });

  it("nests emphasis and links inside strong", () => {
    expect(
      inline("**Voir *vite* [le guide](https://snu.gouv.fr/guide)**"),
    ).toEqual([
      {
        type: "strong",
        children: [
          "Voir ",
          { type: "em", children: ["vite"] },
          " ",
          {
            type: "a",
            href: "https://snu.gouv.fr/guide",
            children: ["le guide"],
          },
        ],
      },
    ]);
  });

  it("reads ***text*** as emphasis inside strong", () => {
    expect(inline("***fort***")).toEqual([
      { type: "strong", children: [{ type: "em", children: ["fort"] }] },
    ]);
  });

  it("reads emphasis inside a link and a link spread over two lines", () => {
    expect(
      inline("Lire [la *charte*\ndu SNU](https://snu.gouv.fr/charte)."),
    ).toEqual([
      "Lire ",
      {
        type: "a",
        href: "https://snu.gouv.fr/charte",
        children: ["la ", { type: "em", children: ["charte"] }, " du SNU"],
      },
      ".",
    ]);
  });

  it("leaves unclosed or unflanked markers as text, merged into one string", () => {
    expect(inline("**gras sans fin, 5 * 3 = 15 et *x")).toEqual([
      "**gras sans fin, 5 * 3 = 15 et *x",
    ]);
    expect(inline("a****b")).toEqual(["a****b"]);
  });

  it("keeps underscores inside words as text", () => {
    expect(inline("Envoyez piece_identite_recto.pdf")).toEqual([
      "Envoyez piece_identite_recto.pdf",
    ]);
  });

  it("turns backslash escapes into the literal character", () => {
    expect(inline("\\*pas en italique\\* \\_ \\[x\\] \\\\ fin")).toEqual([
      "*pas en italique* _ [x] \\ fin",
    ]);
  });

  it("keeps <, & and brackets without a link target as plain text", () => {
    expect(inline("moins de 18 ans < 3 & co [note] &amp;")).toEqual([
      "moins de 18 ans < 3 & co [note] &amp;",
    ]);
  });
});

describe("parseTipMarkdown errors", () => {
  it.each([
    ["a heading", lines("Texte", "", "## Titre"), 3, "titres"],
    ["a code fence", lines("Texte", "```", "code", "```"), 2, "code"],
    [
      "an image",
      lines("Texte", "![logo](https://snu.gouv.fr/logo.png)"),
      2,
      "images",
    ],
    ["a table", lines("| a | b |", "|---|---|"), 1, "tableaux"],
    ["a raw HTML tag", lines("Texte", "suite <b>gras</b>"), 2, "HTML"],
    [
      "a setext heading underline",
      lines("Titre", "====="),
      2,
      "titres soulignés",
    ],
    ["a nested list", lines("- un", "  - sous-élément"), 2, "imbriquées"],
    ["an empty list item", lines("- un", "-"), 2, "vide"],
    ["a link with an empty text", "[](https://snu.gouv.fr)", 1, "vide"],
    [
      "a link without its closing parenthesis",
      "[guide](https://snu.gouv.fr",
      1,
      "incomplet",
    ],
  ])("rejects %s with its line number", (_name, source, line, words) => {
    const error = errorOf(source);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`Ligne ${line} : `);
    expect(error.reason).toContain(words);
  });

  it.each([
    "http://snu.gouv.fr",
    "javascript:alert(1)",
    "/relatif",
    "mailto:a@b.fr",
    "https://a b.fr",
  ])("rejects the link target %s naming its line", (href) => {
    const error = errorOf(lines("Texte", "", `Voir [ici](${href}).`));
    expect(error.line).toBe(3);
    expect(error.reason).toContain("https://");
  });

  it("names the line of a bad link inside a multi-line list item", () => {
    expect(errorOf(lines("- un", "  voir [ici](http://x.fr)")).line).toBe(2);
  });
});

describe("parseTipMarkdown cost (issue 11)", () => {
  // Not a speed test: the cost of a run of brackets against plain text of the same length, in the same
  // run. Both are linear now (a few times apart); the former bracket matching (a forward scan from each
  // `[`) made 30,000 « [ » thousands of times dearer than 30,000 characters of words.
  const relativeCost = (text: string) => {
    const plain = "mot ".repeat(text.length / 4);
    const time = (source: string) => {
      const start = performance.now();
      try {
        parseTipMarkdown(source);
      } catch {
        // an unclosed link is refused: the cost is what matters here
      }
      return performance.now() - start;
    };
    let brackets = Infinity;
    let words = Infinity;
    for (let run = 0; run < 5; run++) {
      brackets = Math.min(brackets, time(text));
      words = Math.min(words, time(plain));
    }
    return brackets / Math.max(words, 0.1);
  };

  it.each([
    ["[", "[".repeat(30_000)],
    ["[](", "[](".repeat(10_000)],
    ["([", "([".repeat(15_000)],
  ])("costs about as much as plain text on runs of « %s »", (_, text) => {
    expect(relativeCost(text)).toBeLessThan(50);
  });

  it("still matches nested brackets and parentheses as before", () => {
    expect(
      parseTipMarkdown(
        "Voir [la page [officielle]](https://snu.gouv.fr/a_(b)) ici",
      ),
    ).toEqual([
      {
        type: "p",
        children: [
          "Voir ",
          {
            type: "a",
            href: "https://snu.gouv.fr/a_(b)",
            children: ["la page [officielle]"],
          },
          " ici",
        ],
      },
    ]);
  });
});
