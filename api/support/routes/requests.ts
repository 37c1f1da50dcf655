import type { Hono, MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import {
  canMove,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
} from "../../contract/request-statuses.ts";
import { jsonBodyGuard, readJson } from "../../middleware/json-body.ts";
import type { SupportStore } from "../../store/support-types.ts";
import { parseFilters } from "../filters.ts";
import { notFound, parseBody, REFERENCE } from "./request-route-helpers.ts";
import type { SupportEnv } from "../support-env.ts";

const ChangeSchema = z.strictObject({
  version: z
    .number({ error: "La version de la demande est obligatoire." })
    .check(z.int(), z.minimum(1)),
  status: z.optional(z.enum(REQUEST_STATUSES, { error: "Statut inconnu." })),
  assigneeId: z.optional(z.nullable(z.number().check(z.int(), z.minimum(1)))),
  tags: z.optional(
    z
      .array(
        z
          .string()
          .check(z.maxLength(30, "Une étiquette fait 30 caractères au plus.")),
      )
      .check(z.maxLength(10, "10 étiquettes au plus.")),
  ),
});

const NoteSchema = z.strictObject({
  text: z
    .string({ error: "Écrivez la note." })
    .check(
      z.trim(),
      z.minLength(1, "Écrivez la note."),
      z.maxLength(5000, "Une note fait 5 000 caractères au plus."),
    ),
});

/** The inbox (list with counts), a request's detail, its changes and its notes. Scope applies in the store. */
export function registerRequestRoutes(
  app: Hono<SupportEnv>,
  auth: MiddlewareHandler<SupportEnv>,
  { store, clock }: { store: SupportStore; clock: Clock },
) {
  app.get("/support/api/requests", auth, async (c) => {
    const { filters, cursor, limit } = parseFilters(
      c.req.query(),
      c.get("user"),
    );
    const scope = c.get("scope");
    const [page, { counts, complete }] = await Promise.all([
      store.listRequests(scope, filters, {
        limit,
        ...(cursor ? { cursor } : {}),
      }),
      store.countByStatus(scope, filters),
    ]);
    c.header("Cache-Control", "no-store");
    // With a common search word the counts stop early: the console then shows « 312+ ».
    return c.json({ ...page, counts, countsComplete: complete });
  });

  app.get(REFERENCE, auth, async (c) => {
    const detail = await store.getRequestDetail(
      c.get("scope"),
      c.req.param("reference"),
    );
    if (!detail) throw notFound();
    c.header("Cache-Control", "no-store");
    return c.json(detail);
  });

  app.patch(REFERENCE, auth, jsonBodyGuard(), async (c) => {
    const body = parseBody(ChangeSchema, (await readJson(c)).value);
    const { version, ...change } = body;
    const reference = c.req.param("reference");
    if (change.status) {
      // The workflow is checked against the version the editor saw; a newer one ends in a 409 below.
      const current = await store.getRequestDetail(c.get("scope"), reference);
      if (!current) throw notFound();
      if (
        current.version === version &&
        !canMove(current.status, change.status)
      ) {
        throw new ApiError(
          "validation_failed",
          "Ce changement de statut n'est pas possible.",
          [
            {
              path: "status",
              message: `Une demande « ${REQUEST_STATUS_LABELS[current.status]} » ne peut pas passer à « ${REQUEST_STATUS_LABELS[change.status]} ».`,
            },
          ],
        );
      }
    }
    const result = await store.updateRequest(
      c.get("scope"),
      reference,
      { ...change, expectedVersion: version, actorId: c.get("user").id },
      clock.now(),
    );
    if (result.ok) return c.json(result.detail);
    if (result.reason === "not_found") throw notFound();
    // Never overwrite silently: the editor gets the fresh request to re-apply its change knowingly.
    return c.json(
      {
        error: {
          code: "version_conflict",
          message:
            "Cette demande a été modifiée par quelqu'un d'autre entre-temps.",
        },
        current: result.current,
      },
      409,
    );
  });

  app.post(`${REFERENCE}/notes`, auth, jsonBodyGuard(), async (c) => {
    const { text } = parseBody(NoteSchema, (await readJson(c)).value);
    const detail = await store.addNote(
      c.get("scope"),
      c.req.param("reference"),
      c.get("user").id,
      text,
      clock.now(),
    );
    if (!detail) throw notFound();
    return c.json(detail, 201);
  });
}
