/** `/volontaire/:id/phase1` (affectation, transport, presence) and `/volontaire/:id/phase2` (hours, applications). */
import { h, view } from "../../shared/dom.ts";
import {
  button,
  buttonGroup,
  details,
  liveRegion,
  table,
} from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";
import { BUS_LINES, CENTRES, MISSIONS } from "../data.ts";
import { notFoundPage } from "./help.ts";
import { caseHeader, fullName, volunteerOf } from "./volontaire-case.ts";

export const volunteerPhase1Page: Page = (context) => {
  const v = volunteerOf(context);
  if (!v) return notFoundPage(context);
  const centre = CENTRES[0]!;
  const session = centre.sessions[0]!;
  const line = BUS_LINES[0]!;
  const result = liveRegion();
  const affected = v.phase1 !== "WAITING_AFFECTATION";
  return view(
    `Phase 1 — ${fullName(v)}`,
    caseHeader(v, "phase1", `Phase 1 — ${fullName(v)}`),
    h("h2", null, "Affectation"),
    affected
      ? details([
          [
            "Centre",
            h(
              "a",
              { href: to(`/centre/${centre.id}/${session.id}/general`) },
              centre.name,
            ),
          ],
          ["Séjour", `${session.cohort}, du ${session.dates}`],
          ["Point de rassemblement", line.stops[0]?.[0] ?? ""],
          [
            "Ligne de bus",
            h("a", { href: to(`/ligne-de-bus/${line.id}`) }, line.code),
          ],
          [
            "Présence à l'arrivée",
            v.phase1 === "DONE" ? "Présent" : "Non renseignée",
          ],
          ["Fiche sanitaire", "Reçue"],
        ])
      : h(
          "p",
          null,
          "Pas encore affecté(e). L'affectation se fait depuis l'onglet « Affectation » du séjour.",
        ),
    buttonGroup(
      button(
        "Modifier l'affectation",
        {
          on: {
            click: () =>
              result.say(
                "Démonstration : le choix d'un autre centre s'ouvrirait ici.",
              ),
          },
        },
        "secondary",
      ),
    ),
    result,
  );
};

export const volunteerPhase2Page: Page = (context) => {
  const v = volunteerOf(context);
  if (!v) return notFoundPage(context);
  const result = liveRegion();
  return view(
    `Phase 2 — ${fullName(v)}`,
    caseHeader(v, "phase2", `Phase 2 — ${fullName(v)}`),
    h(
      "label",
      { for: "heures-mig" },
      `Heures de mission réalisées : ${v.hours} sur 84`,
    ),
    h(
      "p",
      null,
      h(
        "progress",
        { id: "heures-mig", max: 84, value: v.hours },
        `${v.hours} heures sur 84`,
      ),
    ),
    table({
      caption: "Candidatures",
      columns: ["Mission", "Statut", "Contrat"],
      rows:
        v.hours > 0
          ? [
              [
                h(
                  "a",
                  { href: to(`/mission/${MISSIONS[1]!.id}`) },
                  MISSIONS[1]!.title,
                ),
                "Mission en cours",
                "Signé par toutes les parties",
              ],
            ]
          : [["Aucune candidature", "—", "—"]],
    }),
    h("h2", null, "Équivalences"),
    h("p", null, "Aucune demande de reconnaissance d'engagement."),
    buttonGroup(
      button("Proposer une mission", {
        on: {
          click: () =>
            result.say(
              "Démonstration : la recherche de missions proches s'ouvrirait ici.",
            ),
        },
      }),
    ),
    result,
  );
};
