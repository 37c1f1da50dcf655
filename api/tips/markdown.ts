import type { TipBlock, TipInline } from "../contract/tip.ts";
import { TIP_LINK_MAX, TIP_LINK_RE } from "../contract/tip-limits.ts";

/** A tip body uses syntax outside the supported subset; `line` is 1-based within the parsed source. */
export class TipMarkdownError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Ligne ${line} : ${reason}`);
    this.name = "TipMarkdownError";
  }
}

// CommonMark lets any ASCII punctuation be escaped; the subset documents \* \_ \[ \\.
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const kind = (c = " ") =>
  /\s/.test(c) ? "space" : PUNCTUATION.test(c) ? "punct" : "word";
const MAX_NESTING = 20;

const BULLET = /^ {0,3}[-*] +(\S.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})\. +(\S.*)$/;
const EMPTY_ITEM = /^ {0,3}(?:[-*]|\d{1,9}\.)\s*$/;
const UNSUPPORTED_LINES: [RegExp, string][] = [
  [
    /^ {0,3}#{1,6}(?:\s|$)/,
    "les titres (#) ne sont pas pris en charge ; le titre de l'astuce est dans l'en-tête.",
  ],
  [
    /^ {0,3}(?:`{3,}|~{3,})/,
    "les blocs de code (```) ne sont pas pris en charge.",
  ],
  [
    /^ {0,3}\|/,
    "les tableaux ne sont pas pris en charge ; utilisez une liste.",
  ],
  [
    /^ {0,3}(?:={2,}|-{3,}|\*{3,}|_{3,})\s*$/,
    "les titres soulignés et les lignes de séparation ne sont pas pris en charge.",
  ],
];

/** Parses the tip Markdown subset into the node tree the widget renders (ARCHITECTURE §4). */
export function parseTipMarkdown(source: string): TipBlock[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  const blocks: TipBlock[] = [];
  let paragraph: { text: string[]; lines: number[] } | null = null;
  let list: { ordered: boolean; items: TipInline[][] } | null = null;
  let item: { text: string[]; lines: number[] } | null = null;

  const flushItem = () => {
    if (item && list)
      list.items.push(parseInline(item.text.join("\n"), item.lines));
    item = null;
  };
  const flushParagraph = () => {
    if (paragraph)
      blocks.push({
        type: "p",
        children: parseInline(paragraph.text.join("\n"), paragraph.lines),
      });
    paragraph = null;
  };
  const flushList = () => {
    flushItem();
    if (list)
      blocks.push(
        list.ordered
          ? { type: "ol", items: list.items }
          : { type: "ul", items: list.items },
      );
    list = null;
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") {
      flushItem();
      flushParagraph();
      return;
    }
    for (const [pattern, reason] of UNSUPPORTED_LINES) {
      if (pattern.test(raw)) throw new TipMarkdownError(line, reason);
    }
    if (EMPTY_ITEM.test(raw))
      throw new TipMarkdownError(line, "élément de liste vide.");
    const bullet = BULLET.exec(raw);
    const numbered = NUMBERED.exec(raw);
    if (item && /^ {2,}/.test(raw)) {
      if (bullet || numbered)
        throw new TipMarkdownError(
          line,
          "les listes imbriquées ne sont pas prises en charge.",
        );
      item.text.push(raw.trim());
      item.lines.push(line);
      return;
    }
    // As in CommonMark, a numbered list interrupts a paragraph only when it starts at 1.
    const startsList =
      bullet || (numbered && (!paragraph || numbered[1] === "1"));
    if (startsList) {
      const ordered = !bullet;
      flushParagraph();
      if (list && list.ordered !== ordered) flushList();
      flushItem();
      list ??= { ordered, items: [] };
      item = { text: [(bullet ?? numbered)!.at(-1)!.trim()], lines: [line] };
      return;
    }
    flushList();
    paragraph ??= { text: [], lines: [] };
    paragraph.text.push(raw.trim());
    paragraph.lines.push(line);
  });
  flushParagraph();
  flushList();
  return blocks;
}

/**
 * Inline parser over the lines of one block joined by "\n" (so an offset maps back to its line);
 * newlines become single spaces in the output. Unclosed emphasis stays literal text, as in CommonMark.
 */
function parseInline(text: string, lineNumbers: number[]): TipInline[] {
  const fail = (offset: number, reason: string) => {
    const index = text.slice(0, offset).split("\n").length - 1;
    return new TipMarkdownError(lineNumbers[index] ?? 0, reason);
  };
  type Parsed = { nodes: TipInline[]; next: number } | null;
  const memo = new Map<string, Parsed>();
  let depth = 0;
  let inLink = false; // a link inside a link would nest <a> elements: its brackets stay text

  // Delimiter run flanking rules (CommonMark §6.2), computed on the whole run of `*` or `_`.
  const flanking = (pos: number) => {
    const c = text[pos]!;
    let start = pos;
    let end = pos;
    while (text[start - 1] === c) start--;
    while (text[end] === c) end++;
    const before = kind(text[start - 1]);
    const after = kind(text[end]);
    const left = after !== "space" && (after !== "punct" || before !== "word");
    const right =
      before !== "space" && (before !== "punct" || after !== "word");
    // `_` inside a word (file_name.pdf) is not emphasis.
    const open = c === "*" ? left : left && (!right || before === "punct");
    const close = c === "*" ? right : right && (!left || after === "punct");
    return { open, close, remaining: end - pos };
  };

  // Where the last run of `c` able to close sits: an opener after it stays text without a search.
  const closers = new Map<string, number>();
  const lastCloser = (c: string) => {
    if (!closers.has(c)) {
      let last = -1;
      for (let i = 0; i < text.length; i++)
        if (text[i] === c && flanking(i).close) last = i;
      closers.set(c, last);
    }
    return closers.get(c)!;
  };

  // Memoised: after an unclosed opener the same text is parsed again from the same places.
  const parse = (pos: number, end: number, closer: string): Parsed => {
    const key = `${pos}:${end}:${closer}`;
    if (memo.has(key)) return memo.get(key)!;
    // Deeper nesting means nothing in a tip and would exhaust the stack: its markers stay text.
    if (closer && depth >= MAX_NESTING) return null;
    depth++;
    const result = scan(pos, end, closer);
    depth--;
    memo.set(key, result);
    return result;
  };

  // Reads text[pos, end) until `closer` (when given); null when the closer never comes.
  const scan = (pos: number, end: number, closer: string): Parsed => {
    const nodes: TipInline[] = [];
    const push = (node: TipInline) => {
      const last = nodes[nodes.length - 1];
      if (typeof node === "string" && typeof last === "string")
        nodes[nodes.length - 1] = last + node;
      else nodes.push(node);
    };
    let i = pos;
    while (i < end) {
      const c = text[i]!;
      if (c === "\\" && i + 1 < end && ESCAPABLE.test(text[i + 1]!)) {
        push(text[i + 1]!);
        i += 2;
      } else if (c === "!" && text[i + 1] === "[") {
        throw fail(i, "les images ne sont pas prises en charge.");
      } else if (c === "<" && /[A-Za-z/!?]/.test(text[i + 1] ?? "")) {
        throw fail(i, "le HTML n'est pas pris en charge ; écrivez « \\< ».");
      } else if (c === "*" || c === "_") {
        const run = flanking(i);
        if (
          closer &&
          c === closer[0] &&
          run.close &&
          run.remaining >= closer.length
        ) {
          return { nodes, next: i + closer.length };
        }
        const inner = !(run.open && i < lastCloser(c))
          ? null
          : ((run.remaining >= 2
              ? wrap("strong", parse(i + 2, end, c + c))
              : null) ?? wrap("em", parse(i + 1, end, c)));
        if (inner) {
          push(inner.node);
          i = inner.next;
        } else {
          push(c);
          i++;
        }
      } else if (c === "[" && !inLink) {
        const link = parseLink(i, end);
        push(link ? link.node : c);
        i = link ? link.next : i + 1;
      } else {
        push(c === "\n" ? " " : c);
        i++;
      }
    }
    return closer ? null : { nodes, next: end };
  };

  const wrap = (type: "em" | "strong", result: ReturnType<typeof parse>) =>
    // Empty emphasis (`a****b`) stays literal, as in CommonMark.
    result && result.nodes.length > 0
      ? {
          node: { type, children: result.nodes } as TipInline,
          next: result.next,
        }
      : null;

  // `[text](https://…)`; a `[` not followed by `](` stays text, a started link must be valid.
  const parseLink = (
    open: number,
    end: number,
  ): { node: TipInline; next: number } | null => {
    const close = matching(open, end, "[", "]");
    if (close === -1 || text[close + 1] !== "(") return null;
    const paren = matching(close + 1, end, "(", ")");
    if (paren === -1) throw fail(open, "lien incomplet : « ) » manquante.");
    const href = text.slice(close + 2, paren).trim();
    // The contract's link rule (HttpsUrlSchema), checked here so the author gets the line number.
    if (!TIP_LINK_RE.test(href) || href.length > TIP_LINK_MAX) {
      throw fail(
        close,
        `le lien « ${href} » doit être une adresse https:// sans espace.`,
      );
    }
    inLink = true;
    const children = parse(open + 1, close, "")!.nodes;
    inLink = false;
    if (children.length === 0) throw fail(open, "le texte du lien est vide.");
    return { node: { type: "a", href, children }, next: paren + 1 };
  };

  // Index of the bracket closing the one at `from` before `end`, skipping escapes and nested pairs; -1 if
  // none. Every pair is found once, in one pass (issue 11: scanning forward from each `[` was quadratic on
  // a run of `[`, 630 ms for 15,000 characters). Scanning from `from` and stopping at the first closer that
  // brings the depth back to zero finds the same bracket as this stack, since both count the same pairs.
  const pairs = new Map<string, Int32Array>();
  const matching = (
    from: number,
    end: number,
    opener: string,
    closer: string,
  ) => {
    let match = pairs.get(opener);
    if (!match) {
      match = new Int32Array(text.length).fill(-1);
      const open: number[] = [];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === opener) open.push(i);
        else if (text[i] === closer && open.length) match[open.pop()!] = i;
      }
      pairs.set(opener, match);
    }
    const found = match[from]!;
    return found !== -1 && found < end ? found : -1;
  };

  return parse(0, text.length, "")!.nodes;
}
