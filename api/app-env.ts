/** Per-request values the middleware share through Hono's context. */
export type AppEnv = { Variables: { requestId: string } };
