import { describe, expect, it } from "vitest";
import type { TipRecord } from "../../api/contract/tip-source.ts";
import { selectTips } from "../../api/tips/select-tips.ts";

function tip(id: string, fields: Partial<TipRecord> = {}): TipRecord {
  return {
    id,
    platform: "moncompte",
    routes: ["/inscription/:step"],
    params: {},
    roles: [],
    statuses: [],
    title: `Astuce ${id}`,
    body: [{ type: "p", children: ["Texte."] }],
    priority: 0,
    ...fields,
  };
}

const ids = (tips: { id: string }[]) => tips.map((t) => t.id);

describe("selectTips", () => {
  it("keeps the tips of the asked platform and route", () => {
    const tips = [
      tip("mc-step"),
      tip("mc-phase2", { routes: ["/phase2", "/inscription/:step"] }),
      tip("mc-other", { routes: ["/phase2"] }),
      tip("adm-step", { platform: "admin" }),
    ];
    expect(
      ids(
        selectTips(tips, {
          platform: "moncompte",
          route: "/inscription/:step",
        }),
      ),
    ).toEqual(["mc-phase2", "mc-step"]);
  });

  it("requires each param constraint to be met by the query params", () => {
    const tips = [
      tip("mc-docs", { params: { step: ["documents", "televersement"] } }),
      tip("mc-any"),
    ];
    const query = (params?: Record<string, string>) =>
      ids(
        selectTips(tips, {
          platform: "moncompte",
          route: "/inscription/:step",
          ...(params && { params }),
        }),
      );
    expect(query({ step: "televersement" })).toEqual(["mc-any", "mc-docs"]);
    expect(query({ step: "profil" })).toEqual(["mc-any"]);
    expect(query({})).toEqual(["mc-any"]);
    expect(query()).toEqual(["mc-any"]);
  });

  it("filters by role only when both the query and the tip name roles", () => {
    const tips = [tip("mc-young", { roles: ["young"] }), tip("mc-all")];
    const route = "/inscription/:step";
    expect(
      ids(selectTips(tips, { platform: "moncompte", route, role: "young" })),
    ).toEqual(["mc-all", "mc-young"]);
    expect(
      ids(selectTips(tips, { platform: "moncompte", route, role: "admin" })),
    ).toEqual(["mc-all"]);
    expect(ids(selectTips(tips, { platform: "moncompte", route }))).toEqual([
      "mc-all",
      "mc-young",
    ]);
  });

  it("filters by status only when both the query and the tip name statuses", () => {
    const tips = [
      tip("mc-correction", { statuses: ["WAITING_CORRECTION"] }),
      tip("mc-all"),
    ];
    const route = "/inscription/:step";
    expect(
      ids(
        selectTips(tips, {
          platform: "moncompte",
          route,
          status: "WAITING_CORRECTION",
        }),
      ),
    ).toEqual(["mc-all", "mc-correction"]);
    expect(
      ids(
        selectTips(tips, { platform: "moncompte", route, status: "VALIDATED" }),
      ),
    ).toEqual(["mc-all"]);
    expect(ids(selectTips(tips, { platform: "moncompte", route }))).toEqual([
      "mc-all",
      "mc-correction",
    ]);
  });

  it("returns every tip of the platform without route, filtered by role only", () => {
    const tips = [
      tip("mc-docs", {
        params: { step: ["documents"] },
        statuses: ["VALIDATED"],
      }),
      tip("mc-phase2", { routes: ["/phase2"] }),
      tip("mc-referent", { roles: ["referent_department"] }),
      tip("adm-x", { platform: "admin" }),
    ];
    expect(
      ids(
        selectTips(tips, {
          platform: "moncompte",
          role: "young",
          status: "IN_PROGRESS",
        }),
      ),
    ).toEqual(["mc-docs", "mc-phase2"]);
  });

  it("orders by priority descending, then by id", () => {
    const tips = [
      tip("mc-c", { priority: 5 }),
      tip("mc-b"),
      tip("mc-a"),
      tip("mc-z", { priority: 10 }),
    ];
    expect(ids(selectTips(tips, { platform: "moncompte" }))).toEqual([
      "mc-z",
      "mc-c",
      "mc-a",
      "mc-b",
    ]);
  });

  it("answers wire tips without server-only keys and omits absent link and anchor", () => {
    const anchor = { selector: "#upload", placement: "bottom" as const };
    const tips = [
      tip("mc-a", { link: "https://support.snu.gouv.fr/a", anchor }),
      tip("mc-b"),
    ];
    expect(selectTips(tips, { platform: "moncompte" })).toStrictEqual([
      {
        id: "mc-a",
        title: "Astuce mc-a",
        body: tips[0]!.body,
        link: "https://support.snu.gouv.fr/a",
        anchor,
      },
      { id: "mc-b", title: "Astuce mc-b", body: tips[1]!.body },
    ]);
  });

  it("leaves the given tips untouched", () => {
    const tips = [tip("mc-b"), tip("mc-a", { priority: 1 })];
    const before = structuredClone(tips);
    selectTips(tips, { platform: "moncompte" });
    expect(tips).toEqual(before);
  });
});
