import { describe, it, expect } from "vitest";
import {
  hasContact,
  isIdLikeSegment,
  isRouteTag,
  isSecretKey,
  isSecretPathWord,
  redactText,
  ROUTE_TAG_RE,
} from "../../api/contract/redact.ts";

describe("redactText", () => {
  it.each([
    ["jean.dupont@exemple.fr", "[e-mail]"],
    ["Écrire à Élodie.Martin+snu@académie-lyon.fr.", "Écrire à [e-mail]."],
    ["<parent_2@mail.example.com>", "<[e-mail]>"],
    ["mailto:jean%40exemple.fr", "mailto:[e-mail]"],
    // Issue 11: the full-width and small commercial at (U+FF20, U+FE6B).
    ["Écrire à jean＠gmail.com.", "Écrire à [e-mail]."],
    ["jean﹫gmail.com", "[e-mail]"],
  ])("replaces the e-mail in %j", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    [
      "https://moncompte.snu.gouv.fr/representants-legaux/presentation?token=abc123&parent=1",
      "?token=[masqué]&parent=1",
    ],
    [
      "/auth/callback?code=4/0AbCd&state=xyz#id_token=eyJ0",
      "?code=[masqué]&state=[masqué]#id_token=[masqué]",
    ],
    ["access_token=a.b.c", "access_token=[masqué]"],
    ["Mot de passe : password=hunter2 ;", "Mot de passe : [masqué] ;"],
    [
      "?PWD=x&Secret=y&api_key=z&jwt=j&session=s&auth=t",
      "?PWD=[masqué]&Secret=[masqué]&api_key=[masqué]&jwt=[masqué]&session=[masqué]&auth=[masqué]",
    ],
    ["(lien ?key=k1)", "?key=[masqué])"],
    ["?sig=YWJj== fin", "?sig=[masqué] fin"],
    ["x=token=abc", "token=[masqué]"],
  ])("masks the secret parameters of %j", (input, expected) => {
    const output = redactText(input);
    expect(output).toContain(expected);
    expect(output).not.toMatch(/abc123|hunter2|4\/0AbCd|xyz|eyJ0|k1\)/);
  });

  // Issue 11: a secret path word makes the next segment a secret, whatever its length.
  it.each([
    ["https://moncompte.snu.gouv.fr/#/reset/ab3de9fg2h", "#/reset/[masqué]"],
    ["/token/x1", "/token/[masqué]"],
    ["/invite/ab12", "/invite/[masqué]"],
    // The rest of the address goes with it (a query may carry the secret too).
    ["/invitation/ab12?lang=fr", "/invitation/[masqué]"],
    ["/activation/ab12", "/activation/[masqué]"],
    ["/activate/ab12", "/activate/[masqué]"],
    ["/confirm/ab12", "/confirm/[masqué]"],
    ["/verify/ab12", "/verify/[masqué]"],
    ["/verification/ab12", "/verification/[masqué]"],
    ["/magic-link/ab12", "/magic-link/[masqué]"],
    ["/mot-de-passe/ab12", "/mot-de-passe/[masqué]"],
    ["/password/ab12", "/password/[masqué]"],
    ["/Reset-Password/ab12", "/Reset-Password/[masqué]"],
    ["/code/4521", "/code/[masqué]"],
    ["/otp/4521", "/otp/[masqué]"],
    ["(lien /reset/ab3de9fg2h)", "(lien /reset/[masqué])"],
  ])("masks the segment after a secret path word in %j", (input, expected) => {
    const output = redactText(input);
    expect(output).toContain(expected);
    expect(output).not.toMatch(/ab3de9fg2h|ab12|x1|4521/);
  });

  // Issue 11: a secret given as `word: value` in free text, not only as `name=value`.
  it.each([
    ["password: hunter2", "password: [masqué]"],
    ["Mot de passe : hunter2, merci", "Mot de passe : [masqué] merci"],
    ["mot-de-passe :hunter2", "mot-de-passe :[masqué]"],
    ["MDP = hunter2", "MDP = [masqué]"],
    ["Password:\thunter2", "Password:\t[masqué]"],
    ["mot de passe : « hunter2 »", "mot de passe : « [masqué] »"],
    ['pwd: "hunter2"', 'pwd: "[masqué]"'],
    ["jeton : hunter2", "jeton : [masqué]"],
  ])(
    "masks the secret written as a word and a colon in %j",
    (input, expected) => {
      expect(redactText(input)).toBe(expected);
      expect(redactText(expected)).toBe(expected);
    },
  );

  it("masks a secret nested in a harmless parameter's value", () => {
    expect(redactText("?redirect=https://x.fr/cb?code=abc&lang=fr")).toBe(
      "?redirect=https://x.fr/cb?code=[masqué]&lang=fr",
    );
  });

  it("redacts the e-mail carried by a harmless parameter", () => {
    expect(redactText("?email=jean@exemple.fr&step=2")).toBe(
      "?email=[e-mail]&step=2",
    );
  });

  it("masks bearer tokens and JWTs", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
    expect(redactText(`Authorization: Bearer ${jwt}`)).toBe(
      "Authorization: Bearer [masqué]",
    );
    expect(redactText(`jeton ${jwt} collé`)).toBe("jeton [masqué] collé");
  });

  it.each([
    ["Dossier 123e4567-E89B-12d3-a456-426614174000.", "Dossier [id]."],
    ["/volontaire/64f1a2b3c4d5e6f708192a3b/phase2", "/volontaire/[id]/phase2"],
    ["clé aB3dE5gH7jK9mN1pQ", "clé [id]"],
    ["n° 1234567", "n° [id]"],
    ["INE 123456789AB", "INE [id]"],
    // Issue 11: an INE with its letter inside, a NIR from Corsica (2A/2B), spaced or run together.
    ["INE 12345A67890.", "INE [id]."],
    ["NIR 2 85 07 2A 123 456 78", "NIR [id]"],
    ["NIR 1 85 07 2b 123 456", "NIR [id]"],
    ["NIR 285072A12345678", "NIR [id]"],
    ["NIR 1 85 05 78 006 084 36", "NIR [id]"],
    ["IBAN FR76 3000 6000 0112 3456 7890 189", "IBAN FR76 [id]"],
    ["IP 192.168.100.200", "IP [id]"],
  ])("replaces the identifier in %j", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    "06 12 34 56 78",
    "06.12.34.56.78",
    "0612345678",
    "+33 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "0033612345678",
    // Issue 11: slashes, underscores, tabs, without the leading 0, and +33 in brackets.
    "06/12/34/56/78",
    "06_12_34_56_78",
    "06\t12\t34\t56\t78",
    "6 12 34 56 78",
    "(+33) 6 12 34 56 78",
  ])("replaces the French phone number %j", (phone) => {
    expect(redactText(`Appelez le ${phone}, merci.`)).toBe(
      "Appelez le [téléphone], merci.",
    );
  });

  it.each([
    "Séjour de cohésion 2026 : du 12/07/2026 au 24/07/2026.",
    "Année scolaire 2025-2026, rendez-vous le 12.07.2026 à 10:30.",
    "Le 2026-07-12 10:30, 75001 Paris, 1 500 € et 84 h de MIG.",
    "Étape 3 sur 6 — Phase 2 : mission d'intérêt général (cohorte Juillet 2026).",
    "Ma demande SNU-2026-000123 est toujours en attente.",
    "tableau-de-pointage, fiche-sanitaire, représentants légaux",
    "postalCode=75001&departement=2A&code_postal=69003",
    "Qu'est-ce que l'équivalence ? Réponse : voir « Besoin d'aide ».",
    "Séjour du 01/07/2026 10:30 au 12/07/2026, cohorte 2025_2026, 1 10 h.",
    "Code postal : 75011, département 2A, /code-postal/75011, /phase2/equivalence",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36",
  ])("keeps %j intact", (text) => {
    expect(redactText(text)).toBe(text);
  });

  it("is idempotent, so the server can check the widget's output again", () => {
    const once = redactText(
      "jean@x.fr 06 12 34 56 78 ?token=a&email=b@c.fr 64f1a2b3c4d5e6f708192a3b Bearer abc 1234567",
    );
    expect(once).toBe(
      "[e-mail] [téléphone] ?token=[masqué]&email=[e-mail] [id] Bearer [masqué] [id]",
    );
    expect(redactText(once)).toBe(once);
  });

  it("returns an empty string for non-string input", () => {
    expect(redactText(undefined as never)).toBe("");
  });

  // Linear-time patterns: a backtracking blow-up would hit the test timeout (no timing assertion).
  it("redacts long inputs built to make regexes backtrack", () => {
    const words = "a".repeat(5000);
    const input = `${words} ${"1 ".repeat(2500)}${"a.".repeat(2500)}@ ${"1".repeat(5000)}x`;
    expect(redactText(input)).toBe(`${words} [id] ${"a.".repeat(2500)}@ [id]`);
    expect(redactText("a=".repeat(2500))).toBe("a=".repeat(2500));
    // Issue 11's patterns: compound path words, a word and a colon, digit pairs.
    for (const text of [
      `/${"a-".repeat(2500)}/x`,
      `mot de passe${" ".repeat(5000)}`,
      "(+33)".repeat(1000),
      `${"a1".repeat(2500)}é`,
    ])
      expect(redactText(text)).toBe(text);
  });
});

describe("isSecretKey", () => {
  it.each([
    "token",
    "authToken",
    "access_token",
    "password",
    "PASSWORD",
    "pwd",
    "sessionId",
    "x-session-id",
    "apiKey",
    "x-api-key",
    "client_secret",
    "jwt",
    "code",
    "state",
    "auth",
    "otpCode",
    "mot_de_passe",
    "mdp",
    // Issue 11: `pass` alone or as the last word (`mdp` and `pwd` are words above).
    "pass",
    "PASS",
    "userPass",
    "user_pass",
    "new-pass",
  ])("treats %j as secret", (name) => {
    expect(isSecretKey(name)).toBe(true);
  });

  it.each([
    "userId",
    "cohort",
    "postalCode",
    "codeDepartement",
    "author",
    "monkey",
    "step",
    "passCulture",
    "passSport",
  ])("treats %j as harmless", (name) => {
    expect(isSecretKey(name)).toBe(false);
  });
});

describe("isRouteTag", () => {
  it.each([
    "/",
    "/phase2",
    "/inscription/:step",
    "/centre/:id/:sessionId/:tab",
    "/a.b/~c_d",
    "/reset/:token",
    "/code-postal/paris",
  ])("accepts %j", (tag) => {
    expect(isRouteTag(tag)).toBe(true);
  });

  it.each([
    ["a raw 24-hex id", "/volontaire/64f1a2b3c4d5e6f708192a3b"],
    ["a UUID", "/mission/123e4567-e89b-12d3-a456-426614174000"],
    ["a digits-only segment", "/user/12345"],
    ["a letter-digit token", "/x/ab3de5gh7jk9mn1pq"],
    ["an INE-like segment", "/x/12345a67890"],
    ["a short token after a secret path word", "/reset/ab3de9fg2h"],
    ["a name and a token", "/profil/jean-dupont/reset/ab3de9fg2h"],
    ["a word after a secret path word", "/invitation/accepter"],
  ])("refuses %s even though its syntax is valid", (_, tag) => {
    expect(ROUTE_TAG_RE.test(tag)).toBe(true);
    expect(isRouteTag(tag)).toBe(false);
  });

  it.each([
    ["a query", "/a?b=1"],
    ["a hash", "/a#b"],
    ["a trailing slash", "/a/"],
    ["a double slash", "//a"],
    ["no leading slash", "a"],
    ["an empty string", ""],
    ["uppercase", "/Phase2"],
    ["an e-mail", "/jean@x.fr"],
    ["percent-encoding", "/a%20b"],
    ["a bad parameter name", "/:1a"],
    ["more than 200 characters", `/${"a".repeat(200)}`],
  ])("refuses %s", (_, tag) => {
    expect(isRouteTag(tag)).toBe(false);
  });

  it("refuses non-string input", () => {
    expect(isRouteTag(42 as never)).toBe(false);
  });
});

describe("isIdLikeSegment", () => {
  it("tells ids from words", () => {
    expect(isIdLikeSegment("64f1a2b3c4d5e6f708192a3b")).toBe(true);
    expect(isIdLikeSegment("ABCDEFABCDEFABCDEFABCDEF")).toBe(true);
    expect(isIdLikeSegment("2026")).toBe(true);
    expect(isIdLikeSegment("phase2")).toBe(false);
    expect(isIdLikeSegment("tableau-de-pointage")).toBe(false);
  });
});

describe("isSecretPathWord", () => {
  it.each([
    "reset",
    "token",
    "invite",
    "invitation",
    "activate",
    "activation",
    "confirm",
    "verify",
    "verification",
    "magic-link",
    "mot-de-passe",
    "password",
    "reset-password",
    "code",
    "otp",
  ])("treats %j as announcing a secret", (word) => {
    expect(isSecretPathWord(word)).toBe(true);
  });

  it.each([
    "phase2",
    "inscription",
    "code-postal",
    "codes",
    "auth",
    "validate-contract",
    ":token",
    undefined,
  ])("treats %j as an ordinary word", (word) => {
    expect(isSecretPathWord(word)).toBe(false);
  });
});

describe("hasContact", () => {
  it.each([
    "jean.dupont@exemple.fr",
    "jean＠gmail.com",
    "0612345678",
    "+33 6 12 34 56 78",
    "user:jean@exemple.fr",
  ])("finds the e-mail or phone number in %j", (value) => {
    expect(hasContact(value)).toBe(true);
  });

  it.each([
    "64f1a2b3c4d5e6f708192a3b",
    "123e4567-e89b-12d3-a456-426614174000",
    "u-42",
    "123456789",
    "2026",
  ])("finds none in the opaque id %j", (value) => {
    expect(hasContact(value)).toBe(false);
  });
});
