import { Hono, type MiddlewareHandler } from "hono";
import {
  UserPatchSchema,
  type Colleague,
} from "../../contract/support-users.ts";
import { ApiError } from "../../api-error.ts";
import { jsonBodyGuard, readBody } from "../../middleware/json-body.ts";
import type { SupportStore, SupportUser } from "../../store/support-types.ts";
import type { SupportEnv } from "../support-env.ts";
import { canEditTips, requireAdmin } from "../tip-permissions.ts";

/**
 * A colleague as lists show it: no e-mail, what the account may do with tips, and for a referent the
 * départements whose requests it may receive — only those the viewer shares when the viewer is a referent.
 */
function colleague(user: SupportUser, viewer: SupportUser): Colleague {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    canEditTips: canEditTips(user),
    ...(user.role === "referent"
      ? {
          departments:
            viewer.role === "referent"
              ? user.departments.filter((d) => viewer.departments.includes(d))
              : user.departments,
        }
      : {}),
  };
}

/**
 * Whom `viewer` may assign a request to, for at least one request it sees (issue 11): the national team
 * sees every request, so everyone active; a referent, the national team, itself and the referents who share
 * one of its départements — never the names of other départements' referents.
 */
function isColleagueOf(viewer: SupportUser, user: SupportUser): boolean {
  if (user.disabled) return false;
  if (viewer.role !== "referent" || user.role !== "referent") return true;
  return (
    user.id === viewer.id ||
    user.departments.some((d) => viewer.departments.includes(d))
  );
}

/** The colleagues one may assign to, and the admins' switch that lets an agent edit tips. */
export function userRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store }: { store: SupportStore },
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  app.get("/support/api/users", auth, async (c) => {
    const me = c.get("user");
    const users = (await store.listUsers()).filter((user) =>
      isColleagueOf(me, user),
    );
    return c.json({ users: users.map((user) => colleague(user, me)) });
  });

  app.patch(
    "/support/api/users/:id{[1-9][0-9]{0,15}}",
    auth,
    requireAdmin(),
    jsonBodyGuard(),
    async (c) => {
      const patch = await readBody(c, UserPatchSchema);
      const target = await store.getUser(Number(c.req.param("id")));
      if (!target || target.disabled)
        throw new ApiError("not_found", "Ce compte n'existe pas.");
      // Admins always may, referents never: only an agent's permission is a choice.
      if (target.role !== "agent")
        throw new ApiError(
          "validation_failed",
          "Ce compte n'est pas un agent.",
          [
            {
              path: "canEditTips",
              message:
                "Seuls les agents reçoivent ce droit : les administrateurs l'ont toujours, les référents jamais.",
            },
          ],
        );
      const user = await store.updateUser(target.id, patch);
      return c.json({ user: colleague(user!, c.get("user")) });
    },
  );
  return app;
}
