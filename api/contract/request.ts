import * as z from "zod/mini";
import { categoriesFor } from "./categories.ts";
import { PlatformSchema, RoleSchema, YoungStatusSchema } from "./platforms.ts";
import { hasContact, isIdLikeSegment, isRouteTag } from "./redact.ts";
import { isValueParam, ROUTE_PARAM_VALUE_RE } from "./routes.ts";
import {
  CUSTOM_KEY_RE,
  CUSTOM_MAX_KEYS,
  CUSTOM_VALUE_MAX,
  DEPARTMENT_RE,
  EMAIL_MAX,
  EMAIL_RE,
  IDENTITY_TEXT_MAX,
  MESSAGE_MAX,
  MESSAGE_MIN,
  REQUEST_MESSAGES,
  TIPS_SHOWN_MAX,
  TITLE_MAX,
  USER_AGENT_MAX,
} from "./request-rules.ts";
import { TipIdSchema } from "./tip.ts";

export * from "./request-rules.ts";

const CODE_ID = /^[A-Z0-9_]{1,40}$/;
const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;

// Messages only the API gives: the widget offers valid choices and drops a malformed département.
const API_MESSAGES = {
  categoryNotOffered:
    "Cette catégorie n'est pas proposée sur cette plateforme pour votre profil.",
  subjectNotInCategory: "Ce sujet n'existe pas pour cette catégorie.",
  department:
    "Le département doit être un code comme « 75 », « 2A » ou « 974 ».",
} as const;

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} doit être un texte.` })
    .check(z.maxLength(max, `${what} : ${max} caractères au plus.`));

const maxKeys = (max: number, message: string) =>
  z.refine(
    (value: unknown) => Object.keys(value as object).length <= max,
    message,
  );

export const IdentitySchema = z.strictObject({
  role: RoleSchema,
  department: z.optional(
    z.string().check(z.regex(DEPARTMENT_RE, API_MESSAGES.department)),
  ),
  region: z.optional(text(IDENTITY_TEXT_MAX.region, "La région")),
  cohort: z.optional(text(IDENTITY_TEXT_MAX.cohort, "La cohorte")),
  status: z.optional(YoungStatusSchema),
  // Opaque: the host's own id, never an e-mail or a phone number (the widget drops such a value).
  userId: z.optional(
    text(IDENTITY_TEXT_MAX.userId, "L'identifiant d'utilisateur").check(
      z.refine(
        (value) => !hasContact(value),
        "L'identifiant d'utilisateur ne peut être ni une adresse e-mail ni un numéro de téléphone.",
      ),
    ),
  ),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const CustomValueSchema = z.union([
  text(CUSTOM_VALUE_MAX, "Une valeur de contexte"),
  z
    .number()
    .check(z.refine(Number.isFinite, "Un nombre de contexte doit être fini.")),
  z.boolean(),
]);

export const RequestContextSchema = z.strictObject({
  platform: PlatformSchema,
  route: z
    .string({ error: "La route est obligatoire." })
    .check(
      z.refine(
        isRouteTag,
        "La route doit être un modèle comme « /volontaire/:id », sans identifiant ni paramètre.",
      ),
    ),
  routeParams: z.optional(
    z
      .record(
        z
          .string()
          .check(z.regex(PARAM_NAME, "Nom de paramètre de route invalide.")),
        z
          .string()
          .check(
            z.regex(
              ROUTE_PARAM_VALUE_RE,
              "Valeur de paramètre de route invalide (60 caractères au plus, lettres, chiffres et tirets).",
            ),
          ),
      )
      .check(maxKeys(10, "10 paramètres de route au plus.")),
  ),
  title: text(TITLE_MAX, "Le titre de la page"),
  locale: z
    .string()
    .check(
      z.regex(
        /^[a-z]{2}(-[A-Z]{2})?$/,
        "La langue doit être un code comme « fr » ou « fr-FR ».",
      ),
    ),
  viewport: z.strictObject({
    w: z
      .number()
      .check(
        z.int("La largeur doit être un entier."),
        z.minimum(0),
        z.maximum(100_000),
      ),
    h: z
      .number()
      .check(
        z.int("La hauteur doit être un entier."),
        z.minimum(0),
        z.maximum(100_000),
      ),
  }),
  userAgent: text(USER_AGENT_MAX, "Le navigateur"),
  appVersion: z.optional(text(40, "La version de l'application")),
  widgetVersion: text(40, "La version du widget"),
  identity: z.optional(IdentitySchema),
  custom: z.optional(
    z
      .record(
        z
          .string()
          .check(
            z.regex(
              CUSTOM_KEY_RE,
              "Nom de clé de contexte invalide (40 caractères au plus).",
            ),
          ),
        CustomValueSchema,
      )
      .check(
        maxKeys(
          CUSTOM_MAX_KEYS,
          `${CUSTOM_MAX_KEYS} clés de contexte au plus.`,
        ),
      ),
  ),
  tipsShown: z.optional(
    z
      .array(TipIdSchema)
      .check(z.maxLength(TIPS_SHOWN_MAX, `${TIPS_SHOWN_MAX} astuces au plus.`)),
  ),
});
export type RequestContext = z.infer<typeof RequestContextSchema>;

/** The body of `POST /v1/requests`. Category and subject must be offered to that platform and role. */
export const CreateRequestSchema = z
  .strictObject({
    category: z
      .string({ error: REQUEST_MESSAGES.category })
      .check(z.regex(CODE_ID, REQUEST_MESSAGES.category)),
    subject: z
      .string({ error: REQUEST_MESSAGES.subject })
      .check(z.regex(CODE_ID, REQUEST_MESSAGES.subject)),
    message: z
      .string({ error: REQUEST_MESSAGES.messageMissing })
      .check(
        z.trim(),
        z.minLength(MESSAGE_MIN, REQUEST_MESSAGES.messageTooShort),
        z.maxLength(MESSAGE_MAX, REQUEST_MESSAGES.messageTooLong),
      ),
    email: z.optional(
      z
        .string({ error: "L'adresse e-mail doit être un texte." })
        .check(
          z.trim(),
          z.maxLength(EMAIL_MAX, REQUEST_MESSAGES.emailTooLong),
          z.regex(EMAIL_RE, REQUEST_MESSAGES.emailInvalid),
        ),
    ),
    context: RequestContextSchema,
  })
  .check(
    z.superRefine((body, ctx) => {
      const { platform, identity, route, routeParams } = body.context;
      // Route parameters must be the route's own non-id, non-secret parameters, with values that are no
      // ids: the server checks again what the widget strips (ARCHITECTURE §3).
      const parts = route.split("/");
      const allowed = parts
        .filter((_, i) => isValueParam(parts, i))
        .map((part) => part.slice(1));
      for (const [name, value] of Object.entries(routeParams ?? {})) {
        if (!allowed.includes(name) || isIdLikeSegment(value)) {
          ctx.addIssue({
            code: "custom",
            input: body,
            path: ["context", "routeParams"],
            message:
              "Les paramètres de route ne peuvent être que les étapes ou onglets de la page, sans identifiant.",
          });
          break;
        }
      }
      const category = categoriesFor(platform, identity?.role).find(
        (c) => c.id === body.category,
      );
      if (category?.subjects.some((s) => s.id === body.subject)) return;
      ctx.addIssue({
        code: "custom",
        input: body,
        path: category ? ["subject"] : ["category"],
        message: category
          ? API_MESSAGES.subjectNotInCategory
          : API_MESSAGES.categoryNotOffered,
      });
    }),
  );
export type CreateRequest = z.infer<typeof CreateRequestSchema>;

/** `201` answer of `POST /v1/requests`. */
export const CreatedRequestSchema = z.strictObject({
  reference: z.string().check(z.regex(/^SNU-\d{4}-\d{6,}$/)),
  createdAt: z.string(),
  /** `${PUBLIC_URL}/suivi/<token>` (issue 10): the requester's follow-up page, shown once in the widget. */
  followUpUrl: z.optional(z.string()),
});
export type CreatedRequest = z.infer<typeof CreatedRequestSchema>;
