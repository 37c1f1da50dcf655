/** `/dashboard` (key figures and to-dos, by role) and `/inscription` (cases to review, quota). */
import { h, view } from "../../shared/dom.ts";
import { card, notice, table } from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";
import { VOLUNTEERS } from "../data.ts";
import { ROLES, scopeOf, type AdminProfile } from "../profile.ts";
import { caseBadge } from "./common.ts";

type Figures = [label: string, value: string][];
type Todos = [label: string, path: string][];

function dashboardFor(profile: AdminProfile): {
  figures: Figures;
  todos: Todos;
} {
  switch (profile.role) {
    case "responsible":
    case "supervisor":
      return {
        figures: [
          ["Missions en ligne", "12"],
          ["Candidatures à traiter", "9"],
          ["Contrats à signer", "3"],
        ],
        todos: [
          [
            "3 candidatures reçues pour « Aide aux devoirs dans un centre social »",
            "/mission/6530a1b2c3d4e5f6a7b8c901",
          ],
          [
            "Compléter la fiche de votre structure",
            "/structure/6540f00d0000000000000d01",
          ],
        ],
      };
    case "head_center":
      return {
        figures: [
          ["Volontaires attendus", "172"],
          ["Présents à l'arrivée", "0"],
          ["Fiches sanitaires reçues", "149"],
        ],
        todos: [
          [
            "Remplir le tableau de pointage de l'arrivée",
            "/centre/6512c0ffee0000000000a001/6512c0ffee0000000000b001/tableau-de-pointage",
          ],
          [
            "Vérifier les fiches sanitaires manquantes",
            "/centre/6512c0ffee0000000000a001/6512c0ffee0000000000b001/fiche-sanitaire",
          ],
        ],
      };
    case "administrateur_cle":
    case "referent_classe":
      return {
        figures: [
          ["Élèves inscrits", "28"],
          ["Consentements reçus", "21"],
          ["Classes engagées", "2"],
        ],
        todos: [
          [
            "Relancer les représentants légaux de la 2de B",
            "/classes/6560c1a55e0000000000f001",
          ],
        ],
      };
    default:
      return {
        figures: [
          ["Dossiers à instruire", "128"],
          ["Dossiers validés", "1 942"],
          ["Liste complémentaire", "57"],
          ["Présence à l'arrivée", "94 %"],
        ],
        todos: [
          ["128 dossiers attendent votre validation", "/inscription"],
          ["1 mission à modérer", "/mission/6530a1b2c3d4e5f6a7b8c901"],
          [
            "Ligne de bus PAC-013-04 : 5 places restantes",
            "/ligne-de-bus/6520babe0000000000000c01",
          ],
        ],
      };
  }
}

export const dashboardPage: Page = ({ profile }) => {
  const { figures, todos } = dashboardFor(profile);
  return view(
    "Tableau de bord",
    h("h1", null, "Tableau de bord"),
    h(
      "p",
      { class: "lead" },
      `${ROLES[profile.role].label} — périmètre : ${scopeOf(profile)} — séjour ${profile.cohort}`,
    ),
    h(
      "div",
      { class: "grid" },
      figures.map(([label, value]) =>
        card({
          title: label,
          level: "h2",
          body: [h("p", null, h("span", { class: "figure__value" }, value))],
        }),
      ),
    ),
    h("h2", null, "À faire"),
    h(
      "ul",
      null,
      todos.map(([label, path]) =>
        h("li", null, h("a", { href: to(path) }, label)),
      ),
    ),
  );
};

export const inscriptionPage: Page = ({ profile }) => {
  const toReview = VOLUNTEERS.filter((v) => v.status !== "VALIDATED");
  return view(
    "Inscriptions",
    h("h1", null, "Inscriptions"),
    notice(
      "info",
      `Objectif départemental du séjour ${profile.cohort} : 420 places`,
      "412 dossiers sont validés. Au-delà de l'objectif, un dossier validé passe automatiquement sur liste complémentaire.",
    ),
    table({
      caption: `Dossiers à traiter (${toReview.length})`,
      columns: ["Volontaire", "Département", "Cohorte", "Statut"],
      rows: toReview.map((v) => [
        h(
          "a",
          { href: to(`/volontaire/${v.id}`) },
          `${v.firstName} ${v.lastName}`,
        ),
        v.department,
        v.cohort,
        caseBadge(v.status),
      ]),
    }),
  );
};
