import { afterEach, describe, expect, it, vi } from "vitest";
import { PLATFORMS } from "../../api/contract/platforms.ts";
import {
  isIdLikeSegment,
  isRouteTag,
  isSecretPathWord,
  redactText,
} from "../../api/contract/redact.ts";
import { ROUTE_WORDS, tagRoute } from "../../api/contract/route-tag.ts";
import {
  isValueParam,
  ROUTE_PARAM_VALUES,
  ROUTE_PATTERNS,
} from "../../api/contract/routes.ts";

// Issue 14: isIdLikeSegment and isSecretPathWord answer plain words without running redactText (its
// regular expression costs ~28 ms to build and ~27 ms for its first run at 4× CPU throttling in Chromium). Their answers must stay exactly
// redactText's: these are the definitions the shortcuts replace, checked on every word of the route
// tables, on the edge cases of the shortcuts' reasoning and on random segments around them.
const idLikeByRedaction = (segment: string) =>
  !/^(?!\d+$)[\w.~-]{1,60}$/.test(segment) || redactText(segment) !== segment;
const secretByRedaction = (segment: string | undefined) =>
  redactText(`/${segment}/x`).endsWith("/[masqué]");

/** mulberry32: a small seeded generator, so that every run checks the same segments. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = "0123456789abcdefABCDEF";

/**
 * Random segments biased to the shortcut's edges: lengths around 10, 16, 24 and 36, hex-only words and
 * UUID shapes, 0 to 8 digits, `eyJ` and a dot, and now and then a character the shortcut does not handle.
 */
function randomIdSegments(count: number): string[] {
  const random = seeded(14);
  const pick = <T>(items: ArrayLike<T>) =>
    items[Math.floor(random() * items.length)]!;
  const segments: string[] = [];
  for (let n = 0; n < count; n++) {
    const kind = random();
    const length =
      random() < 0.7
        ? pick([9, 10, 11, 15, 16, 17, 23, 24, 25, 35, 36, 37]) +
          Math.floor(random() * 2)
        : 1 + Math.floor(random() * 64);
    const digitShare = pick([0, 0, 0.05, 0.15, 0.3, 0.6]);
    let s = "";
    for (let i = 0; i < length; i++) {
      if (kind < 0.15 && [8, 13, 18, 23].includes(i)) s += "-";
      else if (kind < 0.45) s += pick(HEX);
      else if (random() < digitShare) s += pick("0123456789");
      else s += pick("abefjyxzEJYSNU-._~aeiou");
    }
    if (random() < 0.15) {
      const at = Math.floor(random() * s.length);
      s = s.slice(0, at) + pick(["eyJ", "EYj", "-eyJ", "eyJa.b"]) + s.slice(at);
    }
    if (random() < 0.05) s += pick(["=", "@", "/", ":", " ", "é", "ſ"]);
    segments.push(s);
  }
  return segments;
}

/** Random segments made of pieces of the secret path words, separators and characters around them. */
function randomPathWords(count: number): string[] {
  const random = seeded(11);
  const pieces = [
    "reset",
    "token",
    "jeton",
    "invit",
    "activat",
    "confirm",
    "verif",
    "magic",
    "passw",
    "mdp",
    "otp",
    "passe",
    "pass",
    "code",
    "co",
    "de",
    "ion",
    "x",
    "-",
    "_",
    "-",
    "_",
    ":",
    "1",
    "2026",
    ".",
    " ",
    "=",
    "eyJa.b",
    "é",
  ];
  const segments: string[] = [];
  for (let n = 0; n < count; n++) {
    let s = "";
    const parts = 1 + Math.floor(random() * 4);
    for (let i = 0; i < parts; i++)
      s += pieces[Math.floor(random() * pieces.length)];
    if (random() < 0.3)
      s = [...s].map((c) => (random() < 0.5 ? c.toUpperCase() : c)).join("");
    segments.push(s);
  }
  return segments;
}

describe("isIdLikeSegment's shortcut", () => {
  it("answers like redactText for every word of the route tables", () => {
    const words = tableWords();
    expect(words.length).toBeGreaterThan(60);
    for (const word of words)
      expect([word, isIdLikeSegment(word)]).toEqual([
        word,
        idLikeByRedaction(word),
      ]);
  });

  it.each([
    // Hex-only words: 24 hex characters are an ObjectId, with or without digits, in any case.
    "abcdefabcdefabcdefabcde",
    "abcdefabcdefabcdefabcdef",
    "ABCDEFABCDEFABCDEFABCDEF",
    "abcdefabcdefabcdefabcdefa",
    "64f1a2b3c4d5e6f708192a3",
    "64f1a2b3c4d5e6f708192a3b",
    // UUIDs, with and without digits.
    "123e4567-e89b-12d3-a456-426614174000",
    "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE",
    "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee",
    // JWTs: `eyJ` at a word's start, in any case, then a dot.
    "eyJhbGci.x",
    "EYJHBGCI.X",
    "x-eyJa.b",
    "xeyJa.b",
    "eyJabc",
    // Digits: six are an id, five not; a word mixing letters and digits from 16 characters.
    "123456",
    "12345",
    "abc12345",
    "abc123456",
    "a1b2c3d4e5",
    "a1b2c3d4e5f6",
    "abcdefghijklmn1",
    "abcdefghijklmno1",
    "ABCDEFGHIJKLMNO1",
    "phase2",
    "12-34",
    "12.34.56",
    "06.12.34.56.78",
    "1-85-05-2a-123-456",
    "SNU-2026-000123",
    // Words without digits up to 23 characters and beyond, the length limit, other characters.
    "abcdefghijklmnopqrstuvw",
    "abcdefghijklmnopqrstuvwx",
    "representants-legaux",
    "a~b",
    "a_b",
    "x".repeat(60),
    "x".repeat(61),
    "",
    "jean@exemple.fr",
    "mot=passe",
    "été",
  ])("answers like redactText for %j", (segment) => {
    expect(isIdLikeSegment(segment)).toBe(idLikeByRedaction(segment));
  });

  it("answers like redactText for 5,000 random segments", () => {
    const segments = randomIdSegments(5000);
    const wrong = segments.filter(
      (segment) => isIdLikeSegment(segment) !== idLikeByRedaction(segment),
    );
    expect(wrong).toEqual([]);
    // The sample reaches both answers and both sides of each edge.
    const idLike = segments.filter(idLikeByRedaction).length;
    expect(idLike).toBeGreaterThan(1000);
    expect(segments.length - idLike).toBeGreaterThan(1000);
  });
});

describe("isSecretPathWord's shortcut", () => {
  it("answers like redactText for every word and parameter of the route tables", () => {
    for (const word of tableWords())
      expect([word, isSecretPathWord(word)]).toEqual([
        word,
        secretByRedaction(word),
      ]);
  });

  it.each([
    "reset",
    "RESET",
    "Reset-Password",
    "mot-de-passe",
    "mot_de_passe",
    "MOT-DE-PASSE",
    "passe",
    "passer",
    "password",
    "code",
    "CODE",
    "code-postal",
    "codes",
    "xreset",
    "re-set",
    "a-otp-b",
    "verify-email",
    "magic-link",
    "reset1",
    "1reset",
    "reset_2026",
    ":code",
    ":reset",
    "reset:",
    "reset.x",
    "reset x",
    "eyJa.b",
    "token=abc",
    "réinitialiser",
    "",
    "undefined",
    undefined,
  ])("answers like redactText for %j", (segment) => {
    expect(isSecretPathWord(segment)).toBe(secretByRedaction(segment));
  });

  it("answers like redactText for 5,000 random segments", () => {
    const segments = randomPathWords(5000);
    const wrong = segments.filter(
      (segment) => isSecretPathWord(segment) !== secretByRedaction(segment),
    );
    expect(wrong).toEqual([]);
    const secret = segments.filter(secretByRedaction).length;
    expect(secret).toBeGreaterThan(500);
    expect(segments.length - secret).toBeGreaterThan(500);
  });
});

/**
 * The words of the route tables, `:param` names included, and the known parameter values (`documents`,
 * `tableau-de-pointage`…), each also in capitals (paths are matched without case).
 */
function tableWords(): string[] {
  const values = Object.values(ROUTE_PARAM_VALUES).flatMap((byPattern) =>
    Object.values(byPattern).flatMap((byParam) =>
      Object.values(byParam).flat(),
    ),
  );
  return [...ROUTE_WORDS, ...values].flatMap((word) => [
    word,
    word.toUpperCase(),
  ]);
}

describe("route tags of the route tables' pages", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("build redactText's regular expression only when it first redacts, not when the module loads", async () => {
    // Every RegExp built by call or `new` (literals are not), by its flags; the module loaded afresh.
    const built: string[] = [];
    const record = (args: unknown[]) => built.push(String(args[1] ?? ""));
    vi.stubGlobal(
      "RegExp",
      new Proxy(RegExp, {
        construct: (target, args, newTarget) => (
          record(args),
          Reflect.construct(target, args, newTarget)
        ),
        apply: (target, self, args) => (
          record(args),
          Reflect.apply(target, self, args)
        ),
      }),
    );
    vi.resetModules();
    const fresh = await import("../../api/contract/redact.ts");
    const routes = await import("../../api/contract/route-tag.ts");

    expect(routes.tagRoute("moncompte", "/inscription/documents").route).toBe(
      "/inscription/:step",
    );
    expect(built).not.toContain("giu");
    expect(fresh.redactText("jean@exemple.fr")).toBe("[e-mail]");
    expect(built.filter((flags) => flags === "giu")).toEqual(["giu"]);
  });

  /** Counts the runs of redactText's regular expression (the one with the named group `keep`). */
  function countRedactions() {
    const replace = vi.spyOn(RegExp.prototype, Symbol.replace);
    return () =>
      replace.mock.contexts.filter((re) =>
        (re as RegExp).source.includes("(?<keep>"),
      ).length;
  }

  it("counts a run of redactText's regular expression (the counter below works)", () => {
    const runs = countRedactions();
    redactText("phase2");
    expect(runs()).toBe(1);
  });

  it("are made without running redactText's regular expression", () => {
    const runs = countRedactions();
    const tags = PLATFORMS.flatMap((platform) =>
      ROUTE_PATTERNS[platform].flatMap((pattern) => {
        const values = ROUTE_PARAM_VALUES[platform][pattern] ?? {};
        const path = pattern.replace(
          /:(\w+)/g,
          (_, name: string) => values[name]?.[0] ?? "exemple",
        );
        const parts = pattern.split("/");
        parts.forEach((_, i) => isValueParam(parts, i));
        return [
          tagRoute(platform, path),
          tagRoute(platform, `/base${path}`, { basePath: "/base" }),
          tagRoute(platform, path, { pattern }),
          tagRoute(platform, `${path}/inconnue`),
        ].concat(isRouteTag(pattern) ? [] : [{ route: "invalide" }]);
      }),
    );
    expect(tags.length).toBe(
      4 * (ROUTE_PATTERNS.moncompte.length + ROUTE_PATTERNS.admin.length),
    );
    // The tags themselves are tested in route-tag.test.ts; one here, with a parameter value that travels.
    expect(tagRoute("moncompte", "/inscription/documents")).toEqual({
      route: "/inscription/:step",
      routeParams: { step: "documents" },
    });
    expect(runs()).toBe(0);
  });
});
