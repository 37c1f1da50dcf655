import { ApiError } from "../api-error.ts";
import {
  InvalidCursorError,
  InvalidDateError,
  InvalidSearchError,
  InvalidTagsError,
  SupportStoreError,
  UnknownAssigneeError,
} from "../store/support-errors.ts";
import { SEARCH_MAX_WORDS } from "../store/support-rules.ts";

/** The 400 for a search of more than `SEARCH_MAX_WORDS` words (the filters' check and the store's). */
export function tooManyWords(): ApiError {
  const message = `Recherche : ${SEARCH_MAX_WORDS} mots au plus (un mot répété, ou qui commence un autre mot de la recherche, ne compte pas).`;
  return new ApiError("validation_failed", message, [{ path: "q", message }]);
}

/** The 400 a console user sees for input the support store refused; undefined for any other error. */
export function supportStoreErrorToApi(error: unknown): ApiError | undefined {
  if (!(error instanceof SupportStoreError)) return undefined;
  const invalid = (path: string, message: string) =>
    new ApiError("validation_failed", "Certains champs sont à corriger.", [
      { path, message },
    ]);
  if (error instanceof InvalidCursorError)
    return invalid(
      "cursor",
      "Cette page de résultats n'existe plus : rechargez la liste.",
    );
  if (error instanceof InvalidSearchError) return tooManyWords();
  if (error instanceof InvalidDateError)
    return invalid(error.field, "Date invalide (format AAAA-MM-JJ).");
  if (error instanceof UnknownAssigneeError)
    return invalid(
      "assigneeId",
      "Cette personne ne peut pas recevoir de demande.",
    );
  if (error instanceof InvalidTagsError)
    return invalid(
      "tags",
      "10 étiquettes au plus, de 30 caractères au plus chacune.",
    );
  return invalid("", "Cette demande n'a pas pu être enregistrée telle quelle.");
}
