/** Pre-registration and registration steps: `/preinscription/eligibilite`, `/inscription/:step`, correction. */
import { h, view, type Child } from "../../shared/dom.ts";
import { departmentOf } from "../../shared/geo.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  liveRegion,
  notice,
  stepper,
} from "../../shared/ui.ts";
import {
  checkbox,
  choiceGroup,
  inputField,
  selectField,
} from "../../shared/form-fields.ts";
import { to, type Page, type PageContext } from "../context.ts";
import { YOUNG } from "../profile.ts";
import { identityUpload } from "./identity-upload.ts";

/** A step form: submitting goes to `next` through the router (native validation runs first). */
function stepForm(
  context: PageContext,
  next: string,
  fields: Child[],
  submitLabel = "Continuer",
): HTMLFormElement {
  return h(
    "form",
    {
      class: "form",
      on: {
        submit: (event) => {
          event.preventDefault();
          context.navigate(next);
        },
      },
    },
    fields.length > 0
      ? h(
          "p",
          { class: "mention" },
          "Sauf mention contraire, tous les champs sont obligatoires.",
        )
      : null,
    fields,
    buttonGroup(button(submitLabel, { type: "submit" })),
  );
}

const crumbs = (current: string) =>
  breadcrumb([["Accueil", to("/")], ["Inscription"], [current]]);

export const eligibilityPage: Page = (context) =>
  view(
    "Vérifier mon éligibilité",
    breadcrumb([["Accueil", to("/")], ["Préinscription"], ["Éligibilité"]]),
    stepper(1, 2, "Choix du séjour"),
    h("h1", null, "Vérifier mon éligibilité"),
    h(
      "p",
      null,
      "Le SNU est ouvert aux jeunes de nationalité française âgés de 15 à 17 ans à la date du séjour.",
    ),
    stepForm(context, "/inscription/coordonnee", [
      inputField({
        id: "date-naissance",
        label: "Date de naissance",
        attrs: {
          type: "date",
          value: "2011-03-12",
          required: true,
          autocomplete: "bday",
        },
      }),
      selectField({
        id: "niveau-scolaire",
        label: "Niveau scolaire",
        value: "2nde",
        choices: [
          ["3eme", "3e"],
          ["2nde", "Seconde (générale, technologique ou professionnelle)"],
          ["1ere", "Première"],
          ["cap", "CAP"],
          ["non-scolarise", "Non scolarisé(e)"],
        ],
      }),
      choiceGroup({
        name: "scolarise-france",
        legend: "Êtes-vous scolarisé(e) en France ?",
        value: "oui",
        choices: [
          ["oui", "Oui"],
          ["non", "Non, je suis scolarisé(e) à l'étranger"],
        ],
      }),
      inputField({
        id: "code-postal-eligibilite",
        label: "Code postal de votre domicile",
        attrs: {
          value: "75011",
          inputmode: "numeric",
          autocomplete: "postal-code",
          required: true,
        },
      }),
    ]),
  );

export const coordinatesPage: Page = (context) =>
  view(
    "Mes coordonnées",
    crumbs("Coordonnées"),
    stepper(1, 4, "Consentement"),
    h("h1", null, "Mes coordonnées"),
    stepForm(context, "/inscription/consentement", [
      inputField({
        id: "prenom",
        label: "Prénom",
        attrs: {
          value: YOUNG.firstName,
          autocomplete: "given-name",
          required: true,
        },
      }),
      inputField({
        id: "nom",
        label: "Nom",
        attrs: {
          value: YOUNG.lastName,
          autocomplete: "family-name",
          required: true,
        },
      }),
      inputField({
        id: "courriel",
        label: "Courriel",
        hint: "Format attendu : nom@domaine.fr",
        attrs: {
          type: "email",
          value: YOUNG.email,
          autocomplete: "email",
          required: true,
        },
      }),
      inputField({
        id: "telephone",
        label: "Téléphone",
        hint: "Facultatif",
        attrs: { type: "tel", autocomplete: "tel" },
      }),
      inputField({
        id: "adresse",
        label: "Adresse du domicile",
        attrs: {
          value: "12 rue des Tilleuls",
          autocomplete: "street-address",
          required: true,
        },
      }),
      inputField({
        id: "ville",
        label: "Ville",
        attrs: {
          value: departmentOf(context.profile.department).name,
          autocomplete: "address-level2",
          required: true,
        },
      }),
      choiceGroup({
        name: "situation",
        legend: "Votre situation",
        value: "lycee",
        choices: [
          ["lycee", "Lycéen(ne)"],
          ["apprenti", "Apprenti(e)"],
          ["emploi", "En emploi"],
          ["autre", "Autre situation"],
        ],
      }),
    ]),
  );

export const consentPage: Page = (context) =>
  view(
    "Mon consentement",
    crumbs("Consentement"),
    stepper(2, 4, "Représentants légaux"),
    h("h1", null, "Mon consentement"),
    h(
      "p",
      null,
      `Pour participer au séjour ${context.profile.cohort}, vous vous engagez à :`,
    ),
    stepForm(context, "/inscription/representants", [
      checkbox(
        "engagement-sejour",
        "participer à la totalité du séjour de cohésion et respecter le règlement intérieur du centre ;",
        { required: true },
      ),
      checkbox(
        "engagement-mission",
        "réaliser une mission d'intérêt général de 84 heures dans l'année qui suit le séjour ;",
        { required: true },
      ),
      checkbox(
        "engagement-exactitude",
        "fournir des informations exactes et à jour.",
        { required: true },
      ),
      notice(
        "info",
        "Et ensuite ?",
        "Vos représentants légaux recevront un e-mail pour donner à leur tour leur consentement.",
      ),
    ]),
  );

export const representativesPage: Page = (context) => {
  const sent = liveRegion();
  return view(
    "Mes représentants légaux",
    crumbs("Représentants légaux"),
    stepper(3, 4, "Pièce d'identité"),
    h("h1", null, "Mes représentants légaux"),
    stepForm(context, "/inscription/documents", [
      h("h2", null, "Représentant légal 1"),
      selectField({
        id: "rl1-lien",
        label: "Lien avec vous",
        value: "mere",
        choices: [
          ["mere", "Mère"],
          ["pere", "Père"],
          ["tuteur", "Tuteur ou tutrice"],
        ],
      }),
      inputField({
        id: "rl1-prenom",
        label: "Prénom du représentant légal 1",
        attrs: { value: "Sandrine", required: true },
      }),
      inputField({
        id: "rl1-nom",
        label: "Nom du représentant légal 1",
        attrs: { value: "Martin", required: true },
      }),
      inputField({
        id: "rl1-courriel",
        label: "Courriel du représentant légal 1",
        hint: "Le lien de consentement est envoyé à cette adresse.",
        attrs: {
          type: "email",
          value: "sandrine.martin@example.fr",
          required: true,
        },
      }),
      button(
        "Renvoyer le lien de consentement",
        {
          on: {
            click: () =>
              sent.say(
                "Lien renvoyé à sandrine.martin@example.fr (démonstration : aucun e-mail n'est envoyé).",
                "success",
              ),
          },
        },
        "secondary",
      ),
      sent,
      checkbox("rl2-present", "J'ai un second représentant légal (facultatif)"),
    ]),
  );
};

export const documentsPage: Page = (context) =>
  view(
    "Ma pièce d'identité",
    crumbs("Documents"),
    stepper(4, 4),
    h("h1", null, "Ma pièce d'identité"),
    h(
      "p",
      null,
      "Carte nationale d'identité ou passeport, en cours de validité à la date du séjour.",
    ),
    selectField({
      id: "type-piece",
      label: "Type de pièce d'identité",
      value: "cni",
      choices: [
        ["cni", "Carte nationale d'identité"],
        ["passeport", "Passeport"],
      ],
    }),
    identityUpload(),
    stepForm(context, "/", [], "Terminer mon inscription"),
  );

export const correctionDocumentsPage: Page = (context) =>
  view(
    "Corriger ma pièce d'identité",
    breadcrumb([["Accueil", to("/")], ["Corrections"], ["Pièce d'identité"]]),
    h("h1", null, "Corriger ma pièce d'identité"),
    notice(
      "warning",
      "Correction demandée par votre référent départemental",
      "« Le recto de la pièce d'identité est flou : les dates ne sont pas lisibles. »",
    ),
    identityUpload(),
    stepForm(context, "/", [], "Valider ma correction"),
  );
