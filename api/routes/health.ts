import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

/** `GET /healthz`: answers once the store is open (the app is only built after it opened). */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/healthz", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ status: "ok" });
  });
}
