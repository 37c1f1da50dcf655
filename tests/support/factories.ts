import type { CreateRequest } from "../../api/contract/request.ts";
import type { NewRequest } from "../../api/store/store.ts";

/** A valid request body as the widget sends it; override any part. */
export function makeRequestBody(
  overrides: Partial<CreateRequest> = {},
): CreateRequest {
  return {
    category: "TECHNICAL",
    subject: "UPLOAD",
    message:
      "Je n'arrive pas à téléverser ma carte d'identité, le bouton reste grisé.",
    email: "camille.martin@example.fr",
    context: {
      platform: "moncompte",
      route: "/inscription/:step",
      routeParams: { step: "documents" },
      title: "Mon inscription — Documents",
      locale: "fr",
      viewport: { w: 390, h: 844 },
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)",
      appVersion: "2026.11.3",
      widgetVersion: "0.1.0",
      identity: {
        role: "young",
        department: "75",
        region: "Île-de-France",
        cohort: "Février 2027",
        status: "IN_PROGRESS",
      },
      tipsShown: ["mc-inscription-piece-identite"],
    },
    ...overrides,
  };
}

/** The same request as the store receives it. */
export function makeNewRequest(
  overrides: Partial<NewRequest> = {},
): NewRequest {
  const { category, subject, message, email, context } = makeRequestBody();
  return { category, subject, message, email: email!, context, ...overrides };
}
