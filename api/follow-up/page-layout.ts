import {
  DECLARED_STATUS,
  STATEMENT_PATH,
} from "../accessibility/statement-link.ts";
import { markup, type Html } from "./html.ts";
import { STYLESHEET_PATH, STYLESHEET_VERSION } from "./stylesheet.ts";

/** The document around every `/suivi/*` page: French, no script, one same-origin stylesheet. */
export function renderLayout(page: { title: string; main: Html }): string {
  return markup`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title} — SNU Aide</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}?v=${STYLESHEET_VERSION}">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site"><div class="wrap"><p class="brand">Service National Universel<span>Aide et support</span></p></div></header>
<main id="contenu" class="wrap">
${page.main}</main>
<footer class="foot"><div class="wrap"><p>SNU Aide — l'équipe support du Service National Universel.</p>
<p><a href="${STATEMENT_PATH}">Accessibilité : ${DECLARED_STATUS}</a></p></div></footer>
</body>
</html>
`.markup;
}
