import type { CreateRequest } from "../contract/request.ts";
import { isSecretKey, redactText } from "../contract/redact.ts";
import type { NewRequest } from "../store/store.ts";

/**
 * The widget redacts before sending; the server checks again so a faulty or hostile client cannot store
 * an e-mail, an id or a URL secret in any free-text field of the context: page title, browser, versions,
 * région and cohort, the host's custom values. The user's own message and e-mail are theirs to send.
 */
export function redactRequest(body: CreateRequest): NewRequest {
  const { context } = body;
  const redacted: NewRequest = {
    category: body.category,
    subject: body.subject,
    message: body.message,
    context: {
      ...context,
      title: redactText(context.title),
      userAgent: redactText(context.userAgent),
      widgetVersion: redactText(context.widgetVersion),
    },
  };
  if (context.appVersion !== undefined)
    redacted.context.appVersion = redactText(context.appVersion);
  if (context.identity) {
    const identity = { ...context.identity };
    for (const key of ["region", "cohort"] as const) {
      const value = identity[key];
      if (value !== undefined) identity[key] = redactText(value);
    }
    redacted.context.identity = identity;
  }
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
