import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../api/store/store.ts";
import { makeNewRequest } from "./factories.ts";

const STALE_MS = 60_000;
const at = (iso: string) => new Date(iso);

/** The behaviour every Store implementation must have. Each store's test file calls this with its factory. */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<Store> | Store,
) {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it("gives sequential references per year, starting again in January (Paris time)", async () => {
      const first = await store.createRequest(
        makeNewRequest(),
        at("2026-03-01T10:00:00Z"),
      );
      const second = await store.createRequest(
        makeNewRequest(),
        at("2026-12-31T22:59:00Z"),
      );
      // 23:30 UTC on 31 December is already 1 January in Paris.
      const third = await store.createRequest(
        makeNewRequest(),
        at("2026-12-31T23:30:00Z"),
      );
      expect([first.reference, second.reference, third.reference]).toEqual([
        "SNU-2026-000001",
        "SNU-2026-000002",
        "SNU-2027-000001",
      ]);
      expect(first.createdAt).toBe("2026-03-01T10:00:00.000Z");
    });

    it("stores the filter columns and the full context of a request", async () => {
      const request = makeNewRequest();
      const { reference } = await store.createRequest(
        request,
        at("2026-05-04T08:00:00Z"),
      );
      expect(await store.getRequest(reference)).toEqual({
        ...request,
        reference,
        createdAt: "2026-05-04T08:00:00.000Z",
        status: "new",
        platform: "moncompte",
        route: "/inscription/:step",
        department: "75",
        role: "young",
      });
    });

    it("keeps a request without identity or e-mail without inventing columns", async () => {
      const base = makeNewRequest();
      const { identity: _identity, ...context } = base.context;
      const { email: _email, ...request } = { ...base, context };
      const { reference } = await store.createRequest(
        request,
        at("2026-05-04T08:00:00Z"),
      );
      const stored = await store.getRequest(reference);
      expect(stored?.department).toBeUndefined();
      expect(stored?.role).toBeUndefined();
      expect(stored?.email).toBeUndefined();
      expect(stored?.context.identity).toBeUndefined();
    });

    it("answers undefined for an unknown reference and counts what it holds", async () => {
      expect(await store.getRequest("SNU-2026-999999")).toBeUndefined();
      await store.createRequest(makeNewRequest(), at("2026-05-04T08:00:00Z"));
      await store.createRequest(makeNewRequest(), at("2026-05-04T08:00:01Z"));
      expect(await store.countRequests()).toBe(2);
    });

    it("claims a new idempotency key, then reports it in progress, then completed with its response", async () => {
      const now = at("2026-05-04T08:00:00Z");
      expect(
        await store.claimIdempotencyKey("k1", "fp", now, STALE_MS),
      ).toEqual({ state: "claimed" });
      expect(
        await store.claimIdempotencyKey("k1", "fp", now, STALE_MS),
      ).toEqual({ state: "in_progress" });
      const created = await store.createRequest(makeNewRequest(), now, "k1");
      expect(
        await store.claimIdempotencyKey("k1", "fp", now, STALE_MS),
      ).toEqual({
        state: "completed",
        response: { status: 201, body: created },
      });
      expect(await store.countRequests()).toBe(1);
    });

    it("reports a mismatch when a key comes back with another body, in progress or completed", async () => {
      const now = at("2026-05-04T08:00:00Z");
      await store.claimIdempotencyKey("k2", "fp-a", now, STALE_MS);
      expect(
        await store.claimIdempotencyKey("k2", "fp-b", now, STALE_MS),
      ).toEqual({ state: "mismatch" });
      await store.createRequest(makeNewRequest(), now, "k2");
      expect(
        await store.claimIdempotencyKey("k2", "fp-b", now, STALE_MS),
      ).toEqual({ state: "mismatch" });
    });

    it("lets a released or abandoned claim be claimed again, but never a completed one", async () => {
      const now = at("2026-05-04T08:00:00Z");
      await store.claimIdempotencyKey("k3", "fp", now, STALE_MS);
      await store.releaseIdempotencyKey("k3");
      expect(
        await store.claimIdempotencyKey("k3", "fp", now, STALE_MS),
      ).toEqual({ state: "claimed" });

      const later = new Date(now.getTime() + STALE_MS + 1);
      expect(
        await store.claimIdempotencyKey("k3", "fp", later, STALE_MS),
      ).toEqual({ state: "claimed" });

      await store.createRequest(makeNewRequest(), later, "k3");
      await store.releaseIdempotencyKey("k3");
      const claim = await store.claimIdempotencyKey(
        "k3",
        "fp",
        later,
        STALE_MS,
      );
      expect(claim.state).toBe("completed");
    });

    it("submits a request with its key in one step: created once, then replayed, refused for another body", async () => {
      const now = at("2026-05-04T08:00:00Z");
      const submission = {
        key: "k4",
        fingerprint: "fp",
        request: makeNewRequest(),
        now,
        staleAfterMs: STALE_MS,
        followUpHash: (reference: string) => `hash of ${reference}`,
      };
      const first = await store.submitRequest(submission);
      expect(first.state).toBe("created");
      const created = first.state === "created" ? first.created : undefined;
      expect(await store.submitRequest(submission)).toEqual({
        state: "completed",
        response: { status: 201, body: created },
      });
      expect(
        await store.submitRequest({ ...submission, fingerprint: "fp-b" }),
      ).toEqual({ state: "mismatch" });
      expect(await store.countRequests()).toBe(1);
    });

    it("purges only the idempotency keys older than the given date", async () => {
      await store.claimIdempotencyKey(
        "old",
        "fp",
        at("2026-05-01T00:00:00Z"),
        STALE_MS,
      );
      await store.claimIdempotencyKey(
        "new",
        "fp",
        at("2026-05-03T00:00:00Z"),
        STALE_MS,
      );
      expect(await store.purgeIdempotencyKeys(at("2026-05-02T00:00:00Z"))).toBe(
        1,
      );
      const now = at("2026-05-03T00:00:10Z");
      expect(
        await store.claimIdempotencyKey("old", "fp", now, STALE_MS),
      ).toEqual({ state: "claimed" });
      expect(
        await store.claimIdempotencyKey("new", "fp", now, STALE_MS),
      ).toEqual({ state: "in_progress" });
    });

    it("returns copies: changing a returned request does not change the stored one", async () => {
      const { reference } = await store.createRequest(
        makeNewRequest(),
        at("2026-05-04T08:00:00Z"),
      );
      const first = await store.getRequest(reference);
      first!.context.title = "modifié";
      expect((await store.getRequest(reference))!.context.title).toBe(
        "Mon inscription — Documents",
      );
    });
  });
}
