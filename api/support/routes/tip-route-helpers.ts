import * as z from "zod/mini";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import { toErrorDetails } from "../../contract/issue-details.ts";
import type { TipSource } from "../../contract/tip-source.ts";
import type { SupportStore } from "../../store/support-types.ts";
import type { TipStore } from "../../store/tip-types.ts";
import { checkTipSource } from "../../tips/check-tip-source.ts";

export interface TipRouteDeps {
  store: SupportStore & TipStore;
  clock: Clock;
}

/** A tip's URL; ids are lowercase words joined by dashes (TipIdSchema). */
export const TIP_PATH = "/support/api/tips/:id{[a-z0-9]+(?:-[a-z0-9]+)*}";

/** Display names of every account, for « modifié par ». */
export async function accountNames(store: SupportStore) {
  return new Map((await store.listUsers()).map((u) => [u.id, u.displayName]));
}

export const tipNotFound = () =>
  new ApiError("not_found", "Cette astuce n'existe pas.");

const INVALID = "Certains champs sont à corriger.";

/** The version the editor saw, named by every write (optimistic locking). */
export const TipVersionSchema = z
  .number({ error: "La version de l'astuce est obligatoire." })
  .check(z.int("La version est un nombre entier."), z.minimum(1));

/** Parses a console body: shape errors are 400 with French details on their field. */
export function parseTipBody<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(
      "validation_failed",
      INVALID,
      toErrorDetails(parsed.error.issues),
    );
  return parsed.data;
}

/**
 * A source to save, publish or take back: every problem is a 400 detail under `source.` (the preview
 * answers them instead). `message` says why when the text was not just typed.
 */
export function requireValidSource(
  value: unknown,
  message = INVALID,
): TipSource {
  const { source, problems } = checkTipSource(value);
  if (!source)
    throw new ApiError(
      "validation_failed",
      message,
      problems.map(({ path, message }) => ({
        path: path ? `source.${path}` : "source",
        message,
      })),
    );
  return source;
}
