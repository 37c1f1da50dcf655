import { beforeAll, describe, expect, it } from "vitest";
import { makeNewRequest } from "../support/factories.ts";
import { loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";

// Issue 11: the export stays safe whichever separator the spreadsheet splits on — French software opens a
// `.csv` with `;` — and offers the `;` variant. Each file is read the ways a spreadsheet might read it.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Messages crafted so that some reader would start a field with a formula inside them. */
const HOSTILE = [
  'texte;=HYPERLINK("http://evil.example","Cliquez")',
  "texte,=1+1",
  "texte\t=1+1",
  "texte;+33 6 12 34 56 78",
  "texte;\"=cmd|' /C calc'!A0\"",
  'texte,""=2+5',
  "texte;   -2+3",
  "texte, \t @SUM(1+1)*cmd|' /C calc'!A0",
  'première ligne\n=HYPERLINK("http://evil.example")',
  "première ligne\r\n-2+3\r\n@SUM(A1)",
  '"=1+1"',
  " =1+1",
  "=1+1;=2+2,=3+3",
  "a;\r=1",
];

/**
 * RFC 4180 as spreadsheet software applies it: a field is quoted only if it starts with a quote, `""` is a
 * quote inside one, and what follows a closing quote is kept (Excel and LibreOffice do so).
 */
function parseRfc4180(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let fresh = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (char === '"' && fresh) {
      quoted = true;
      fresh = false;
    } else if (char === separator) {
      row.push(cell);
      cell = "";
      fresh = true;
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      fresh = true;
    } else {
      cell += char;
      fresh = false;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A reader that knows nothing of quotes: lines, then fields. */
function splitNaively(text: string, separator: string): string[][] {
  return text
    .split(/\r\n|\r|\n/)
    .filter(Boolean)
    .map((line) => line.split(separator));
}

/** Cells of `rows` a spreadsheet could run as a formula, also once blanks and quotes are stripped. */
function formulaCells(rows: string[][]): string[] {
  return rows
    .flat()
    .filter(
      (cell) =>
        FORMULA_START.test(cell) ||
        FORMULA_START.test(cell.replace(/^[\s"]+/, "")),
    );
}

const { app, store } = createTestApp();
let cookie = "";

beforeAll(async () => {
  for (const [i, message] of HOSTILE.entries()) {
    await store.createRequest(
      makeNewRequest({ message }),
      new Date(Date.UTC(2026, 10, 1 + i, 10)),
    );
  }
  ({ cookie } = await loginAs(app, store, {
    email: "agent@test.fr",
    role: "agent",
  }));
});

async function download(query = "") {
  const response = await app.request(`/support/api/export.csv${query}`, {
    headers: { Cookie: cookie },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

describe("GET /support/api/export.csv", () => {
  for (const [name, query, separator] of [
    ["comma", "", ","],
    ["semicolon", "?separator=semicolon", ";"],
  ] as const) {
    it(`writes a ${name} file no reader turns into formulas, whatever separator it splits on`, async () => {
      const { response, text } = await download(query);
      expect(response.status).toBe(200);
      for (const reader of [",", ";", "\t"]) {
        expect(formulaCells(parseRfc4180(text, reader)), reader).toEqual([]);
        expect(formulaCells(splitNaively(text, reader)), reader).toEqual([]);
      }
      // Read with its own separator, every message is one cell, whole but for the inserted apostrophes.
      const rows = parseRfc4180(text, separator);
      expect(rows).toHaveLength(HOSTILE.length + 1);
      for (const row of rows) expect(row).toHaveLength(12);
      const messages = rows.slice(1).map((row) => row[11]!);
      const withoutApostrophes = (s: string) => s.replace(/'/g, "");
      expect(messages.map(withoutApostrophes).sort()).toEqual(
        HOSTILE.map(withoutApostrophes).sort(),
      );
    });
  }

  it("offers the semicolon variant French spreadsheets open directly: UTF-8 with BOM, CRLF", async () => {
    const { response, bytes, text } = await download("?separator=semicolon");
    expect(response.headers.get("content-type")).toBe(
      "text/csv; charset=utf-8",
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith("Référence;Créée le;Statut;")).toBe(true);
    // Records end with CRLF (RFC 4180 §2), the header's included.
    expect(text.slice(0, text.indexOf("\n") + 1)).toMatch(/;Message\r\n$/);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("keeps filtering with a separator, and names an unknown separator in a 400", async () => {
    const filtered = await download("?separator=semicolon&q=premiere");
    expect(parseRfc4180(filtered.text, ";")).toHaveLength(3);
    const { response, text } = await download("?separator=tab");
    expect(response.status).toBe(400);
    expect(JSON.parse(text).error.details).toEqual([
      {
        path: "separator",
        message:
          "Séparateur inconnu : « comma » (virgule) ou « semicolon » (point-virgule).",
      },
    ]);
  });
});
