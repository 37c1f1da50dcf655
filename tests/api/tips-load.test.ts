import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Platform } from "../../api/contract/platforms.ts";
import {
  loadTips,
  parseTipFile,
  TipContentError,
} from "../../api/tips/load-tips.ts";

const knownRoutes: Record<Platform, readonly string[]> = {
  moncompte: [
    "/inscription/:step",
    "/inscription/correction/:step",
    "/phase2",
    "/mission/:id",
  ],
  admin: [
    "/dashboard",
    "/volontaire/:id/phase2",
    "/centre/:id/:sessionId/:tab",
  ],
};

const header = {
  id: "mc-inscription-piece-identite",
  platform: "moncompte",
  routes: "/inscription/:step, /inscription/correction/:step",
  params: "step=documents|televersement",
  roles: "young",
  statuses: "IN_PROGRESS, WAITING_CORRECTION",
  title: "Le téléversement de ma pièce d'identité échoue",
  link: "https://support.snu.gouv.fr/base-de-connaissance/telechargement-documents",
  priority: "10",
} as Record<string, string>;
const body = "Vérifiez le **format** du fichier.\n\n- JPG\n- PDF\n";

function tipText(
  fields: Record<string, string | undefined> = {},
  text = body,
): string {
  const merged = { ...header, ...fields };
  const lines = Object.entries(merged).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}: ${value}`],
  );
  return ["---", ...lines, "---", text].join("\n");
}

function parse(
  text: string,
  file = "moncompte/mc-inscription-piece-identite.md",
) {
  return parseTipFile({
    file,
    platform: file.split("/")[0]!,
    text,
    knownRoutes,
  });
}

function errorOf(run: () => unknown): TipContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof TipContentError) return error;
    throw error;
  }
  throw new Error("no TipContentError thrown");
}

describe("parseTipFile", () => {
  it("parses a complete file into the exact record", () => {
    expect(parse(tipText())).toStrictEqual({
      id: "mc-inscription-piece-identite",
      platform: "moncompte",
      routes: ["/inscription/:step", "/inscription/correction/:step"],
      params: { step: ["documents", "televersement"] },
      roles: ["young"],
      statuses: ["IN_PROGRESS", "WAITING_CORRECTION"],
      title: "Le téléversement de ma pièce d'identité échoue",
      body: [
        {
          type: "p",
          children: [
            "Vérifiez le ",
            { type: "strong", children: ["format"] },
            " du fichier.",
          ],
        },
        { type: "ul", items: [["JPG"], ["PDF"]] },
      ],
      link: "https://support.snu.gouv.fr/base-de-connaissance/telechargement-documents",
      priority: 10,
    });
  });

  it("fills defaults and omits absent optional keys", () => {
    const text = [
      "---",
      "id: adm-pointage",
      "platform: admin",
      "routes: /dashboard",
      "title: Pointer",
      "---",
      "Texte.",
    ];
    expect(parse(text.join("\n"), "admin/adm-pointage.md")).toStrictEqual({
      id: "adm-pointage",
      platform: "admin",
      routes: ["/dashboard"],
      params: {},
      roles: [],
      statuses: [],
      title: "Pointer",
      body: [{ type: "p", children: ["Texte."] }],
      priority: 0,
    });
  });

  it("reads the anchor fields", () => {
    const anchor = {
      "anchor.selector": "#upload > button",
      "anchor.text": "Téléverser",
      "anchor.placement": "bottom",
    };
    expect(parse(tipText(anchor)).anchor).toStrictEqual({
      selector: "#upload > button",
      text: "Téléverser",
      placement: "bottom",
    });
    expect(
      parse(tipText({ "anchor.selector": "#upload" })).anchor,
    ).toStrictEqual({ selector: "#upload" });
  });

  it("skips blank and # comment lines in the header and reads a negative priority", () => {
    const text = tipText({ priority: "-2" }).replace(
      "---\n",
      "---\n\n# Pièce d'identité : étape documents\n",
    );
    expect(parse(text).priority).toBe(-2);
  });

  it("reads several params separated by ;", () => {
    const text = tipText({
      id: "adm-centre",
      platform: "admin",
      routes: "/centre/:id/:sessionId/:tab",
    })
      .replace(
        "params: step=documents|televersement",
        "params: tab=general; tab2=x",
      )
      .replace(/^(roles|statuses):.*\n/gm, "");
    expect(errorOf(() => parse(text, "admin/adm-centre.md")).field).toBe(
      "params",
    );
    const valid = text.replace("; tab2=x", "");
    expect(parse(valid, "admin/adm-centre.md").params).toStrictEqual({
      tab: ["general"],
    });
  });

  it.each([
    ["no opening ---", "id: x\n---\nTexte.", "en-tête", "ligne 1"],
    [
      "an unclosed header",
      "---\nid: mc-inscription-piece-identite\nTexte.",
      "en-tête",
      "jamais fermé",
    ],
    [
      "a line that is not key: value",
      tipText().replace("priority: 10", "priorité 10"),
      "en-tête",
      "ligne 10",
    ],
    [
      "a duplicate key",
      tipText().replace("priority: 10", "priority: 10\npriority: 3"),
      "priority",
      "ligne 11",
    ],
    [
      "an unknown key",
      tipText({ audience: "jeunes" }),
      "audience",
      "clé inconnue",
    ],
    ["an empty value", tipText({ roles: "" }), "roles", "vide"],
    ["a missing title", tipText({ title: undefined }), "title", "obligatoire"],
    [
      "a missing routes",
      tipText({ routes: undefined, params: undefined }),
      "routes",
      "obligatoire",
    ],
    [
      "an id that is not the file name",
      tipText({ id: "mc-autre" }),
      "id",
      "nom du fichier",
    ],
    [
      "a platform that is not the folder",
      tipText({ platform: "admin" }),
      "platform",
      "dossier moncompte",
    ],
    [
      "an empty item in routes",
      tipText({ routes: "/phase2,", params: undefined }),
      "routes",
      "vide",
    ],
    [
      "a repeated route",
      tipText({ routes: "/phase2, /phase2", params: undefined }),
      "routes",
      "répété",
    ],
    [
      "a route of the other platform",
      tipText({ routes: "/dashboard", params: undefined }),
      "routes",
      "/dashboard",
    ],
    [
      "a param missing from one route",
      tipText({ routes: "/inscription/:step, /phase2" }),
      "params",
      "/phase2",
    ],
    [
      "an id param",
      tipText({ routes: "/mission/:id", params: "id=12" }),
      "params",
      "identifiant",
    ],
    [
      "a malformed param",
      tipText({ params: "step documents" }),
      "params",
      "nom=valeur1|valeur2",
    ],
    [
      "an empty param value",
      tipText({ params: "step=documents|" }),
      "params",
      "step",
    ],
    [
      "a param value with capitals (the widget lowercases the page's values)",
      tipText({ params: "step=Documents" }),
      "params",
      "minuscules",
    ],
    [
      "a repeated param",
      tipText({ params: "step=a; step=b" }),
      "params",
      "répété",
    ],
    ["an unknown role", tipText({ roles: "young, pirate" }), "roles", "pirate"],
    [
      "an unknown status",
      tipText({ statuses: "EN_COURS" }),
      "statuses",
      "EN_COURS",
    ],
    ["a too short title", tipText({ title: "Ah" }), "title", "3 caractères"],
    [
      "an http link",
      tipText({ link: "http://snu.gouv.fr" }),
      "link",
      "https://",
    ],
    [
      "a non-integer priority",
      tipText({ priority: "haute" }),
      "priority",
      "entier",
    ],
    [
      "anchor.text without selector",
      tipText({ "anchor.text": "Ici" }),
      "anchor.text",
      "anchor.selector",
    ],
    [
      "a bad placement",
      tipText({ "anchor.selector": "#a", "anchor.placement": "center" }),
      "anchor.placement",
      "top",
    ],
    ["an empty body", tipText({}, "\n\n"), "body", "vide"],
    [
      "unsupported Markdown",
      tipText({}, "Texte.\n\n# Titre"),
      "body",
      "ligne 14 : les titres",
    ],
  ])(
    "rejects %s, naming the file and the field",
    (_name, text, field, words) => {
      const error = errorOf(() => parse(text));
      expect(error.file).toBe("moncompte/mc-inscription-piece-identite.md");
      expect(error.field).toBe(field);
      expect(error.message).toContain(
        `moncompte/mc-inscription-piece-identite.md : champ « ${field} » : `,
      );
      expect(error.message).toContain(words);
    },
  );

  it("words an unknown route as the authors' guide says", () => {
    const error = errorOf(() =>
      parse(tipText({ routes: "/foo", params: undefined })),
    );
    expect(error.message).toBe(
      "moncompte/mc-inscription-piece-identite.md : champ « routes » : la route « /foo » n'existe pas pour moncompte.",
    );
    expect(error.line).toBe(4);
  });

  it("reports a Markdown problem on the file's line, blank lines before the text included", () => {
    const error = errorOf(() => parse(tipText({}, "\n\nTexte.\n\n# Titre")));
    expect(error.field).toBe("body");
    expect(error.line).toBe(16);
    expect(error.message).toContain("champ « body » : ligne 16 : les titres");
  });

  it("reports a header problem of the tip check on the key's line, quoting the value at fault", () => {
    const role = errorOf(() => parse(tipText({ roles: "young, pirate" })));
    expect(role.message).toBe(
      "moncompte/mc-inscription-piece-identite.md : champ « roles » : « pirate » : rôle inconnu.",
    );
    expect(role.line).toBe(6);
    const priority = errorOf(() => parse(tipText({ priority: "1.5" })));
    expect([priority.field, priority.line]).toEqual(["priority", 10]);
    expect(priority.message).toContain(
      "« 1.5 » : la priorité est un nombre entier.",
    );
  });

  it("applies the console's limits to files: a text longer than 5 000 characters is refused", () => {
    const error = errorOf(() => parse(tipText({}, "x".repeat(5001))));
    expect(error.field).toBe("body");
    expect(error.message).toContain("5 000 caractères au plus");
  });

  it("refuses a parameter name an object would swallow", () => {
    const error = errorOf(() => parse(tipText({ params: "__proto__=a" })));
    expect([error.field, error.line]).toEqual(["params", 5]);
    expect(error.message).toContain("nom=valeur1|valeur2");
  });

  it("rejects an id that breaks the id format even when it matches the file name", () => {
    const error = errorOf(() =>
      parse(tipText({ id: "MC_Piece" }), "moncompte/MC_Piece.md"),
    );
    expect(error.field).toBe("id");
  });

  it("rejects a folder that is not a platform", () => {
    expect(
      errorOf(() => parse(tipText(), "autre/mc-inscription-piece-identite.md"))
        .field,
    ).toBe("platform");
  });
});

describe("loadTips", () => {
  const dirs: string[] = [];
  afterEach(() =>
    dirs
      .splice(0)
      .forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })),
  );

  function contentDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-tips-"));
    dirs.push(dir);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }
  const simple = (id: string, platform: string, route: string) =>
    [
      "---",
      `id: ${id}`,
      `platform: ${platform}`,
      `routes: ${route}`,
      "title: Une astuce",
      "---",
      "Texte.",
    ].join("\n");

  it("reads every platform folder in name order", () => {
    const dir = contentDir({
      "moncompte/mc-b.md": simple("mc-b", "moncompte", "/phase2"),
      "moncompte/mc-a.md": simple("mc-a", "moncompte", "/phase2"),
      "admin/adm-z.md": simple("adm-z", "admin", "/dashboard"),
    });
    expect(
      loadTips(dir, knownRoutes).map((tip) => `${tip.platform}/${tip.id}`),
    ).toEqual(["admin/adm-z", "moncompte/mc-a", "moncompte/mc-b"]);
  });

  it("accepts a content dir with one platform folder only", () => {
    const dir = contentDir({
      "admin/adm-z.md": simple("adm-z", "admin", "/dashboard"),
    });
    expect(loadTips(dir, knownRoutes)).toHaveLength(1);
  });

  it("reports errors with the file path relative to the content dir", () => {
    const dir = contentDir({
      "moncompte/mc-a.md": simple("mc-a", "moncompte", "/foo"),
    });
    const error = errorOf(() => loadTips(dir, knownRoutes));
    expect([error.file, error.field]).toEqual(["moncompte/mc-a.md", "routes"]);
  });

  it.each([
    [
      "a file beside the platform folders",
      { "README.md": "x" },
      "README.md",
      "platform",
    ],
    [
      "a folder that is not a platform",
      { "autre/x.md": "x" },
      "autre",
      "platform",
    ],
    [
      "a file that is not Markdown",
      { "moncompte/notes.txt": "x" },
      "moncompte/notes.txt",
      "id",
    ],
    [
      "a sub-folder in a platform folder",
      { "moncompte/brouillons/a.md": "x" },
      "moncompte/brouillons",
      "id",
    ],
  ])("rejects %s", (_name, files, file, field) => {
    const dir = contentDir({
      "admin/adm-z.md": simple("adm-z", "admin", "/dashboard"),
      ...files,
    });
    const error = errorOf(() => loadTips(dir, knownRoutes));
    expect([error.file, error.field]).toEqual([file, field]);
    expect(error.message).toContain("inattendue");
  });

  it("rejects an id used on both platforms", () => {
    const dir = contentDir({
      "admin/meme-id.md": simple("meme-id", "admin", "/dashboard"),
      "moncompte/meme-id.md": simple("meme-id", "moncompte", "/phase2"),
    });
    const error = errorOf(() => loadTips(dir, knownRoutes));
    expect([error.file, error.field]).toEqual(["moncompte/meme-id.md", "id"]);
    expect(error.message).toContain("admin/meme-id.md");
  });
});
