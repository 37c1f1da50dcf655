import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

// Served at `/` only when the front ends are not built (otherwise the demo index is): says what to do.
const HOME = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SNU Aide — serveur</title></head>
<body>
<main>
<h1>SNU Aide</h1>
<p>Ce serveur fournit l'API de l'aide contextuelle du Service National Universel.</p>
<ul>
<li><a href="/healthz">/healthz</a> — état du serveur</li>
<li><a href="/v1/tips?platform=moncompte">/v1/tips?platform=moncompte</a> — astuces de la plateforme moncompte</li>
<li><a href="/v1/tips?platform=admin">/v1/tips?platform=admin</a> — astuces de la plateforme admin</li>
<li><code>POST /v1/requests</code> — dépôt d'une demande de support (JSON, en-tête Idempotency-Key)</li>
</ul>
<p>Le widget, les démonstrations et la console support ne sont pas encore construits : lancez <code>npm run build</code> (<code>npm start</code> le fait).</p>
</main>
</body>
</html>`;

/** `GET /`: a short French page listing what this server serves. */
export function homeRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/", (c) => {
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    return c.html(HOME);
  });
}
