import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import type { TipSource } from "../../contract/tip-source.ts";
import type { SupportStore } from "../../store/support-types.ts";
import type { TipStore } from "../../store/tip-types.ts";
import { INVALID_BODY } from "../../parse-with.ts";
import { checkTipSource } from "../../tips/check-tip-source.ts";

export interface TipRouteDeps {
  store: SupportStore & TipStore;
  clock: Clock;
}

/**
 * A tip's URL, matching ids with the contract's TIP_ID_RE (without its anchors). Written out so that Hono
 * types the `id` parameter; tests/api/tips-authorization.test.ts checks that it is the same pattern.
 */
export const TIP_PATH = "/support/api/tips/:id{[a-z0-9]+(?:-[a-z0-9]+)*}";

/** Display names of every account, for « modifié par ». */
export async function accountNames(store: SupportStore) {
  return new Map((await store.listUsers()).map((u) => [u.id, u.displayName]));
}

export const tipNotFound = () =>
  new ApiError("not_found", "Cette astuce n'existe pas.");

/**
 * A source to save, publish or take back: every problem is a 400 detail under `source.` (the preview
 * answers them instead). `message` says why when the text was not just typed.
 */
export function requireValidSource(
  value: unknown,
  message = INVALID_BODY,
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
