import type { Hono, MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import { ApiError } from "../../api-error.ts";
import { jsonBodyGuard, readJson } from "../../middleware/json-body.ts";
import type { SupportStore, SupportUser } from "../../store/support-types.ts";
import type { SupportEnv } from "../support-env.ts";
import { canEditTips, requireAdmin } from "../tip-permissions.ts";
import { parseTipBody } from "./tip-route-helpers.ts";

const UserPatchSchema = z.strictObject({
  canEditTips: z.boolean({ error: "Indiquez oui (true) ou non (false)." }),
});

/** A colleague as lists show it: no e-mail, and what the account may do with tips. */
function colleague(user: SupportUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    canEditTips: canEditTips(user),
  };
}

/** The colleagues one may assign to, and the admins' switch that lets an agent edit tips. */
export function registerUserRoutes(
  app: Hono<SupportEnv>,
  auth: MiddlewareHandler<SupportEnv>,
  { store }: { store: SupportStore },
) {
  app.get("/support/api/users", auth, async (c) => {
    const me = c.get("user");
    const users = (await store.listUsers()).filter(
      (user) =>
        !user.disabled &&
        // A referent assigns within its départements; the national team sees everyone.
        (me.role !== "referent" ||
          user.id === me.id ||
          user.departments.some((d) => me.departments.includes(d))),
    );
    return c.json({ users: users.map(colleague) });
  });

  app.patch(
    "/support/api/users/:id{[1-9][0-9]{0,15}}",
    auth,
    requireAdmin(),
    jsonBodyGuard(),
    async (c) => {
      const patch = parseTipBody(UserPatchSchema, (await readJson(c)).value);
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
      return c.json({ user: colleague(user!) });
    },
  );
}
