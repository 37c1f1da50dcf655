import type { CreateRequest } from "../contract/request.ts";
import { isSecretKey, redactText } from "../contract/redact.ts";
import type { NewRequest } from "../store/store.ts";

/**
 * The widget redacts before sending; the server checks again so a faulty or hostile client cannot store
 * an e-mail, an id or a URL secret in the page title or the host's custom context.
 */
export function redactRequest(body: CreateRequest): NewRequest {
  const { context } = body;
  const redacted: NewRequest = {
    category: body.category,
    subject: body.subject,
    message: body.message,
    context: { ...context, title: redactText(context.title) },
  };
  if (body.email !== undefined) redacted.email = body.email;
  if (context.custom) {
    redacted.context.custom = Object.fromEntries(
      Object.entries(context.custom).map(([key, value]) => [
        key,
        isSecretKey(key)
          ? "[masqué]"
          : typeof value === "string"
            ? redactText(value)
            : value,
      ]),
    );
  }
  return redacted;
}
