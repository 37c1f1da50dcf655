import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import { TipImportError } from "../../api/store/tip-transitions.ts";
import type { StoredTip, TipChange } from "../../api/store/tip-types.ts";
import { makeTipSource } from "./tip-sources.ts";

const at = (iso: string) => new Date(iso);
const T1 = at("2026-05-01T10:00:00Z");
const T2 = at("2026-05-02T10:00:00Z");
const T3 = at("2026-05-03T10:00:00Z");
const T4 = at("2026-05-04T10:00:00Z");

const DRAFT = makeTipSource({ id: "mc-phase1-convocation" });
const EDITED = { ...DRAFT, title: "Convocation : où la trouver" };

/** The tips behaviour every store must have. Each store's test file calls this with its factory. */
export function runTipStoreContract(
  name: string,
  makeStore: () => Promise<AppStore> | AppStore,
) {
  describe(`${name} tip store contract`, () => {
    let store: AppStore;
    let editor: number;
    let other: number;
    beforeEach(async () => {
      store = await makeStore();
      const user = (email: string) =>
        store.createUser(
          {
            email,
            displayName: email,
            role: "agent",
            departments: [],
            passwordHash: "hash",
          },
          T1,
        );
      editor = (await user("editor@snu.example")).id;
      other = (await user("other@snu.example")).id;
    });
    afterEach(async () => {
      await store.close();
    });

    /** Creates DRAFT, then applies changes in order; returns the tip after the last one. */
    async function tipAfter(
      ...changes: Parameters<AppStore["changeTip"]>[2][]
    ): Promise<StoredTip> {
      let tip = (await store.createTip(DRAFT, editor, T1))!;
      for (const change of changes) {
        const result = await store.changeTip(
          tip.id,
          tip.version,
          change,
          editor,
          T2,
        );
        if (!result.ok) throw new Error(`change refused: ${result.reason}`);
        tip = result.tip;
      }
      return tip;
    }

    it("creates a tip as a draft only, once per id", async () => {
      const tip = await store.createTip(DRAFT, editor, T1);
      expect(tip).toEqual({
        id: DRAFT.id,
        platform: "moncompte",
        draft: DRAFT,
        published: null,
        version: 1,
        updatedAt: T1.toISOString(),
        updatedBy: editor,
      });
      expect(await store.getTip(DRAFT.id)).toEqual(tip);
      expect(
        await store.createTip({ ...DRAFT, title: "Autre" }, other, T2),
      ).toBeUndefined();
      expect(await store.getTip(DRAFT.id)).toEqual(tip);
      expect(await store.getTip("mc-inconnue")).toBeUndefined();
    });

    it("saves a draft, bumping the version, and leaves the published text alone", async () => {
      const published = await tipAfter({ action: "publish" });
      const result = await store.changeTip(
        DRAFT.id,
        published.version,
        { action: "edit", source: EDITED },
        other,
        T3,
      );
      expect(result).toEqual({
        ok: true,
        tip: {
          ...published,
          draft: EDITED,
          version: published.version + 1,
          updatedAt: T3.toISOString(),
          updatedBy: other,
        },
      });
    });

    it("refuses a change based on a stale version and returns the current tip", async () => {
      const tip = await tipAfter({ action: "edit", source: EDITED });
      const stale = await store.changeTip(
        DRAFT.id,
        tip.version - 1,
        { action: "edit", source: DRAFT },
        other,
        T3,
      );
      expect(stale).toEqual({ ok: false, reason: "conflict", current: tip });
      expect(await store.getTip(DRAFT.id)).toEqual(tip);
      expect(await store.listTipVersions(DRAFT.id)).toHaveLength(2);
    });

    it("answers not_found for an unknown tip and refuses a source of another tip", async () => {
      expect(
        await store.changeTip(
          "mc-inconnue",
          1,
          { action: "publish" },
          editor,
          T2,
        ),
      ).toEqual({ ok: false, reason: "not_found" });
      const tip = await tipAfter();
      for (const source of [
        { ...DRAFT, id: "mc-autre" },
        { ...DRAFT, platform: "admin" as const },
      ]) {
        const result = await store.changeTip(
          DRAFT.id,
          1,
          { action: "edit", source },
          editor,
          T2,
        );
        expect(result).toEqual({
          ok: false,
          reason: "refused",
          refusal: "source_mismatch",
          current: tip,
        });
      }
    });

    it("publishes the draft: it becomes the published text and the draft is cleared", async () => {
      const tip = await tipAfter({ action: "publish" });
      expect(tip).toMatchObject({
        draft: null,
        published: DRAFT,
        publishedAt: T2.toISOString(),
        version: 2,
      });
      const again = await store.changeTip(
        DRAFT.id,
        2,
        { action: "publish" },
        editor,
        T3,
      );
      expect(again).toMatchObject({ ok: false, refusal: "no_draft" });
    });

    it("unpublishes: the published text becomes the draft when there is none, else the draft stays", async () => {
      const alone = await tipAfter(
        { action: "publish" },
        { action: "unpublish" },
      );
      // The date of the last publication stays: the tip was public once (« retirée », not « brouillon »).
      expect(alone).toMatchObject({
        draft: DRAFT,
        published: null,
        publishedAt: T2.toISOString(),
      });
      const result = await store.changeTip(
        DRAFT.id,
        alone.version,
        { action: "unpublish" },
        editor,
        T3,
      );
      expect(result).toMatchObject({ ok: false, refusal: "not_published" });
    });

    it("keeps an unpublished tip's own draft over its former published text", async () => {
      await tipAfter({ action: "publish" }, { action: "edit", source: EDITED });
      const tip = (await store.getTip(DRAFT.id))!;
      const result = await store.changeTip(
        DRAFT.id,
        tip.version,
        { action: "unpublish" },
        editor,
        T3,
      );
      expect(result).toMatchObject({
        ok: true,
        tip: { draft: EDITED, published: null },
      });
    });

    it("discards a draft of a published tip, never the only text of a tip", async () => {
      const never = await tipAfter();
      expect(
        await store.changeTip(DRAFT.id, 1, { action: "discard" }, editor, T2),
      ).toMatchObject({ ok: false, refusal: "never_published" });
      const published = await store.changeTip(
        never.id,
        1,
        { action: "publish" },
        editor,
        T2,
      );
      expect(
        await store.changeTip(DRAFT.id, 2, { action: "discard" }, editor, T2),
      ).toMatchObject({ ok: false, refusal: "no_draft" });
      await store.changeTip(
        DRAFT.id,
        2,
        { action: "edit", source: EDITED },
        editor,
        T3,
      );
      const discarded = await store.changeTip(
        DRAFT.id,
        3,
        { action: "discard" },
        other,
        T4,
      );
      expect(discarded).toMatchObject({
        ok: true,
        tip: {
          draft: null,
          published: DRAFT,
          version: 4,
          publishedAt: published.ok ? published.tip.publishedAt : "",
        },
      });
    });

    it("reverts: the draft becomes a former version's draft, or its published text", async () => {
      const tip = await tipAfter(
        { action: "publish" }, // v2: published DRAFT
        { action: "edit", source: EDITED }, // v3: draft EDITED
        { action: "publish" }, // v4: published EDITED
      );
      const toPublished = await store.changeTip(
        DRAFT.id,
        tip.version,
        { action: "revert", to: 2 },
        editor,
        T3,
      );
      expect(toPublished).toMatchObject({
        ok: true,
        tip: { draft: DRAFT, published: EDITED, version: 5 },
      });
      const toDraft = await store.changeTip(
        DRAFT.id,
        5,
        { action: "revert", to: 3 },
        editor,
        T3,
      );
      expect(toDraft).toMatchObject({ ok: true, tip: { draft: EDITED } });
      expect(
        await store.changeTip(
          DRAFT.id,
          6,
          { action: "revert", to: 42 },
          editor,
          T3,
        ),
      ).toMatchObject({ ok: false, refusal: "unknown_version" });
    });

    it("keeps every version, newest first, with who, when, what and both texts", async () => {
      await store.createTip(DRAFT, editor, T1);
      await store.changeTip(DRAFT.id, 1, { action: "publish" }, other, T2);
      await store.changeTip(
        DRAFT.id,
        2,
        { action: "edit", source: EDITED },
        editor,
        T3,
      );
      await store.importTips([EDITED], T4);
      expect(await store.listTipVersions(DRAFT.id)).toEqual([
        {
          version: 4,
          at: T4.toISOString(),
          action: "import",
          draft: EDITED,
          published: EDITED,
        },
        {
          version: 3,
          at: T3.toISOString(),
          userId: editor,
          action: "edit",
          draft: EDITED,
          published: DRAFT,
        },
        {
          version: 2,
          at: T2.toISOString(),
          userId: other,
          action: "publish",
          draft: null,
          published: DRAFT,
        },
        {
          version: 1,
          at: T1.toISOString(),
          userId: editor,
          action: "create",
          draft: DRAFT,
          published: null,
        },
      ]);
      expect(await store.listTipVersions("mc-inconnue")).toEqual([]);
    });

    it("lists tips by id and counts them", async () => {
      for (const id of ["mc-b", "ad-a", "mc-a"])
        await store.createTip(makeTipSource({ id }), editor, T1);
      expect((await store.listTips()).map((tip) => tip.id)).toEqual([
        "ad-a",
        "mc-a",
        "mc-b",
      ]);
      expect(await store.countTips()).toBe(3);
    });

    it("imports files: creates new ids, publishes changed texts keeping drafts, leaves identical ones", async () => {
      const kept = makeTipSource({ id: "mc-kept" });
      const changed = makeTipSource({ id: "mc-changed" });
      expect(await store.importTips([kept, changed], T1)).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        withdrawn: 0,
      });
      expect(await store.getTip("mc-kept")).toEqual({
        id: "mc-kept",
        platform: "moncompte",
        draft: null,
        published: kept,
        version: 1,
        publishedAt: T1.toISOString(),
        updatedAt: T1.toISOString(),
      });
      await store.changeTip(
        "mc-changed",
        1,
        { action: "edit", source: { ...changed, priority: 3 } },
        editor,
        T2,
      );
      const stamp = await store.tipsStamp();
      const newText = { ...changed, markdown: "Nouveau texte." };
      // Same text with keys in another order: identical.
      const reordered = Object.fromEntries(
        Object.entries(kept).reverse(),
      ) as typeof kept;
      expect(
        await store.importTips(
          [reordered, newText, makeTipSource({ id: "mc-new" })],
          T3,
        ),
      ).toEqual({ created: 1, updated: 1, unchanged: 1, withdrawn: 0 });
      expect(await store.getTip("mc-changed")).toMatchObject({
        draft: { ...changed, priority: 3 },
        published: newText,
        version: 3,
        publishedAt: T3.toISOString(),
      });
      expect((await store.getTip("mc-changed"))?.updatedBy).toBeUndefined();
      expect((await store.getTip("mc-kept"))?.version).toBe(1);
      expect(await store.tipsStamp()).not.toBe(stamp);
      const after = await store.tipsStamp();
      await store.importTips([kept, newText], T4);
      expect(await store.tipsStamp()).toBe(after);
    });

    it("changes its stamp when what is public changes, never for drafts alone", async () => {
      const stamps = [await store.tipsStamp()];
      const expectStamp = async (changed: boolean) => {
        const stamp = await store.tipsStamp();
        if (changed) expect(stamps).not.toContain(stamp);
        else expect(stamp).toBe(stamps.at(-1));
        stamps.push(stamp);
      };
      await store.createTip(DRAFT, editor, T1);
      await expectStamp(false);
      const change = (version: number, tipChange: TipChange) =>
        store.changeTip(DRAFT.id, version, tipChange, editor, T2);
      await change(1, { action: "publish" });
      await expectStamp(true);
      await change(2, { action: "edit", source: EDITED });
      await change(3, { action: "discard" });
      await change(4, { action: "revert", to: 3 });
      await expectStamp(false);
      await change(5, { action: "unpublish" });
      await expectStamp(true);
      await change(6, { action: "publish" });
      await expectStamp(true);
      await store.importTips([makeTipSource({ id: "mc-autre" })], T3);
      await expectStamp(true);
    });

    it("leaves a tip withdrawn in the console withdrawn on import, changed file or not", async () => {
      const source = makeTipSource({ id: "mc-retiree" });
      await store.importTips([source], T1);
      await store.changeTip(source.id, 1, { action: "unpublish" }, editor, T2);
      const withdrawn = await store.getTip(source.id);
      const stamp = await store.tipsStamp();
      for (const file of [source, { ...source, title: "Titre changé" }])
        expect(await store.importTips([file], T3)).toEqual({
          created: 0,
          updated: 0,
          unchanged: 0,
          withdrawn: 1,
        });
      expect(await store.getTip(source.id)).toEqual(withdrawn);
      expect(await store.tipsStamp()).toBe(stamp);
    });

    it("refuses, writing nothing, an import that would move a tip to another platform", async () => {
      await store.importTips([makeTipSource({ id: "mc-deplacee" })], T1);
      const moved = makeTipSource({ id: "mc-deplacee", platform: "admin" });
      const error = await store
        .importTips([makeTipSource({ id: "mc-nouvelle" }), moved], T2)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TipImportError);
      expect((error as Error).message).toContain("admin/mc-deplacee.md");
      expect((error as Error).message).toContain("moncompte");
      expect(await store.getTip("mc-nouvelle")).toBeUndefined();
      expect(await store.getTip("mc-deplacee")).toMatchObject({
        platform: "moncompte",
        version: 1,
      });
    });

    it("hands out copies: changing a returned tip changes nothing stored", async () => {
      const tip = (await store.createTip(DRAFT, editor, T1))!;
      tip.draft!.title = "Modifié";
      (await store.listTips())[0]!.draft!.routes.push("/phase2");
      expect(await store.getTip(DRAFT.id)).toMatchObject({ draft: DRAFT });
    });

    it("counts anchor reports per tip publication, route and app version, newest first", async () => {
      await store.importTips(
        [makeTipSource({ id: "mc-a" }), makeTipSource({ id: "mc-b" })],
        T1,
      );
      const first = T1.toISOString();
      const report = (tipId: string, appVersion = "", publishedAt = first) => ({
        tipId,
        publishedAt,
        route: "/phase1",
        appVersion,
      });
      await store.recordAnchorReports(
        [report("mc-a"), report("mc-a", "2.0")],
        T2,
      );
      await store.recordAnchorReports([report("mc-b")], T3);
      await store.recordAnchorReports([report("mc-a")], T4);
      const counted = (
        r: ReturnType<typeof report>,
        n: number,
        from: Date,
        to: Date,
      ) => ({
        ...r,
        count: n,
        firstSeen: from.toISOString(),
        lastSeen: to.toISOString(),
      });
      expect(await store.listAnchorReports()).toEqual([
        counted(report("mc-a"), 2, T2, T4),
        counted(report("mc-b"), 1, T3, T3),
        counted(report("mc-a", "2.0"), 1, T2, T2),
      ]);
    });

    it("counts at most 20 app versions apart per tip publication and route, the next ones as unknown", async () => {
      await store.importTips([makeTipSource({ id: "mc-a" })], T1);
      const report = (appVersion: string, route = "/phase1") => ({
        tipId: "mc-a",
        publishedAt: T1.toISOString(),
        route,
        appVersion,
      });
      const versions = Array.from({ length: 25 }, (_, i) => `1.0.${i}`);
      await store.recordAnchorReports([report("")], T2);
      await store.recordAnchorReports(
        versions.map((v) => report(v)),
        T2,
      );
      // A version counted before the bound keeps its row; another route has bounds of its own.
      await store.recordAnchorReports(
        [report("1.0.3"), report("1.0.24"), report("9.9", "/phase2")],
        T3,
      );
      const rows = await store.listAnchorReports();
      const onPhase1 = rows.filter((r) => r.route === "/phase1");
      expect(onPhase1).toHaveLength(21);
      expect(
        onPhase1
          .map((r) => r.appVersion)
          .filter((v) => v !== "")
          .sort(),
      ).toEqual(versions.slice(0, 20).sort());
      expect(onPhase1.find((r) => r.appVersion === "")?.count).toBe(1 + 5 + 1);
      expect(onPhase1.find((r) => r.appVersion === "1.0.3")?.count).toBe(2);
      expect(rows.find((r) => r.route === "/phase2")).toMatchObject({
        appVersion: "9.9",
        count: 1,
      });
    });

    it("keeps the counts of a tip's latest publication only: a former one's are dropped, then ignored", async () => {
      await store.importTips(
        [makeTipSource({ id: "mc-a" }), makeTipSource({ id: "mc-b" })],
        T1,
      );
      const report = (tipId: string, publishedAt: Date) => ({
        tipId,
        publishedAt: publishedAt.toISOString(),
        route: "/phase1",
        appVersion: "2.0",
      });
      await store.recordAnchorReports(
        [report("mc-a", T1), report("mc-b", T1)],
        T2,
      );
      // The same page after a republication of mc-a: counted from one, the former counts gone.
      await store.recordAnchorReports([report("mc-a", T3)], T3);
      // A report computed before the republication, recorded after it: about a former anchor, ignored.
      await store.recordAnchorReports([report("mc-a", T1)], T4);
      expect(await store.listAnchorReports()).toEqual([
        {
          ...report("mc-a", T3),
          count: 1,
          firstSeen: T3.toISOString(),
          lastSeen: T3.toISOString(),
        },
        {
          ...report("mc-b", T1),
          count: 1,
          firstSeen: T2.toISOString(),
          lastSeen: T2.toISOString(),
        },
      ]);
    });
  });
}
