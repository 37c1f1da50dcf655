import { ApiError } from "../../api-error.ts";

/** A request's path in the console API; the reference's shape is checked by the router itself. */
export const REFERENCE = "/support/api/requests/:reference{SNU-\\d{4}-\\d{6,}}";

/** The same 404 for a request that does not exist and one outside the caller's scope. */
export const notFound = () =>
  new ApiError(
    "not_found",
    "Cette demande n'existe pas ou ne relève pas de votre périmètre.",
  );
