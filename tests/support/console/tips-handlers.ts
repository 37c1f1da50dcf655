import { http, HttpResponse } from "msw";
import type { Colleague } from "../../../api/console/api-client.ts";
import {
  canonicalTipSource,
  TipSourceSchema,
} from "../../../api/contract/tip-source.ts";
import { tipChanges } from "../../../api/tips/tip-changes.ts";
import { tipState } from "../../../api/console/pages/TipEditor.tsx";
import type {
  AnchorReport,
  ConsoleTip,
  TipAction,
  TipPreview,
  TipSource,
  TipSummary,
  TipVersion,
} from "../../../api/console/tip-types.ts";
import { apiUrl, NOW } from "./fixtures.ts";
import type { FakeConsoleApi } from "./handlers.ts";
import { errorResponse } from "./handlers.ts";
import { TIP_USERS } from "./tips-fixtures.ts";

type Snapshot = { draft: TipSource | null; published: TipSource | null };

/** The fake tips API's state (issue 5 §3): tips, their history, anchor reports and the accounts. */
export interface FakeTipsApi {
  tips: Map<string, ConsoleTip>;
  /** Per tip, newest first, with the texts each version left (for revert). */
  history: Map<string, (TipVersion & Snapshot)[]>;
  anchors: AnchorReport[];
  /** Rows per page of `GET /anchor-reports` (the server's default is 50); the cursor is an offset here. */
  anchorPageSize: number;
  users: Colleague[];
  /** Answers `POST /tips/preview`; the default renders paragraphs and checks the title. */
  preview: (source: Partial<TipSource>) => TipPreview;
  /** Stores a tip as if imported then changed by `by`. */
  seed(tip: Snapshot & { by?: string; publishedAt?: string }): ConsoleTip;
  reset(): void;
}

/** Default preview: one paragraph per blank-line block, title checked like the server does. */
export function defaultPreview(source: Partial<TipSource>): TipPreview {
  const problems: TipPreview["problems"] = [];
  const title = source.title?.trim() ?? "";
  if (title.length < 3)
    problems.push({
      path: "title",
      message: "Le titre fait au moins 3 caractères.",
    });
  if (!source.markdown?.trim())
    problems.push({ path: "markdown", message: "Le texte est obligatoire." });
  if (problems.length > 0) return { tip: null, problems };
  return {
    tip: {
      id: source.id ?? "apercu",
      title,
      body: source
        .markdown!.split(/\n\s*\n/)
        .map((p) => ({ type: "p" as const, children: [p.trim()] })),
      ...(source.link ? { link: source.link } : {}),
      ...(source.anchor ? { anchor: source.anchor } : {}),
    },
    problems,
  };
}

export function createFakeTipsApi(): FakeTipsApi {
  const fake: FakeTipsApi = {
    tips: new Map(),
    history: new Map(),
    anchors: [],
    anchorPageSize: 50,
    users: TIP_USERS,
    preview: defaultPreview,
    seed({ draft, published, by, publishedAt }) {
      const source = (draft ?? published)!;
      const tip: ConsoleTip = {
        id: source.id,
        version: 1,
        draft,
        published,
        ...(published
          ? { publishedAt: publishedAt ?? "2026-02-01T09:00:00.000Z" }
          : {}),
        updatedAt: "2026-03-01T09:00:00.000Z",
        ...(by ? { updatedBy: by } : {}),
      };
      fake.tips.set(tip.id, tip);
      fake.history.set(tip.id, [
        {
          version: 1,
          action: published ? "import" : "create",
          at: tip.updatedAt,
          ...(by ? { by } : {}),
          changes: [],
          draft,
          published,
        },
      ]);
      return tip;
    },
    reset() {
      fake.tips = new Map();
      fake.history = new Map();
      fake.anchors = [];
      fake.anchorPageSize = 50;
      fake.users = TIP_USERS;
      fake.preview = defaultPreview;
    },
  };
  return fake;
}

const forbidden = () =>
  errorResponse(403, "forbidden", "Votre compte n'a pas accès aux astuces.");
const unauthenticated = () =>
  errorResponse(
    401,
    "unauthenticated",
    "Votre session a expiré. Reconnectez-vous.",
  );
const notFound = () =>
  errorResponse(404, "not_found", "Cette astuce n'existe pas.");

/** A source as the server stores it: text normalized, keys in order; one it would refuse stays as sent. */
function storedSource(source: TipSource): TipSource {
  const parsed = TipSourceSchema.safeParse(source);
  return parsed.success ? canonicalTipSource(parsed.data) : source;
}

/** The tips endpoints, backed by the fake; put before `consoleHandlers` (its `/users` wins). */
export function tipsHandlers(console: FakeConsoleApi, fake: FakeTipsApi) {
  // Like the server: tips for the accounts it says may write them, broken anchors for the national team.
  const guard = () =>
    !console.user
      ? unauthenticated()
      : !console.user.canEditTips
        ? forbidden()
        : undefined;
  const nationalTeam = () =>
    !console.user
      ? unauthenticated()
      : console.user.role === "referent"
        ? forbidden()
        : undefined;

  /** Applies a change at `version`; records one history row. */
  const change = (
    id: string,
    version: number,
    action: TipAction,
    next: (tip: ConsoleTip) => Snapshot | string,
  ) => {
    const tip = fake.tips.get(id);
    if (!tip) return notFound();
    if (version !== tip.version)
      return HttpResponse.json(
        {
          error: {
            code: "version_conflict",
            message:
              "Cette astuce a été modifiée par quelqu'un d'autre entre-temps.",
          },
          tip,
        },
        { status: 409 },
      );
    const texts = next(tip);
    if (typeof texts === "string")
      return errorResponse(400, "validation_failed", texts);
    const at = new Date(NOW.getTime() + tip.version * 60_000).toISOString();
    const updated: ConsoleTip = {
      id,
      version: tip.version + 1,
      ...texts,
      updatedAt: at,
      updatedBy: console.user!.displayName,
      ...(action === "publish"
        ? { publishedAt: at }
        : texts.published && tip.publishedAt
          ? { publishedAt: tip.publishedAt }
          : {}),
    };
    record(tip, updated, action, at);
    fake.tips.set(id, updated);
    return HttpResponse.json({ tip: updated });
  };
  const record = (
    before: ConsoleTip | undefined,
    after: ConsoleTip,
    action: TipAction,
    at: string,
  ) => {
    // The server's own comparison (pure), so the versions panel reads as it will in production.
    const changes = tipChanges(
      before ? (before.draft ?? before.published) : null,
      after.draft ?? after.published,
    );
    fake.history.set(after.id, [
      {
        version: after.version,
        action,
        at,
        by: console.user!.displayName,
        changes,
        draft: after.draft,
        published: after.published,
      },
      ...(fake.history.get(after.id) ?? []),
    ]);
  };
  const body = async (request: Request) =>
    (await request.json()) as {
      version: number;
      source: TipSource;
      to: number;
    };

  return [
    http.get(apiUrl("/users"), () =>
      console.user
        ? HttpResponse.json({ users: fake.users })
        : unauthenticated(),
    ),
    http.patch(apiUrl("/users/:id"), async ({ params, request }) => {
      if (console.user?.role !== "admin") return forbidden();
      const { canEditTips } = (await request.json()) as {
        canEditTips: boolean;
      };
      const user = fake.users.find((u) => u.id === Number(params.id));
      if (!user)
        return errorResponse(404, "not_found", "Ce compte n'existe pas.");
      if (user.role !== "agent")
        return errorResponse(
          400,
          "validation_failed",
          "Seuls les agents reçoivent ce droit.",
        );
      const next = { ...user, canEditTips };
      fake.users = fake.users.map((u) => (u.id === next.id ? next : u));
      return HttpResponse.json({ user: next });
    }),
    http.get(apiUrl("/tips"), ({ request }) => {
      const refused = guard();
      if (refused) return refused;
      const query = new URL(request.url).searchParams;
      const platform = query.get("platform");
      const q = query.get("q")?.toLowerCase();
      const tips: TipSummary[] = [...fake.tips.values()]
        .map((tip) => {
          const source = (tip.draft ?? tip.published)!;
          const everPublished = (fake.history.get(tip.id) ?? []).some(
            (v) => v.action === "publish" || v.action === "import",
          );
          return {
            id: tip.id,
            platform: source.platform,
            title: source.title,
            routes: source.routes,
            state: tipState(tip, everPublished),
            anchored: source.anchor !== undefined,
            ...(source.activeFrom ? { activeFrom: source.activeFrom } : {}),
            ...(source.activeTo ? { activeTo: source.activeTo } : {}),
            version: tip.version,
            updatedAt: tip.updatedAt,
            ...(tip.updatedBy ? { updatedBy: tip.updatedBy } : {}),
          };
        })
        .filter((t) => !platform || t.platform === platform)
        .filter((t) => !q || `${t.id} ${t.title}`.toLowerCase().includes(q))
        .sort(
          (a, b) =>
            a.platform.localeCompare(b.platform) ||
            a.title.localeCompare(b.title),
        );
      return HttpResponse.json({ tips });
    }),
    http.post(apiUrl("/tips/preview"), async ({ request }) => {
      const refused = guard();
      if (refused) return refused;
      const { source } = (await request.json()) as {
        source: Partial<TipSource>;
      };
      return HttpResponse.json(fake.preview(source));
    }),
    http.get(apiUrl("/tips/:id"), ({ params }) => {
      const refused = guard();
      if (refused) return refused;
      const tip = fake.tips.get(String(params.id));
      return tip ? HttpResponse.json({ tip }) : notFound();
    }),
    http.post(apiUrl("/tips"), async ({ request }) => {
      const refused = guard();
      if (refused) return refused;
      const source = storedSource((await body(request)).source);
      if (fake.tips.has(source.id))
        return errorResponse(
          409,
          "tip_exists",
          "Une astuce porte déjà cet identifiant.",
        );
      const tip: ConsoleTip = {
        id: source.id,
        version: 1,
        draft: source,
        published: null,
        updatedAt: NOW.toISOString(),
        updatedBy: console.user!.displayName,
      };
      record(undefined, tip, "create", tip.updatedAt);
      fake.tips.set(tip.id, tip);
      return HttpResponse.json({ tip }, { status: 201 });
    }),
    http.put(apiUrl("/tips/:id/draft"), async ({ params, request }) => {
      const refused = guard();
      if (refused) return refused;
      const { version, source } = await body(request);
      return change(String(params.id), version, "edit", (tip) =>
        source.id !== tip.id
          ? "L'identifiant ne peut pas changer."
          : { draft: storedSource(source), published: tip.published },
      );
    }),
    http.post(apiUrl("/tips/:id/publish"), async ({ params, request }) => {
      const refused = guard();
      if (refused) return refused;
      const { version } = await body(request);
      return change(String(params.id), version, "publish", (tip) =>
        tip.draft
          ? { draft: null, published: tip.draft }
          : "Aucun brouillon à publier.",
      );
    }),
    http.post(apiUrl("/tips/:id/unpublish"), async ({ params, request }) => {
      const refused = guard();
      if (refused) return refused;
      const { version } = await body(request);
      return change(String(params.id), version, "unpublish", (tip) =>
        tip.published
          ? { draft: tip.draft ?? tip.published, published: null }
          : "L'astuce n'est pas publiée.",
      );
    }),
    http.delete(apiUrl("/tips/:id/draft"), async ({ params, request }) => {
      const refused = guard();
      if (refused) return refused;
      const { version } = await body(request);
      return change(String(params.id), version, "discard", (tip) =>
        tip.published && tip.draft
          ? { draft: null, published: tip.published }
          : "Rien à abandonner.",
      );
    }),
    http.post(apiUrl("/tips/:id/revert"), async ({ params, request }) => {
      const refused = guard();
      if (refused) return refused;
      const { version, to } = await body(request);
      const old = fake.history
        .get(String(params.id))
        ?.find((v) => v.version === to);
      return change(String(params.id), version, "revert", (tip) =>
        old
          ? { draft: old.draft ?? old.published, published: tip.published }
          : "Version inconnue.",
      );
    }),
    http.get(apiUrl("/tips/:id/versions"), ({ params }) => {
      const refused = guard();
      if (refused) return refused;
      const versions = (fake.history.get(String(params.id)) ?? []).map(
        ({ draft: _d, published: _p, ...version }) => version,
      );
      return HttpResponse.json({ versions });
    }),
    http.get(apiUrl("/anchor-reports"), ({ request }) => {
      const refused = nationalTeam();
      if (refused) return refused;
      const query = new URL(request.url).searchParams;
      const platform = query.get("platform");
      const anchors = fake.anchors.filter(
        (a) => !platform || a.platform === platform,
      );
      const from = Number(query.get("cursor") ?? 0);
      const next = from + fake.anchorPageSize;
      return HttpResponse.json({
        anchors: anchors.slice(from, next),
        total: anchors.length,
        ...(next < anchors.length ? { nextCursor: String(next) } : {}),
      });
    }),
  ];
}
