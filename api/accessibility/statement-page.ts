import { timeElement } from "../follow-up/format-date.ts";
import { markup, type Html } from "../follow-up/html.ts";
import { renderLayout } from "../follow-up/page-layout.ts";
import type { ComplianceTotals } from "./compliance.ts";
import type { LoadedGrid } from "./load-grid.ts";
import type { GridCriterion } from "./rgaa-grid.ts";

// « Déclaration d'accessibilité » (issue 16), in the sections of the official RGAA template. Every figure
// comes from the grid (tests/a11y/rgaa.md); without a readable grid, the page says so and declares
// « non conforme », which is what the RGAA prescribes when no evaluation result is available.

const SCOPE =
  "le widget d'aide intégré aux plateformes moncompte et admin du Service National Universel (panneau d'aide et astuces ancrées), la page de suivi d'une demande (/suivi/…), la console support (/support/) et la présente page";

/** The whole statement page. */
export function renderStatementPage(loaded: LoadedGrid): string {
  const status = loaded.ok ? loaded.totals.status : "non conforme";
  const why = !loaded.ok
    ? markup`. Aucun résultat d'évaluation n'est disponible : ${loaded.reason}`
    : status === "totalement conforme"
      ? "."
      : ", en raison des non-conformités et des critères non vérifiés énumérés ci-dessous.";
  return renderLayout({
    title: "Déclaration d'accessibilité",
    main: markup`<h1>Déclaration d'accessibilité</h1>
<p>L'équipe SNU Aide s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p>Cette déclaration d'accessibilité s'applique à SNU Aide : ${SCOPE}.</p>
<section aria-labelledby="etat">
<h2 id="etat">État de conformité</h2>
<p>SNU Aide est <strong>${status}</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1${why}</p>
</section>
<section aria-labelledby="resultats">
<h2 id="resultats">Résultats des tests</h2>
${loaded.ok ? renderResults(loaded.totals) : markup`<p>Les résultats ne sont pas disponibles.</p>\n`}</section>
${loaded.ok ? renderInaccessible(loaded.grid.criteria) : ""}${loaded.ok ? renderMethod(loaded.grid.evaluatedOn) : ""}<section aria-labelledby="contact">
<h2 id="contact">Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à l'équipe support pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :</p>
<ul>
<li>depuis la plateforme (moncompte ou admin) : bouton « Aide », puis « Contacter le support » ;</li>
<li>si vous avez déjà envoyé une demande : depuis sa page de suivi, dont le lien figure dans chaque e-mail de l'équipe support.</li>
</ul>
</section>
<section aria-labelledby="recours">
<h2 id="recours">Voies de recours</h2>
<p>Si vous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service, et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez adresser une réclamation ou une demande de saisine au Défenseur des droits :</p>
<ul>
<li>en lui écrivant par le <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;</li>
<li>en contactant <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits dans votre région</a> ;</li>
<li>par courrier postal, gratuit et sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
</section>
`,
  });
}

function renderResults(totals: ComplianceTotals): Html {
  return markup`<p>L'évaluation de SNU Aide au regard du RGAA 4.1 révèle que <strong>${totals.ratePercent} %</strong> des critères applicables sont respectés : ${totals.conform} sur ${totals.applicable}.</p>
<ul class="totals">
<li>Critères applicables : ${totals.applicable}</li>
<li>Critères conformes : ${totals.conform}</li>
<li>Critères non conformes : ${totals.nonConform}</li>
<li>Critères non vérifiés, comptés comme non respectés : ${totals.notVerified}</li>
<li>Critères non applicables : ${totals.notApplicable}</li>
</ul>
<p>Il s'agit d'une autoévaluation de l'équipe, tenue à jour dans sa grille d'évaluation, et non d'un audit réalisé par un tiers.</p>
`;
}

function renderInaccessible(criteria: GridCriterion[]): Html {
  const of = (result: GridCriterion["result"]) =>
    criteria.filter((criterion) => criterion.result === result);
  const list = (items: GridCriterion[]) =>
    items.length === 0
      ? markup`<p>Aucun.</p>\n`
      : markup`<ul>
${items.map((criterion) => markup`<li>${criterion.number} — ${criterion.title}${criterion.problem ? markup` <br>${criterion.problem}` : ""}</li>\n`)}</ul>
`;
  return markup`<section aria-labelledby="non-accessibles">
<h2 id="non-accessibles">Contenus non accessibles</h2>
<h3>Non-conformités</h3>
${list(of("NC"))}<h3>Critères non vérifiés</h3>
<p>Ces critères n'ont pas encore été vérifiés sur l'ensemble de SNU Aide : ils ne sont pas comptés comme respectés.</p>
${list(of("NV"))}<h3>Dérogations pour charge disproportionnée</h3>
<p>Aucune.</p>
<h3>Contenus non soumis à l'obligation d'accessibilité</h3>
<p>Aucun. Les pages des plateformes qui intègrent le widget relèvent de leur propre déclaration d'accessibilité.</p>
</section>
`;
}

function renderMethod(evaluatedOn: string): Html {
  return markup`<section aria-labelledby="etablissement">
<h2 id="etablissement">Établissement de cette déclaration</h2>
<p>Cette déclaration a été établie le ${timeElement(`${evaluatedOn}T12:00:00Z`, false)}, date de la dernière mise à jour de la grille d'évaluation.</p>
<h3>Technologies utilisées pour la réalisation de SNU Aide</h3>
<ul>
<li>HTML5</li>
<li>CSS</li>
<li>JavaScript (Preact)</li>
<li>WAI-ARIA</li>
</ul>
<h3>Environnement de test</h3>
<p>Chromium sans interface, piloté par playwright-core, aux tailles d'écran 1280 × 800, 900 × 700, 640 × 400 et 320 × 640 ; tests unitaires dans happy-dom. Aucun lecteur d'écran n'a été utilisé pour cette évaluation.</p>
<h3>Outils pour évaluer l'accessibilité</h3>
<ul>
<li>axe-core (règles WCAG 2.0 et 2.1, niveaux A et AA)</li>
<li>Tests automatisés du projet (Vitest, Testing Library, playwright-core)</li>
<li>Vérifications à la main dans Chromium, décrites critère par critère dans la grille</li>
</ul>
<h3>Pages et écrans du site ayant fait l'objet de la vérification</h3>
<ul>
<li>Widget : bouton « Aide », panneau (conseils, recherche, formulaire de contact, confirmation, « Mes demandes »)</li>
<li>Astuces ancrées : bouton « ? » et sa fenêtre d'astuce</li>
<li>Page de suivi d'une demande (/suivi/…) et ses pages d'erreur</li>
<li>Console support : connexion, demandes, détail d'une demande, par page, indicateurs, réponses types, astuces</li>
<li>Déclaration d'accessibilité (/accessibilite)</li>
</ul>
</section>
`;
}
