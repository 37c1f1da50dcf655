import { ApiError } from "../api-error.ts";
import {
  InvalidCursorError,
  InvalidDateError,
  InvalidTagsError,
  SupportStoreError,
  UnknownAssigneeError,
} from "../store/support-errors.ts";

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
