import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { checkTipSource, previewTip } from "../../api/tips/check-tip-source.ts";
import { TIPS_CONTENT_DIR } from "../../api/tips/content-dir.ts";
import { formatTipFile } from "../../api/tips/format-tip-file.ts";
import {
  loadTips,
  loadTipSources,
  TipContentError,
} from "../../api/tips/load-tips.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { makeTipSource } from "../support/tip-sources.ts";

const problemsOf = (value: unknown) => checkTipSource(value).problems;

describe("tip sources", () => {
  it("accepts a valid source and gives it back in canonical form, one-line fields trimmed", () => {
    const { source, problems } = checkTipSource({
      ...makeTipSource({ id: "mc-ok" }),
      routes: ["/inscription/:step"],
      params: { step: ["documents", "televersement"] },
      title: "  Pièce d'identité  ",
      markdown: "\r\n\nPremière ligne\r\nseconde ligne\n\n",
      anchor: { placement: "top", selector: " #recto " },
      activeFrom: "2026-01-01",
      activeTo: "2026-12-31",
    });
    expect(problems).toEqual([]);
    expect(source).toMatchObject({
      title: "Pièce d'identité",
      markdown: "Première ligne\nseconde ligne",
      anchor: { selector: "#recto", placement: "top" },
    });
    expect(Object.keys(source!.anchor!)).toEqual(["selector", "placement"]);
  });

  it.each([
    [
      "an unknown route",
      { routes: ["/nulle-part"] },
      "routes.0",
      /n'existe pas/,
    ],
    [
      "a repeated route",
      { routes: ["/phase1", "/phase1"] },
      "routes.1",
      /répétée/,
    ],
    [
      "a parameter the route lacks",
      { params: { step: ["documents"] } },
      "params.step",
      /n'a pas de paramètre/,
    ],
    [
      "an id parameter",
      { routes: ["/mission/:id"], params: { id: ["x"] } },
      "params.id",
      /identifiant/,
    ],
    [
      "an invalid value",
      { routes: ["/inscription/:step"], params: { step: ["<b>"] } },
      "params.step",
      /invalide/,
    ],
    [
      "a value with capitals (the widget lowercases the page's values)",
      { routes: ["/inscription/:step"], params: { step: ["Documents"] } },
      "params.step",
      /minuscules/,
    ],
    ["repeated roles", { roles: ["young", "young"] }, "roles", /répétée/],
    [
      "Markdown outside the subset",
      { markdown: "Texte\n\n# Titre" },
      "markdown",
      /^Ligne 3 : les titres/,
    ],
    ["an empty text", { markdown: " \n  " }, "markdown", /obligatoire/],
    ["a short title", { title: "ab" }, "title", /au moins 3/],
    ["a title on two lines", { title: "Un\ndeux" }, "title", /une ligne/],
    ["an http link", { link: "http://snu.gouv.fr" }, "link", /https/],
    [
      "a long selector",
      { anchor: { selector: "x".repeat(301) } },
      "anchor.selector",
      /300/,
    ],
    [
      "a day that does not exist",
      { activeFrom: "2026-02-30" },
      "activeFrom",
      /AAAA-MM-JJ/,
    ],
    [
      "an end before the start",
      { activeFrom: "2026-03-01", activeTo: "2026-02-01" },
      "activeTo",
      /suivre/,
    ],
    ["a fractional priority", { priority: 1.5 }, "priority", /entier/],
    ["an unknown field", { couleur: "rouge" }, "", /pas autorisé/],
  ])(
    "refuses %s with a French message on its field",
    (_name, change, field, words) => {
      const problems = problemsOf({
        ...makeTipSource({ id: "mc-x" }),
        ...change,
      });
      expect(problems.map((p) => p.path)).toContain(field);
      expect(problems.find((p) => p.path === field)!.message).toMatch(words);
    },
  );

  it("checks routes against the table it is given", () => {
    const source = { ...makeTipSource({ id: "mc-x" }), routes: ["/ailleurs"] };
    expect(problemsOf(source).map((p) => p.path)).toEqual(["routes.0"]);
    const table = { moncompte: ["/ailleurs"], admin: [] };
    expect(checkTipSource(source, table).problems).toEqual([]);
  });

  it("previews whatever already compiles, and nothing while the text does not", () => {
    expect(
      previewTip({
        title: "Bientôt",
        markdown: "Un *début*",
        link: "http://x",
      }),
    ).toEqual({
      id: "apercu",
      title: "Bientôt",
      body: [
        { type: "p", children: ["Un ", { type: "em", children: ["début"] }] },
      ],
    });
    expect(previewTip({ markdown: "![image](https://x.fr/a.png)" })).toBeNull();
    expect(previewTip(null)).toBeNull();
  });

  it("accepts every tip file of the repo as a source", () => {
    for (const source of loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS))
      expect(problemsOf(source), source.id).toEqual([]);
  });

  it("writes sources back as files that load to the same sources and tips", () => {
    const sources = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
    const extra = makeTipSource({
      id: "mc-tout",
      routes: ["/inscription/:step", "/inscription/correction/:step"],
      params: { step: ["documents", "televersement"] },
      roles: ["young"],
      statuses: ["IN_PROGRESS", "VALIDATED"],
      link: "https://support.snu.gouv.fr/a",
      priority: -3,
      activeFrom: "2026-01-01",
      activeTo: "2026-06-30",
      anchor: {
        selector: "#recto, .upload > button",
        text: "Ici",
        placement: "left",
      },
      markdown: "Premier paragraphe.\n\n- un\n- deux\n\n1. a\n2. b",
    });
    const dir = makeTempDir();
    for (const source of [...sources, extra]) {
      fs.mkdirSync(path.join(dir, source.platform), { recursive: true });
      fs.writeFileSync(
        path.join(dir, source.platform, `${source.id}.md`),
        formatTipFile(checkTipSource(source).source!),
      );
    }
    const reread = loadTipSources(dir, ROUTE_PATTERNS);
    const byId = new Map(reread.map((source) => [source.id, source]));
    for (const source of [...sources, extra])
      expect(byId.get(source.id), source.id).toEqual(
        checkTipSource(source).source,
      );
    // What tips:check runs accepts the exported files.
    expect(loadTips(dir, ROUTE_PATTERNS)).toHaveLength(sources.length + 1);
  });

  it("reads activeFrom and activeTo in a file and refuses a day that does not exist", () => {
    const dir = makeTempDir();
    fs.mkdirSync(path.join(dir, "moncompte"));
    const file = (activeTo: string) =>
      fs.writeFileSync(
        path.join(dir, "moncompte", "mc-date.md"),
        `---\nid: mc-date\nplatform: moncompte\nroutes: /phase1\ntitle: Daté\nactiveFrom: 2026-01-01\nactiveTo: ${activeTo}\n---\nTexte.\n`,
      );
    file("2026-01-31");
    expect(loadTipSources(dir, ROUTE_PATTERNS)[0]).toMatchObject({
      activeFrom: "2026-01-01",
      activeTo: "2026-01-31",
      markdown: "Texte.",
    });
    file("2026-02-30");
    expect(() => loadTipSources(dir, ROUTE_PATTERNS)).toThrow(TipContentError);
    file("2025-12-31");
    expect(() => loadTipSources(dir, ROUTE_PATTERNS)).toThrow(
      /suivre le début/,
    );
  });
});
