import * as z from "zod/mini";
import { categoriesFor } from "./categories.ts";
import { PlatformSchema, RoleSchema, YoungStatusSchema } from "./platforms.ts";
import { isRouteTag } from "./redact.ts";
import { ROUTE_PARAM_VALUE_RE } from "./routes.ts";
import { TipIdSchema } from "./tip.ts";

// Bounds of the wire contract (ARCHITECTURE §3). The widget bounds what it sends; the server refuses,
// it never truncates.
export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 5000;
export const TITLE_MAX = 200;
export const USER_AGENT_MAX = 400;
export const CUSTOM_MAX_KEYS = 20;
export const TIPS_SHOWN_MAX = 20;

const CODE_ID = /^[A-Z0-9_]{1,40}$/;
/** Département codes as strings: 01…95 (no 20), 2A, 2B, 971…976. */
export const DEPARTMENT_RE =
  /^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$/;
const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;
const CUSTOM_KEY = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;

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
    z
      .string()
      .check(
        z.regex(
          DEPARTMENT_RE,
          "Le département doit être un code comme « 75 », « 2A » ou « 974 ».",
        ),
      ),
  ),
  region: z.optional(text(60, "La région")),
  cohort: z.optional(text(60, "La cohorte")),
  status: z.optional(YoungStatusSchema),
  userId: z.optional(text(100, "L'identifiant d'utilisateur")),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const CustomValueSchema = z.union([
  text(200, "Une valeur de contexte"),
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
              CUSTOM_KEY,
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
      .string({ error: "Choisissez une catégorie." })
      .check(z.regex(CODE_ID, "Choisissez une catégorie.")),
    subject: z
      .string({ error: "Choisissez un sujet." })
      .check(z.regex(CODE_ID, "Choisissez un sujet.")),
    message: z
      .string({ error: "Écrivez votre message." })
      .check(
        z.trim(),
        z.minLength(
          MESSAGE_MIN,
          `Votre message doit faire au moins ${MESSAGE_MIN} caractères.`,
        ),
        z.maxLength(
          MESSAGE_MAX,
          `Votre message doit faire ${MESSAGE_MAX} caractères au plus.`,
        ),
      ),
    email: z.optional(
      z
        .string({ error: "L'adresse e-mail doit être un texte." })
        .check(
          z.trim(),
          z.maxLength(254, "L'adresse e-mail est trop longue."),
          z.regex(
            /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
            "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
          ),
        ),
    ),
    context: RequestContextSchema,
  })
  .check(
    z.superRefine((body, ctx) => {
      const { platform, identity } = body.context;
      const category = categoriesFor(platform, identity?.role).find(
        (c) => c.id === body.category,
      );
      if (category?.subjects.some((s) => s.id === body.subject)) return;
      ctx.addIssue({
        code: "custom",
        input: body,
        path: category ? ["subject"] : ["category"],
        message: category
          ? "Ce sujet n'existe pas pour cette catégorie."
          : "Cette catégorie n'est pas proposée sur cette plateforme pour votre profil.",
      });
    }),
  );
export type CreateRequest = z.infer<typeof CreateRequestSchema>;

/** `201` answer of `POST /v1/requests`. */
export const CreatedRequestSchema = z.strictObject({
  reference: z.string().check(z.regex(/^SNU-\d{4}-\d{6,}$/)),
  createdAt: z.string(),
});
export type CreatedRequest = z.infer<typeof CreatedRequestSchema>;
