/** `/volontaire/:id`: the case file, with « Valider le dossier » and a field-by-field correction request. */
import { h, view } from "../../shared/dom.ts";
import { departmentOf } from "../../shared/geo.ts";
import { button, buttonGroup, details, liveRegion } from "../../shared/ui.ts";
import { selectField, textareaField } from "../../shared/form-fields.ts";
import type { Page } from "../context.ts";
import { emailOf } from "../profile.ts";
import { notFoundPage } from "./help.ts";
import { caseHeader, fullName, volunteerOf } from "./volontaire-case.ts";

export const volunteerPage: Page = (context) => {
  const v = volunteerOf(context);
  if (!v) return notFoundPage(context);
  const result = liveRegion();
  const correction = h(
    "form",
    {
      id: "formulaire-correction",
      class: "form panel",
      hidden: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          result.say(
            `Démonstration : la demande de correction serait envoyée à ${v.firstName}.`,
            "success",
          );
        },
      },
    },
    h("h3", null, "Demande de correction"),
    selectField({
      id: "champ-correction",
      label: "Champ à corriger",
      choices: [
        ["cni-recto", "Pièce d'identité (recto)"],
        ["cni-verso", "Pièce d'identité (verso)"],
        ["date-naissance", "Date de naissance"],
        ["adresse", "Adresse"],
        ["representant", "Représentant légal"],
      ],
    }),
    textareaField({
      id: "motif-correction",
      label: "Motif de la correction",
      hint: "Le volontaire lit ce texte tel quel.",
      attrs: { required: true },
    }),
    button("Transmettre la correction", { type: "submit" }),
  );
  const askCorrection = button(
    "Demander une correction",
    {
      id: "demander-correction",
      "aria-expanded": "false",
      "aria-controls": "formulaire-correction",
      on: {
        click: () => {
          correction.hidden = !correction.hidden;
          askCorrection.setAttribute(
            "aria-expanded",
            String(!correction.hidden),
          );
        },
      },
    },
    "secondary",
  );

  return view(
    `Dossier de ${fullName(v)}`,
    caseHeader(v, "dossier", fullName(v)),
    h("h2", null, "Identité"),
    details([
      ["Date de naissance", v.birthDate],
      ["Département", `${departmentOf(v.department).name} (${v.department})`],
      ["Courriel", emailOf(fullName(v))],
      ["Situation", "Lycéen(ne), seconde générale"],
    ]),
    h("h2", null, "Représentants légaux"),
    details([
      ["Représentant légal 1", v.parent],
      ["Consentement", v.parentConsent],
    ]),
    h("h2", null, "Pièce d'identité"),
    details([
      ["Type", "Carte nationale d'identité"],
      ["Fichiers", "recto.jpg (1,2 Mo), verso.jpg (1,1 Mo)"],
      ["Date d'expiration", "14 septembre 2031"],
    ]),
    h("h2", null, "Instruction du dossier"),
    buttonGroup(
      button("Valider le dossier", {
        id: "valider-dossier",
        on: {
          click: () =>
            result.say(
              `Démonstration : le dossier de ${fullName(v)} serait validé.`,
              "success",
            ),
        },
      }),
      askCorrection,
      button(
        "Refuser le dossier",
        {
          id: "refuser-dossier",
          on: {
            click: () =>
              result.say(
                "Démonstration : un motif de refus serait demandé.",
                "info",
              ),
          },
        },
        "danger",
      ),
    ),
    correction,
    result,
  );
};
