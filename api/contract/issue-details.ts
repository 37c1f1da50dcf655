import type * as z from "zod/mini";
import { MAX_ERROR_DETAILS, type ErrorDetail } from "./errors.ts";

// zod/mini says "Invalid input" for everything it was not given a message for: these French
// fallbacks cover those cases. A message never repeats the rejected value (ARCHITECTURE §3).
const FALLBACK: Record<string, string> = {
  unrecognized_keys: "Ce champ n'est pas autorisé ici.",
  invalid_type: "Ce champ est obligatoire ou n'a pas le bon type.",
  invalid_value: "Cette valeur n'est pas acceptée.",
  invalid_union: "Cette valeur n'est pas acceptée.",
  too_big: "Cette valeur est trop grande ou trop longue.",
  too_small: "Cette valeur est trop petite ou trop courte.",
  invalid_format: "Ce format n'est pas accepté.",
};

/** Turns zod issues into at most 20 `{path, message}` details with French messages. */
export function toErrorDetails(
  issues: readonly z.core.$ZodIssue[],
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    if (details.length === MAX_ERROR_DETAILS) break;
    // Unknown keys are reported on their parent, and paths stop at free-form records (custom context,
    // route parameters): their keys are input, never echoed.
    const path = cutAtRecords(issue.path.map(String)).join(".");
    const english =
      !issue.message ||
      /^(Invalid|Too|Unrecognized|Expected)/.test(issue.message);
    const message = english
      ? issue.code === "unrecognized_keys"
        ? `${FALLBACK.unrecognized_keys} (${issue.keys.length} champ(s) inconnu(s))`
        : (FALLBACK[issue.code] ?? "Valeur invalide.")
      : issue.message;
    details.push({ path, message });
  }
  return details;
}

const RECORDS = ["context.custom", "context.routeParams"];

function cutAtRecords(path: string[]): string[] {
  for (const record of RECORDS) {
    const parts = record.split(".");
    if (parts.every((part, i) => path[i] === part)) return parts;
  }
  return path;
}
