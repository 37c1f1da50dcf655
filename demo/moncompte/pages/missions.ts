/** `/mission` (search among the missions) and `/mission/:id` (a mission, « Candidater »). */
import { h, view } from "../../shared/dom.ts";
import { isObjectId, pickFor } from "../../shared/ids.ts";
import {
  badge,
  breadcrumb,
  button,
  buttonGroup,
  card,
  details,
  linkButton,
  liveRegion,
} from "../../shared/ui.ts";
import { inputField, selectField } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import { MISSIONS } from "../data.ts";
import { notFoundPage } from "./help.ts";

const DOMAINS = [
  ["", "Tous les domaines"],
  ["solidarite", "Solidarité"],
  ["environnement", "Environnement"],
  ["citoyennete", "Citoyenneté"],
  ["sport", "Sport"],
] as const;
const DOMAIN_LABELS: Record<string, string> = Object.fromEntries(DOMAINS);

export const missionsPage: Page = () => {
  const cards = MISSIONS.map((mission) => ({
    mission,
    element: card({
      title: mission.title,
      href: to(`/mission/${mission.id}`),
      body: [
        h("p", null, badge(mission.domain, "info")),
        h("p", null, mission.structure),
        h(
          "p",
          { class: "mention" },
          `${mission.place} · ${mission.dates} · ${mission.hours} h`,
        ),
      ],
    }),
  }));
  const count = h("h2", null, `${MISSIONS.length} missions disponibles`);
  const filter = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const words = String(data.get("recherche-mission") ?? "")
      .trim()
      .toLowerCase();
    const domain = String(data.get("domaine-mission") ?? "");
    let shown = 0;
    for (const { mission, element } of cards) {
      const visible =
        (domain === "" || DOMAIN_LABELS[domain] === mission.domain) &&
        (words === "" ||
          `${mission.title} ${mission.structure} ${mission.place}`
            .toLowerCase()
            .includes(words));
      element.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent =
      shown > 1
        ? `${shown} missions disponibles`
        : `${shown} mission disponible`;
  };
  return view(
    "Trouver une mission",
    breadcrumb([
      ["Accueil", to("/")],
      ["Phase 2", to("/phase2")],
      ["Missions"],
    ]),
    h("h1", null, "Trouver une mission"),
    h(
      "form",
      {
        class: "form",
        role: "search",
        "aria-label": "Filtrer les missions",
        on: {
          submit: (event) => {
            event.preventDefault();
            filter(event.currentTarget as HTMLFormElement);
          },
        },
      },
      inputField({
        id: "recherche-mission",
        label: "Mot-clé",
        attrs: { type: "search" },
      }),
      selectField({
        id: "domaine-mission",
        label: "Domaine d'action",
        choices: DOMAINS,
      }),
      button("Filtrer", { type: "submit" }, "secondary"),
    ),
    count,
    h(
      "div",
      { class: "grid" },
      cards.map((c) => c.element),
    ),
  );
};

export const missionPage: Page = (context) => {
  const id = context.match.params.id ?? "";
  if (!isObjectId(id)) return notFoundPage(context);
  const mission = MISSIONS.find((m) => m.id === id) ?? pickFor(id, MISSIONS);
  const result = liveRegion();
  return view(
    mission.title,
    breadcrumb([
      ["Accueil", to("/")],
      ["Missions", to("/mission")],
      [mission.title],
    ]),
    h("h1", null, mission.title),
    h(
      "p",
      null,
      badge(mission.domain, "info"),
      " ",
      badge(`${mission.places} places`),
    ),
    h("p", { class: "lead" }, mission.description),
    details([
      ["Structure", mission.structure],
      ["Lieu", mission.place],
      ["Dates", mission.dates],
      ["Durée", `${mission.hours} heures`],
    ]),
    buttonGroup(
      button("Candidater", {
        id: "candidater",
        on: {
          click: () =>
            result.say(
              "Démonstration : votre candidature serait transmise à la structure.",
              "success",
            ),
        },
      }),
      linkButton(to("/mission"), "Retour aux missions", "secondary"),
    ),
    result,
  );
};
