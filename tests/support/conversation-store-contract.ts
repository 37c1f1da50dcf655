import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { makeSpecRequest, type RequestSpec } from "./support-store-contract.ts";

const ALL: Scope = { kind: "all" };
const REFERENT_13: Scope = { kind: "departments", departments: ["13"] };
const REFERENT_75: Scope = { kind: "departments", departments: ["75"] };
const DAY = 86_400_000;
const SIGNATURE = "L'équipe support du SNU";

/**
 * The conversation (issue 10) every store must keep alike: replies and their e-mail in one step,
 * answers through the follow-up token, ratings, the mail outbox, automatic follow-ups, templates.
 */
export function runConversationStoreContract(
  name: string,
  makeStore: () => AppStore | Promise<AppStore>,
) {
  describe(`${name} conversation store contract`, () => {
    let store: AppStore;
    let agentId: number;
    let clock: Date;
    const tick = (ms = 60_000) => (clock = new Date(clock.getTime() + ms));

    beforeEach(async () => {
      store = await makeStore();
      clock = new Date("2026-06-01T08:00:00Z");
      agentId = (
        await store.createUser(
          {
            email: "agent@snu.example",
            displayName: "Sacha Support",
            role: "agent",
            departments: [],
            passwordHash: "x",
          },
          clock,
        )
      ).id;
    });
    afterEach(async () => store.close());

    /** A request whose follow-up token hash is `hash-<reference>`. */
    const create = async (spec: RequestSpec = {}) => {
      const created = await store.createRequest(
        makeSpecRequest(spec),
        clock,
        undefined,
        (reference) => `hash-${reference}`,
      );
      return {
        reference: created.reference,
        hash: `hash-${created.reference}`,
      };
    };
    const reply = (
      reference: string,
      status?: "waiting_user" | "resolved",
      scope: Scope = ALL,
    ) =>
      store.addReply(
        scope,
        reference,
        {
          actorId: agentId,
          text: "Bonjour, pouvez-vous préciser votre département ?",
          signature: SIGNATURE,
          ...(status ? { status } : {}),
        },
        tick(),
      );

    describe("replies", () => {
      it("stores the reply, moves the status and queues its e-mail with a Message-ID, all at once", async () => {
        const { reference } = await create();
        const detail = await reply(reference, "waiting_user");
        expect(detail?.status).toBe("waiting_user");
        expect(detail?.messages).toHaveLength(1);
        const [message] = detail!.messages;
        expect(message).toMatchObject({
          author: "agent",
          actor: { id: agentId, displayName: "Sacha Support" },
          signature: SIGNATURE,
          text: "Bonjour, pouvez-vous préciser votre département ?",
          mail: { state: "pending", attempts: 0 },
        });
        expect(detail!.events.at(-1)).toMatchObject({
          type: "status",
          actor: { id: agentId },
          data: { from: "new", to: "waiting_user" },
        });
        expect(await store.countPendingMails()).toBe(1);
        const [mail] = await store.claimDueMails(clock, 10, 60_000);
        expect(mail).toMatchObject({
          id: message!.mail!.id,
          kind: "reply",
          to: "camille.martin@example.fr",
          reference,
          text: message!.text,
          signature: SIGNATURE,
          attempts: 1,
        });
        expect(mail!.messageId).toMatch(/^<[^<>\s@]+@[^<>\s@]+>$/);
      });

      it("queues no e-mail for a request without address, and leaves the status when asked", async () => {
        const { reference } = await create({ email: null });
        const detail = await reply(reference);
        expect(detail?.status).toBe("new");
        expect(detail?.messages[0]?.mail).toBeUndefined();
        expect(await store.countPendingMails()).toBe(0);
      });

      it("refuses a reply out of scope, with no trace", async () => {
        const { reference } = await create({ department: "75" });
        expect(
          await reply(reference, "waiting_user", REFERENT_13),
        ).toBeUndefined();
        expect(await store.countPendingMails()).toBe(0);
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail?.messages).toEqual([]);
        expect(detail?.status).toBe("new");
        expect(
          await reply(reference, "waiting_user", REFERENT_75),
        ).toBeDefined();
      });

      it("bumps the version, so an editor holding the old one gets a conflict", async () => {
        const { reference } = await create();
        const before = await store.getRequestDetail(ALL, reference);
        await reply(reference);
        const result = await store.updateRequest(
          ALL,
          reference,
          { expectedVersion: before!.version, actorId: agentId, tags: ["x"] },
          tick(),
        );
        expect(result.ok).toBe(false);
      });
    });

    describe("the requester's side", () => {
      it("shows the follow-up view by hash, without anything internal", async () => {
        const { reference, hash } = await create();
        await store.addNote(
          ALL,
          reference,
          agentId,
          "Note interne secrète",
          tick(),
        );
        await reply(reference, "waiting_user");
        const view = await store.getFollowUp(hash);
        expect(view).toMatchObject({ reference, status: "waiting_user" });
        expect(view?.messages).toEqual([
          expect.objectContaining({ author: "agent", signature: SIGNATURE }),
        ]);
        const text = JSON.stringify(view);
        expect(text).not.toContain("Note interne");
        expect(text).not.toContain("Sacha");
        expect(text).not.toContain("camille.martin@example.fr");
        expect(await store.getFollowUp("hash-unknown")).toBeUndefined();
      });

      it("takes an answer: back to « En cours », unread until staff opens it", async () => {
        const { reference, hash } = await create();
        await reply(reference, "waiting_user");
        const view = await store.addAnswer(hash, "Je suis dans le 75.", tick());
        expect(view?.status).toBe("in_progress");
        expect(view?.messages.map((m) => m.author)).toEqual([
          "agent",
          "requester",
        ]);
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail?.unreadAnswer).toBe(true);
        expect(detail?.events.at(-1)).toMatchObject({
          type: "status",
          data: { from: "waiting_user", to: "in_progress", requester: true },
        });
        expect(detail?.events.at(-1)?.actor).toBeUndefined();
        const unread = await store.listRequests(
          ALL,
          { unread: true },
          { limit: 10 },
        );
        expect(unread.items.map((i) => [i.reference, i.unreadAnswer])).toEqual([
          [reference, true],
        ]);
        await store.markAnswersRead(ALL, reference);
        expect(
          (await store.getRequestDetail(ALL, reference))?.unreadAnswer,
        ).toBe(false);
        expect(
          (await store.listRequests(ALL, { unread: true }, { limit: 10 }))
            .items,
        ).toEqual([]);
      });

      it("reopens a resolved request on an answer, and a reply marks the answer read", async () => {
        const { reference, hash } = await create();
        await reply(reference, "resolved");
        await store.addAnswer(hash, "Finalement ça ne marche pas.", tick());
        expect((await store.getRequestDetail(ALL, reference))?.status).toBe(
          "in_progress",
        );
        await reply(reference);
        expect(
          (await store.getRequestDetail(ALL, reference))?.unreadAnswer,
        ).toBe(false);
      });

      it("gives statuses for known hashes only, in the order asked", async () => {
        const a = await create();
        const b = await create();
        await reply(b.reference, "waiting_user");
        const statuses = await store.followUpStatuses([b.hash, "nope", a.hash]);
        expect(
          statuses.map((s) => [s.tokenHash, s.reference, s.status, s.replies]),
        ).toEqual([
          [b.hash, b.reference, "waiting_user", 1],
          [a.hash, a.reference, "new", 0],
        ]);
      });
    });

    describe("satisfaction", () => {
      it("is refused before resolution, taken after, editable 7 days, asked 30 days", async () => {
        const { reference, hash } = await create();
        expect(await store.rate(hash, { score: 4 }, tick())).toEqual({
          ok: false,
          reason: "not_resolved",
        });
        await reply(reference, "resolved");
        const first = await store.rate(
          hash,
          { score: 2, comment: "Trop lent" },
          tick(),
        );
        expect(first.ok && first.view.rating).toMatchObject({
          score: 2,
          comment: "Trop lent",
        });
        tick(6 * DAY);
        const changed = await store.rate(hash, { score: 5 }, clock);
        expect(changed.ok && changed.view.rating?.score).toBe(5);
        expect(changed.ok && changed.view.rating?.comment).toBeUndefined();
        tick(2 * DAY);
        expect(await store.rate(hash, { score: 1 }, clock)).toEqual({
          ok: false,
          reason: "too_late",
        });
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail?.rating?.score).toBe(5);
        expect(await store.rate("hash-unknown", { score: 1 }, clock)).toEqual({
          ok: false,
          reason: "not_found",
        });
      });

      it("is no longer asked 30 days after the resolution", async () => {
        const { reference, hash } = await create();
        await reply(reference, "resolved");
        tick(31 * DAY);
        expect(await store.rate(hash, { score: 3 }, clock)).toEqual({
          ok: false,
          reason: "too_late",
        });
      });

      it("is asked on a closed request that was resolved, not on one closed without resolution", async () => {
        const resolved = await create();
        await reply(resolved.reference, "resolved");
        let detail = await store.getRequestDetail(ALL, resolved.reference);
        await store.updateRequest(
          ALL,
          resolved.reference,
          {
            expectedVersion: detail!.version,
            actorId: agentId,
            status: "closed",
          },
          tick(),
        );
        expect((await store.rate(resolved.hash, { score: 4 }, tick())).ok).toBe(
          true,
        );
        const closed = await create();
        detail = await store.getRequestDetail(ALL, closed.reference);
        await store.updateRequest(
          ALL,
          closed.reference,
          {
            expectedVersion: detail!.version,
            actorId: agentId,
            status: "closed",
          },
          tick(),
        );
        expect(await store.rate(closed.hash, { score: 4 }, tick())).toEqual({
          ok: false,
          reason: "not_resolved",
        });
      });
    });

    describe("mail outbox", () => {
      it("leases claimed e-mails, then gives them again once the lease ends (a worker died)", async () => {
        const { reference } = await create();
        await reply(reference);
        expect(await store.claimDueMails(clock, 10, 60_000)).toHaveLength(1);
        expect(await store.claimDueMails(clock, 10, 60_000)).toEqual([]);
        const again = await store.claimDueMails(tick(61_000), 10, 60_000);
        expect(again.map((m) => m.attempts)).toEqual([2]);
      });

      it("records sent, temporary and permanent failures, and a retry of a failed one", async () => {
        const { reference } = await create();
        await reply(reference);
        const [mail] = await store.claimDueMails(clock, 10, 60_000);
        await store.markMailFailed(mail!.id, clock, {
          permanent: false,
          error: "Serveur SMTP injoignable",
          nextAttemptAt: new Date(clock.getTime() + 120_000),
        });
        let message = (await store.getRequestDetail(ALL, reference))!
          .messages[0]!;
        expect(message.mail).toMatchObject({
          state: "pending",
          lastError: "Serveur SMTP injoignable",
        });
        expect(await store.claimDueMails(tick(61_000), 10, 60_000)).toEqual([]);
        const [again] = await store.claimDueMails(tick(60_000), 10, 60_000);
        await store.markMailFailed(again!.id, clock, {
          permanent: true,
          error: "Adresse refusée par le serveur (550)",
        });
        message = (await store.getRequestDetail(ALL, reference))!.messages[0]!;
        expect(message.mail?.state).toBe("failed");
        expect(await store.countPendingMails()).toBe(0);
        expect(
          await store.retryMail(REFERENT_13, reference, again!.id, tick()),
        ).toBe(false);
        expect(await store.retryMail(ALL, reference, again!.id, clock)).toBe(
          true,
        );
        expect(await store.retryMail(ALL, reference, again!.id, clock)).toBe(
          false,
        );
        const [retried] = await store.claimDueMails(clock, 10, 60_000);
        await store.markMailSent(retried!.id, clock, "smtp");
        message = (await store.getRequestDetail(ALL, reference))!.messages[0]!;
        expect(message.mail).toMatchObject({
          state: "sent",
          transport: "smtp",
          attempts: 3,
        });
        expect(message.mail?.lastError).toBeUndefined();
      });

      it("queues a resolution e-mail when a status change resolves the request", async () => {
        const { reference } = await create();
        const detail = await store.getRequestDetail(ALL, reference);
        await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: detail!.version,
            actorId: agentId,
            status: "resolved",
          },
          tick(),
        );
        const mails = await store.claimDueMails(clock, 10, 60_000);
        expect(mails.map((m) => [m.kind, m.reference])).toEqual([
          ["resolution", reference],
        ]);
      });
    });

    describe("automatic follow-ups", () => {
      const days = { reminderDays: 5, autoResolveDays: 14 };

      it("reminds once after 5 days of waiting, resolves after 14, each step automatic", async () => {
        const { reference } = await create();
        await reply(reference, "waiting_user");
        const [replyMail] = await store.claimDueMails(clock, 10, 60_000);
        await store.markMailSent(replyMail!.id, clock, "file");
        expect(await store.runFollowUpAutomation(tick(4 * DAY), days)).toEqual({
          reminded: [],
          resolved: [],
        });
        expect(await store.runFollowUpAutomation(tick(1 * DAY), days)).toEqual({
          reminded: [reference],
          resolved: [],
        });
        expect(await store.runFollowUpAutomation(tick(DAY), days)).toEqual({
          reminded: [],
          resolved: [],
        });
        expect(await store.runFollowUpAutomation(tick(8 * DAY), days)).toEqual({
          reminded: [],
          resolved: [reference],
        });
        const detail = await store.getRequestDetail(ALL, reference);
        expect(detail?.status).toBe("resolved");
        const automatic = detail!.events.filter((e) => e.data.auto === true);
        expect(automatic.map((e) => [e.type, e.actor])).toEqual([
          ["reminder", undefined],
          ["status", undefined],
        ]);
        const kinds = (
          await store.claimDueMails(tick(2 * 3600_000), 10, 60_000)
        ).map((m) => m.kind);
        expect(kinds.sort()).toEqual(["reminder", "resolution"]);
      });

      it("starts a new wait after an answer: the old reminder does not count", async () => {
        const { reference, hash } = await create();
        await reply(reference, "waiting_user");
        await store.runFollowUpAutomation(tick(5 * DAY + 1), days);
        await store.addAnswer(hash, "Voici ma réponse.", tick());
        await reply(reference, "waiting_user");
        expect(
          (await store.runFollowUpAutomation(tick(5 * DAY + 1), days)).reminded,
        ).toEqual([reference]);
      });

      it("leaves requests that are not waiting for the user", async () => {
        const { reference } = await create();
        await reply(reference);
        expect(await store.runFollowUpAutomation(tick(30 * DAY), days)).toEqual(
          {
            reminded: [],
            resolved: [],
          },
        );
      });
    });

    describe("retention", () => {
      it("ends the follow-up link and removes the conversation, keeping the score", async () => {
        const { reference, hash } = await create();
        await reply(reference, "resolved");
        await store.rate(hash, { score: 4, comment: "Merci Léa" }, tick());
        const detail = await store.getRequestDetail(ALL, reference);
        await store.updateRequest(
          ALL,
          reference,
          {
            expectedVersion: detail!.version,
            actorId: agentId,
            status: "closed",
          },
          tick(),
        );
        expect(await store.anonymiseClosedBefore(tick(DAY))).toBe(1);
        expect(await store.getFollowUp(hash)).toBeUndefined();
        const after = await store.getRequestDetail(ALL, reference);
        expect(after?.messages).toEqual([]);
        expect(after?.rating).toMatchObject({ score: 4 });
        expect(after?.rating?.comment).toBeUndefined();
        expect(await store.countPendingMails()).toBe(0);
      });
    });

    describe("reply templates", () => {
      it("creates, lists by title, updates and deletes", async () => {
        const b = await store.createReplyTemplate(
          {
            title: "Bagages",
            text: "Voici la liste {reference}.",
            category: "QUESTION",
          },
          clock,
        );
        const a = await store.createReplyTemplate(
          { title: "affectation", text: "Votre affectation arrive." },
          clock,
        );
        expect((await store.listReplyTemplates()).map((t) => t.id)).toEqual([
          a.id,
          b.id,
        ]);
        expect(b).toMatchObject({
          category: "QUESTION",
          updatedAt: clock.toISOString(),
        });
        expect(b.subject).toBeUndefined();
        const updated = await store.updateReplyTemplate(
          b.id,
          {
            title: "Bagages",
            text: "Nouveau texte",
            subject: "PHASE_1_LUGGAGE",
          },
          tick(),
        );
        expect(updated).toMatchObject({
          text: "Nouveau texte",
          subject: "PHASE_1_LUGGAGE",
        });
        expect(updated?.category).toBeUndefined();
        expect(
          await store.updateReplyTemplate(
            999,
            { title: "x", text: "y" },
            clock,
          ),
        ).toBe(undefined);
        expect(await store.deleteReplyTemplate(a.id)).toBe(true);
        expect(await store.deleteReplyTemplate(a.id)).toBe(false);
        expect((await store.listReplyTemplates()).map((t) => t.id)).toEqual([
          b.id,
        ]);
      });
    });
  });
}
