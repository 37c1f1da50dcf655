/** Phase 2 pages: `/phase2`, `/candidature`, `/phase2/equivalence`. */
import { h, view } from "../../shared/dom.ts";
import {
  badge,
  breadcrumb,
  button,
  buttonGroup,
  card,
  liveRegion,
  notice,
  table,
} from "../../shared/ui.ts";
import { inputField, selectField } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import { APPLICATIONS, MISSIONS } from "../data.ts";

export const phase2Page: Page = ({ profile }) => {
  const open = profile.status === "DONE";
  const hours = open ? 32 : 0;
  return view(
    "Phase 2",
    breadcrumb([["Accueil", to("/")], ["Phase 2 : mission d'intérêt général"]]),
    h("h1", null, "Ma mission d'intérêt général"),
    open
      ? null
      : notice(
          "info",
          "La phase 2 s'ouvre après votre séjour",
          "Vous pouvez déjà découvrir les missions proposées près de chez vous.",
        ),
    h(
      "label",
      { for: "heures-realisees" },
      `Heures réalisées : ${hours} sur 84`,
    ),
    h(
      "p",
      null,
      h(
        "progress",
        { id: "heures-realisees", max: 84, value: hours },
        `${hours} heures sur 84`,
      ),
    ),
    h(
      "div",
      { class: "grid" },
      card({
        title: "Trouver une mission",
        href: to("/mission"),
        level: "h2",
        body: [
          h(
            "p",
            null,
            "Près de chez vous ou à distance, pendant les vacances ou sur l'année.",
          ),
        ],
      }),
      card({
        title: "Mes candidatures",
        href: to("/candidature"),
        level: "h2",
        body: [h("p", null, "Suivez les réponses des structures.")],
      }),
      card({
        title: "Faire reconnaître un engagement",
        href: to("/phase2/equivalence"),
        level: "h2",
        body: [
          h(
            "p",
            null,
            "Service civique, BAFA, jeunes sapeurs-pompiers… peuvent valider votre phase 2.",
          ),
        ],
      }),
    ),
  );
};

export const applicationsPage: Page = () =>
  view(
    "Mes candidatures",
    breadcrumb([
      ["Accueil", to("/")],
      ["Phase 2", to("/phase2")],
      ["Mes candidatures"],
    ]),
    h("h1", null, "Mes candidatures"),
    table({
      caption: "Candidatures envoyées",
      columns: ["Mission", "Envoyée le", "Statut"],
      rows: APPLICATIONS.map((application) => {
        const mission = MISSIONS.find((m) => m.id === application.missionId);
        return [
          h(
            "a",
            { href: to(`/mission/${application.missionId}`) },
            mission?.title ?? "Mission",
          ),
          application.date,
          badge(
            application.status,
            application.status === "Validée"
              ? "success"
              : application.status === "Refusée"
                ? "error"
                : "info",
          ),
        ];
      }),
    }),
    h(
      "p",
      null,
      "Une structure répond en général sous quinze jours. Sans réponse, vous pouvez candidater à une autre mission.",
    ),
  );

export const equivalencePage: Page = () => {
  const result = liveRegion();
  return view(
    "Faire reconnaître un engagement",
    breadcrumb([
      ["Accueil", to("/")],
      ["Phase 2", to("/phase2")],
      ["Équivalence"],
    ]),
    h("h1", null, "Faire reconnaître un engagement"),
    h(
      "p",
      null,
      "Un engagement déjà réalisé peut valider tout ou partie de votre phase 2, sur justificatif.",
    ),
    h(
      "form",
      {
        class: "form",
        on: {
          submit: (event) => {
            event.preventDefault();
            result.say(
              "Démonstration : votre demande d'équivalence serait transmise à votre référent.",
              "success",
            );
          },
        },
      },
      selectField({
        id: "type-engagement",
        label: "Type d'engagement",
        choices: [
          ["service-civique", "Service civique"],
          ["bafa", "BAFA"],
          ["jsp", "Jeunes sapeurs-pompiers"],
          ["reserve", "Réserve opérationnelle ou préparation militaire"],
          ["autre", "Autre engagement"],
        ],
      }),
      inputField({
        id: "structure-engagement",
        label: "Structure d'accueil",
        attrs: { required: true },
      }),
      inputField({
        id: "heures-engagement",
        label: "Nombre d'heures réalisées",
        attrs: {
          type: "number",
          min: 1,
          max: 84,
          inputmode: "numeric",
          required: true,
        },
      }),
      inputField({
        id: "justificatif-equivalence",
        label: "Justificatif",
        hint: "Attestation signée de la structure. JPG, PNG ou PDF, 5 Mo au plus.",
        attrs: { type: "file", accept: ".jpg,.jpeg,.png,.pdf", required: true },
      }),
      buttonGroup(button("Soumettre l'équivalence", { type: "submit" })),
      result,
    ),
  );
};
