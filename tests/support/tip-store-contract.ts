import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type { StoredTip } from "../../api/store/tip-types.ts";
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
      ).toEqual({ created: 1, updated: 1, unchanged: 1 });
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

    it("changes its stamp on every change", async () => {
      const stamps = [await store.tipsStamp()];
      await store.createTip(DRAFT, editor, T1);
      stamps.push(await store.tipsStamp());
      await store.changeTip(DRAFT.id, 1, { action: "publish" }, editor, T2);
      stamps.push(await store.tipsStamp());
      expect(new Set(stamps).size).toBe(3);
    });

    it("hands out copies: changing a returned tip changes nothing stored", async () => {
      const tip = (await store.createTip(DRAFT, editor, T1))!;
      tip.draft!.title = "Modifié";
      (await store.listTips())[0]!.draft!.routes.push("/phase2");
      expect(await store.getTip(DRAFT.id)).toMatchObject({ draft: DRAFT });
    });

    it("counts anchor reports per tip, route and app version, newest first", async () => {
      await store.importTips(
        [makeTipSource({ id: "mc-a" }), makeTipSource({ id: "mc-b" })],
        T1,
      );
      await store.recordAnchorReports(
        [
          { tipId: "mc-a", route: "/phase1", appVersion: "" },
          { tipId: "mc-a", route: "/phase1", appVersion: "2.0" },
        ],
        T2,
      );
      await store.recordAnchorReports(
        [{ tipId: "mc-b", route: "/phase1", appVersion: "" }],
        T3,
      );
      await store.recordAnchorReports(
        [{ tipId: "mc-a", route: "/phase1", appVersion: "" }],
        T4,
      );
      expect(await store.listAnchorReports()).toEqual([
        {
          tipId: "mc-a",
          route: "/phase1",
          appVersion: "",
          count: 2,
          firstSeen: T2.toISOString(),
          lastSeen: T4.toISOString(),
        },
        {
          tipId: "mc-b",
          route: "/phase1",
          appVersion: "",
          count: 1,
          firstSeen: T3.toISOString(),
          lastSeen: T3.toISOString(),
        },
        {
          tipId: "mc-a",
          route: "/phase1",
          appVersion: "2.0",
          count: 1,
          firstSeen: T2.toISOString(),
          lastSeen: T2.toISOString(),
        },
      ]);
    });
  });
}
