import { afterEach, describe, expect, it } from "vitest";
import {
  IdentitySchema,
  RequestContextSchema,
} from "../../../api/contract/request.ts";
import { buildContext } from "../../../widget/panel/page-context.ts";
import { applyHostCall } from "../../../widget/shared/host-input.ts";
import {
  contractIdentity,
  currentRoute,
  snapshotPage,
  type PageSnapshot,
} from "../../../widget/shared/page-route.ts";
import type { HostCall, HostState } from "../../../widget/shared/types.ts";
import { WIDGET_VERSION } from "../../../widget/shared/version.ts";
import { widgetConfig } from "../../support/widget/fixtures.ts";

const HEX24 = "64f1a2b3c4d5e6f708192a3b";

/** A page as `snapshotPage` reads it; override any part. */
function page(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    pathname: "/phase1",
    title: "Mon séjour de cohésion",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    viewport: { w: 390, h: 844 },
    ...overrides,
  };
}

/** The panel's state after these host calls, applied as the panel applies them. */
function stateAfter(...calls: HostCall[]): HostState {
  return stateOn("/", ...calls);
}

/** The same, with the calls made while the host page is at `pathname`. */
function stateOn(pathname: string, ...calls: HostCall[]): HostState {
  const state: HostState = { custom: {}, prefill: {} };
  for (const call of calls) applyHostCall(state, call, pathname);
  return state;
}

/** Sets `Object.prototype[key]` for the duration of `run` (a polluted host page), then removes it. */
function withPollutedPrototype(
  values: Record<string, unknown>,
  run: () => void,
) {
  const proto = Object.prototype as Record<string, unknown>;
  try {
    Object.assign(proto, values);
    run();
  } finally {
    for (const key of Object.keys(values)) delete proto[key];
  }
}

const initialUrl = window.location.href;
const initialTitle = document.title;
afterEach(() => {
  window.history.replaceState({}, "", initialUrl);
  document.title = initialTitle;
});

describe("route of the page", () => {
  it("tags the real location without its base path, id, query or hash", () => {
    window.history.pushState(
      {},
      "",
      "/demo/moncompte/representants-legaux/consentement?token=abc123#signature",
    );
    const config = widgetConfig({ basePath: "/demo/moncompte" });

    const context = buildContext(
      config,
      stateAfter(),
      snapshotPage(window),
      [],
    );

    expect(context.route).toBe("/representants-legaux/:step");
    expect(context.routeParams).toEqual({ step: "consentement" });
    const sent = JSON.stringify(context);
    for (const secret of ["abc123", "token", "signature", "?", "#", "/demo/"])
      expect(sent).not.toContain(secret);
  });

  it("replaces a raw id of the path by its parameter and never sends the id", () => {
    window.history.pushState({}, "", `/demo/admin/volontaire/${HEX24}/phase2`);
    document.title = `Volontaire ${HEX24} — Phase 2`;
    const config = widgetConfig({ platform: "admin", basePath: "/demo/admin" });

    const context = buildContext(
      config,
      stateAfter(),
      snapshotPage(window),
      [],
    );

    expect(context.route).toBe("/volontaire/:id/phase2");
    expect(context.routeParams).toBeUndefined();
    expect(JSON.stringify(context)).not.toContain(HEX24);
  });

  // Issue 11: a page missing from the table keeps only the route tables' words.
  it("sends neither a person's name nor the short token of a reset link", () => {
    window.history.pushState(
      {},
      "",
      "/demo/moncompte/profil/jean-dupont/reset/ab3de9fg2h#/reset/cd4ef5",
    );
    const config = widgetConfig({ basePath: "/demo/moncompte" });

    const context = buildContext(
      config,
      stateAfter(),
      snapshotPage(window),
      [],
    );

    expect(context.route).toBe("/:id/:id/:id/:id");
    const sent = JSON.stringify(context);
    for (const secret of ["jean", "dupont", "ab3de9fg2h", "cd4ef5"])
      expect(sent).not.toContain(secret);
    expect(RequestContextSchema.safeParse(context).success).toBe(true);
  });

  it("uses the pattern the host declared with page({route}) when it is a valid route tag", () => {
    const state = stateOn(`/volontaire/${HEX24}/phase2`, [
      "page",
      { route: "/volontaire/:id/phase2" },
    ]);

    const route = currentRoute(
      widgetConfig({ platform: "admin" }),
      state,
      page({ pathname: `/volontaire/${HEX24}/phase2` }),
    );

    expect(route).toEqual({ route: "/volontaire/:id/phase2" });
  });

  it("falls back to the route table when the declared pattern holds a raw id", () => {
    const state = stateOn(`/volontaire/${HEX24}`, [
      "page",
      { route: `/volontaire/${HEX24}` },
    ]);

    const route = currentRoute(
      widgetConfig({ platform: "admin" }),
      state,
      page({ pathname: `/volontaire/${HEX24}` }),
    );

    expect(route).toEqual({ route: "/volontaire/:id" });
  });

  it("forgets the declared pattern on page() without a route", () => {
    const state = stateAfter(
      ["page", { route: "/besoin-d-aide" }],
      ["page", undefined],
    );

    expect(
      currentRoute(widgetConfig(), state, page({ pathname: "/phase1" })).route,
    ).toBe("/phase1");
  });

  it("refuses a page() call whose argument is not an object", () => {
    const state = stateAfter(["page", { route: "/phase2" }]);

    expect(applyHostCall(state, ["page", "/phase1"], "/")).toBe(false);
    expect(state.route).toEqual({ pattern: "/phase2", path: "/" });
  });

  it("binds a declared pattern to the path the call was made on, when the call carries it", () => {
    // The loader adds the path when the host calls page(); the panel may apply it later, elsewhere.
    const state = stateOn("/phase1", [
      "page",
      { route: "/changer-de-sejour" },
      "/changer-mon-sejour",
    ]);

    expect(state.route).toEqual({
      pattern: "/changer-de-sejour",
      path: "/changer-mon-sejour",
    });
    expect(
      currentRoute(widgetConfig(), state, page({ pathname: "/phase1" })).route,
    ).toBe("/phase1");
  });

  it("forgets a declared pattern once the user is on another path", () => {
    const state = stateOn("/etape/documents", [
      "page",
      { route: "/inscription/:step" },
    ]);

    expect(
      currentRoute(
        widgetConfig(),
        state,
        page({ pathname: "/etape/documents" }),
      ),
    ).toEqual({ route: "/inscription/:step" });
    expect(
      currentRoute(widgetConfig(), state, page({ pathname: "/phase1" })).route,
    ).toBe("/phase1");
  });
});

describe("title", () => {
  it("redacts e-mails and ids from the page title", () => {
    const context = buildContext(
      widgetConfig(),
      stateAfter(),
      page({ title: "Dossier de camille.martin@example.fr — 0612345678" }),
      [],
    );

    expect(context.title).not.toContain("camille.martin@example.fr");
    expect(context.title).not.toContain("0612345678");
    expect(context.title).toContain("[e-mail]");
    expect(context.title.startsWith("Dossier de ")).toBe(true);
  });

  it("redacts the phone numbers, e-mails and reset tokens issue 11 found in titles", () => {
    const context = buildContext(
      widgetConfig(),
      stateAfter(),
      page({
        title:
          "Camille 06/12/34/56/78 jean＠gmail.com https://x.fr/#/reset/ab3de9fg2h",
      }),
      [],
    );

    expect(context.title).toBe(
      "Camille [téléphone] [e-mail] https://x.fr/#/reset/[masqué]",
    );
  });

  it("cuts the title to 200 characters", () => {
    const context = buildContext(
      widgetConfig(),
      stateAfter(),
      page({ title: "Séjour ".repeat(60) }),
      [],
    );

    expect(context.title).toHaveLength(200);
  });
});

describe("identity", () => {
  it("keeps every field the contract accepts, but never the e-mail", () => {
    const state = stateAfter([
      "identify",
      {
        role: "young",
        department: "2A",
        region: "Corse",
        cohort: "Février 2027",
        status: "AFFECTED",
        email: "camille.martin@example.fr",
        userId: "u-42",
      },
    ]);

    const context = buildContext(widgetConfig(), state, page(), []);

    expect(context.identity).toEqual({
      role: "young",
      department: "2A",
      region: "Corse",
      cohort: "Février 2027",
      status: "AFFECTED",
      userId: "u-42",
    });
    expect(JSON.stringify(context)).not.toContain("camille.martin");
  });

  // Issue 11: the user id is opaque; an e-mail or a phone number in its place is not sent.
  it.each([
    ["an e-mail", "camille.martin@example.fr"],
    ["a full-width e-mail", "camille＠example.fr"],
    ["a phone number", "+33 6 12 34 56 78"],
  ])("drops a userId that is %s", (_, userId) => {
    const state = stateAfter(["identify", { role: "young", userId }]);

    const context = buildContext(widgetConfig(), state, page(), []);

    expect(context.identity).toEqual({ role: "young" });
    expect(JSON.stringify(context)).not.toContain(userId);
  });

  it("drops each field the contract would refuse, one by one", () => {
    const identity = contractIdentity({
      role: "referent_department",
      department: "20",
      status: "EN_COURS",
      region: "R".repeat(61),
      cohort: "2026",
    });

    expect(identity).toEqual({ role: "referent_department", cohort: "2026" });
    expect(IdentitySchema.safeParse(identity).success).toBe(true);
  });

  it.each([["directeur"], ["Young"], ["__proto__"]])(
    "drops the whole identity when the role is %s",
    (role) => {
      const state = stateAfter(["identify", { role, department: "75" }]);

      expect(
        buildContext(widgetConfig(), state, page(), []).identity,
      ).toBeUndefined();
    },
  );

  it("refuses identify() without a role, keeping the previous identity", () => {
    const state = stateAfter(["identify", { role: "young" }]);

    expect(applyHostCall(state, ["identify", { department: "75" }], "/")).toBe(
      false,
    );
    expect(applyHostCall(state, ["identify", "young"], "/")).toBe(false);
    expect(contractIdentity(state.identity)).toEqual({ role: "young" });
  });
});

describe("custom context", () => {
  it("masks secrets and redacts e-mails", () => {
    const state = stateAfter([
      "context",
      {
        authToken: "abc123",
        contact: "parent@example.fr",
        lycee: "Lycée Hoche",
      },
    ]);

    expect(buildContext(widgetConfig(), state, page(), []).custom).toEqual({
      authToken: "[masqué]",
      contact: "[e-mail]",
      lycee: "Lycée Hoche",
    });
  });

  it("masks the value of a key named pass, and secrets written in values", () => {
    const state = stateAfter([
      "context",
      {
        pass: "hunter2",
        userPass: "hunter2",
        note: "mot de passe : hunter2",
        passCulture: "oui",
      },
    ]);

    expect(buildContext(widgetConfig(), state, page(), []).custom).toEqual({
      pass: "[masqué]",
      userPass: "[masqué]",
      note: "mot de passe : [masqué]",
      passCulture: "oui",
    });
  });

  it("keeps numbers and booleans, and cuts strings to 200 characters", () => {
    const state = stateAfter([
      "context",
      {
        essais: 3,
        mineur: true,
        note: "x".repeat(300),
        infini: Infinity,
        objet: { a: 1 },
      },
    ]);

    const custom = buildContext(widgetConfig(), state, page(), []).custom!;

    expect(Object.keys(custom)).toEqual(["essais", "mineur", "note"]);
    expect(custom.essais).toBe(3);
    expect(custom.mineur).toBe(true);
    expect(custom.note).toHaveLength(200);
  });

  it("drops invalid keys and keeps at most 20 keys", () => {
    const many = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`cle${i}`, i]),
    );
    const state = stateAfter([
      "context",
      { "1er": "a", "avec espace": "b", ["k".repeat(41)]: "c", ...many },
    ]);

    const custom = buildContext(widgetConfig(), state, page(), []).custom!;

    expect(Object.keys(custom)).toEqual(Object.keys(many).slice(0, 20));
  });

  it("removes a key set to null or undefined, and merges the others", () => {
    const state = stateAfter(
      ["context", { cohorte: "2026", lycee: "Hoche", etape: 2 }],
      ["context", { lycee: null, etape: undefined, classe: "2nde" }],
    );

    expect(buildContext(widgetConfig(), state, page(), []).custom).toEqual({
      cohorte: "2026",
      classe: "2nde",
    });
  });

  it("sends no custom key at all when there is none", () => {
    expect(
      buildContext(widgetConfig(), stateAfter(), page(), []),
    ).not.toHaveProperty("custom");
  });
});

describe("prototype junk", () => {
  it("never copies inherited keys of the host's objects", () => {
    const inherited = {
      department: "75",
      status: "AFFECTED",
      message: "texte hérité",
      secret: "x",
    };
    const state = stateAfter(
      ["identify", Object.assign(Object.create(inherited), { role: "young" })],
      ["context", Object.assign(Object.create(inherited), { cohorte: "2026" })],
      [
        "prefill",
        Object.assign(Object.create(inherited), { subject: "UPLOAD" }),
      ],
    );

    const context = buildContext(widgetConfig(), state, page(), []);

    expect(context.identity).toEqual({ role: "young" });
    expect(context.custom).toEqual({ cohorte: "2026" });
    expect(state.prefill).toEqual({ subject: "UPLOAD" });
  });

  it("ignores a polluted Object.prototype in identity, custom context and prefill", () => {
    withPollutedPrototype({ polluted: "x" }, () => {
      const state = stateAfter(
        ["identify", { role: "young" }],
        ["context", { cohorte: "2026" }],
        ["prefill", { subject: "UPLOAD" }],
      );

      const sent = JSON.stringify(
        buildContext(widgetConfig(), state, page(), []),
      );

      expect(sent).not.toContain("polluted");
      expect(Object.keys(state.prefill)).toEqual(["subject"]);
      expect(Object.keys(state.custom)).toEqual(["cohorte"]);
    });
  });

  it("does not fill identity fields the host left out from a polluted Object.prototype", () => {
    withPollutedPrototype(
      { department: "75", status: "AFFECTED", userId: "attaquant" },
      () => {
        const state = stateAfter(["identify", { role: "young" }]);

        expect(
          buildContext(widgetConfig(), state, page(), []).identity,
        ).toEqual({ role: "young" });
      },
    );
  });
});

describe("the whole context", () => {
  it("lists at most 20 tips shown", () => {
    const ids = Array.from({ length: 25 }, (_, i) => `astuce-${i}`);

    expect(
      buildContext(widgetConfig(), stateAfter(), page(), ids).tipsShown,
    ).toEqual(ids.slice(0, 20));
  });

  it("carries the platform, locale, viewport, user agent and versions", () => {
    const config = widgetConfig({
      platform: "admin",
      locale: "fr-FR",
      appVersion: "2026.11.3",
    });

    const context = buildContext(
      config,
      stateAfter(),
      page({ pathname: "/dashboard" }),
      [],
    );

    expect(context).toEqual({
      platform: "admin",
      route: "/dashboard",
      title: "Mon séjour de cohésion",
      locale: "fr-FR",
      viewport: { w: 390, h: 844 },
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
      appVersion: "2026.11.3",
      widgetVersion: WIDGET_VERSION,
    });
  });

  it("is always accepted by the contract, whatever the host and the page gave", () => {
    const state = stateAfter(
      [
        "identify",
        {
          role: "young",
          department: "999",
          status: "?",
          region: "R".repeat(80),
          userId: "u".repeat(150),
        },
      ],
      [
        "context",
        Object.fromEntries(
          Array.from({ length: 30 }, (_, i) => [`k${i}`, "v".repeat(500)]),
        ),
      ],
      ["context", { "mot de passe": "x", password: "hunter2" }],
    );
    const longPage = page({
      pathname: `/inscription/${"etape".repeat(20)}/${HEX24}/x?email=a@b.fr`,
      title: "T".repeat(1000),
      userAgent: "U".repeat(1000),
    });

    const context = buildContext(
      widgetConfig(),
      state,
      longPage,
      Array.from({ length: 30 }, (_, i) => `astuce-${i}`),
    );

    const result = RequestContextSchema.safeParse(context);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });
});
