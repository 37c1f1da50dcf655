import { Hono, type MiddlewareHandler } from "hono";
import { ApiError, respondWithVersionConflict } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import {
  canMove,
  REQUEST_STATUS_LABELS,
} from "../../contract/request-statuses.ts";
import {
  NoteSchema,
  RequestPatchSchema,
} from "../../contract/support-requests.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import type { SupportStore } from "../../store/support-types.ts";
import { parseFilters } from "../filters.ts";
import { notFound, REFERENCE } from "./request-route-helpers.ts";
import type { SupportEnv } from "../support-env.ts";

/** The inbox (list with counts), a request's detail, its changes and its notes. Scope applies in the store. */
export function requestRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store, clock }: { store: SupportStore; clock: Clock },
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
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
    const body = await readBody(c, RequestPatchSchema);
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
    return respondWithVersionConflict(
      c,
      "Cette demande a été modifiée par quelqu'un d'autre entre-temps.",
      { current: result.current },
    );
  });

  app.post(`${REFERENCE}/notes`, auth, jsonBodyGuard(), async (c) => {
    const { text } = await readBody(c, NoteSchema);
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
  return app;
}
