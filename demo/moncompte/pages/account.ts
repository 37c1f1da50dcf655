/** `/account/:tab`: the young person's account (general, representants, password, withdrawn). */
import { h, view, type Child } from "../../shared/dom.ts";
import { departmentOf } from "../../shared/geo.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  details,
  liveRegion,
  notice,
  tabLinks,
} from "../../shared/ui.ts";
import { inputField, selectField } from "../../shared/form-fields.ts";
import { to, type Page, type PageContext } from "../context.ts";
import { statusLabel, YOUNG } from "../profile.ts";
import { notFoundPage } from "./help.ts";

const TABS = [
  ["general", "Général"],
  ["representants", "Représentants légaux"],
  ["password", "Mot de passe"],
  ["withdrawn", "Se désister"],
] as const;

type Tab = (typeof TABS)[number][0];

function tabContent(tab: Tab, { profile }: PageContext): Child[] {
  const result = liveRegion();
  const saved = (text: string) => ({
    on: { click: () => result.say(text, "success") },
  });
  switch (tab) {
    case "general":
      return [
        details([
          ["Prénom et nom", `${YOUNG.firstName} ${YOUNG.lastName}`],
          ["Courriel", YOUNG.email],
          [
            "Département",
            `${departmentOf(profile.department).name} (${profile.department})`,
          ],
          ["Séjour", profile.cohort],
          ["Statut du dossier", statusLabel(profile.status)],
        ]),
        notice(
          "info",
          "Vous déménagez ?",
          "Modifiez votre adresse avant votre affectation : elle détermine votre point de rassemblement.",
        ),
        inputField({
          id: "compte-adresse",
          label: "Adresse du domicile",
          attrs: {
            value: "12 rue des Tilleuls",
            autocomplete: "street-address",
          },
        }),
        buttonGroup(
          button(
            "Enregistrer",
            saved("Démonstration : vos informations seraient enregistrées."),
          ),
        ),
        result,
      ];
    case "representants":
      return [
        details([
          ["Représentant légal 1", "Sandrine Martin (mère)"],
          ["Courriel", "sandrine.martin@example.fr"],
          ["Consentement", "Donné le 4 mars 2027"],
        ]),
        buttonGroup(
          button(
            "Renvoyer le lien de consentement",
            saved("Démonstration : le lien serait renvoyé."),
            "secondary",
          ),
        ),
        result,
      ];
    case "password":
      return [
        inputField({
          id: "mdp-actuel",
          label: "Mot de passe actuel",
          attrs: { type: "password", autocomplete: "current-password" },
        }),
        inputField({
          id: "mdp-nouveau",
          label: "Nouveau mot de passe",
          hint: "12 caractères au moins, dont une majuscule, un chiffre et un caractère spécial.",
          attrs: { type: "password", autocomplete: "new-password" },
        }),
        buttonGroup(
          button(
            "Modifier mon mot de passe",
            saved("Démonstration : le mot de passe serait modifié."),
          ),
        ),
        result,
      ];
    case "withdrawn":
      return [
        notice(
          "warning",
          "Se désister est définitif pour ce séjour",
          "Votre place sera proposée à un jeune sur liste complémentaire.",
        ),
        selectField({
          id: "motif-desistement",
          label: "Motif du désistement",
          choices: [
            ["indisponible", "Je ne suis plus disponible"],
            ["sante", "Raison de santé"],
            ["autre", "Autre motif"],
          ],
        }),
        buttonGroup(
          button(
            "Me désister",
            saved("Démonstration : votre désistement serait enregistré."),
            "danger",
          ),
        ),
        result,
      ];
  }
}

export const accountPage: Page = (context) => {
  const tab = TABS.find(
    ([id]) => id === context.match.params.tab?.toLowerCase(),
  );
  if (!tab) return notFoundPage(context);
  return view(
    `Mon compte — ${tab[1]}`,
    breadcrumb([["Accueil", to("/")], ["Mon compte"]]),
    h("h1", null, "Mon compte"),
    tabLinks(
      "Rubriques du compte",
      TABS.map(([id, label]) => ({
        label,
        href: to(`/account/${id}`),
        current: id === tab[0],
      })),
    ),
    h("h2", null, tab[1]),
    tabContent(tab[0], context),
  );
};
