import type { ErrorHandler } from "hono";
import { routePath } from "hono/route";
import { ApiError, respondWithError } from "./api-error.ts";
import type { AppEnv } from "./app-env.ts";
import type { Logger } from "./logger.ts";
import { StoreUnavailableError } from "./store/store-faults.ts";
import { supportStoreErrorToApi } from "./support/store-error-response.ts";

/**
 * Every error a route throws becomes the one envelope: an `ApiError` as it is, input a support store
 * refused as a 400, a storage fault as a 503 with Retry-After (it clears by itself), anything else as a
 * logged 500 that quotes nothing of the input.
 */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof ApiError) return respondWithError(c, error);
    const refused = supportStoreErrorToApi(error);
    if (refused) return respondWithError(c, refused);
    if (error instanceof StoreUnavailableError) {
      logger.error("store_unavailable", {
        requestId: c.get("requestId"),
        route: routePath(c, -1),
        code: error.code,
      });
      return respondWithError(
        c,
        new ApiError(
          "unavailable",
          "Le service est momentanément indisponible. Réessayez dans quelques instants.",
          undefined,
          { "Retry-After": "5" },
        ),
      );
    }
    logger.error("unhandled_error", {
      requestId: c.get("requestId"),
      route: routePath(c, -1),
      // The name and code only: a message may quote input (JSON snippets, values).
      error: error instanceof Error ? error.name : typeof error,
      code: (error as { code?: unknown }).code,
    });
    return respondWithError(
      c,
      new ApiError(
        "internal",
        "Une erreur inattendue est survenue. Réessayez plus tard.",
      ),
    );
  };
}
