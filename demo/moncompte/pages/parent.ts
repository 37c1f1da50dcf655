/**
 * `/representants-legaux/consentement?token=…`: the page a parent opens from the e-mailed link, without
 * an account. The token only proves the link is present here; the widget must never send it.
 */
import { h, view } from "../../shared/dom.ts";
import {
  button,
  buttonGroup,
  details,
  liveRegion,
  notice,
} from "../../shared/ui.ts";
import { checkbox, choiceGroup } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import { SEJOUR_DATES } from "../data.ts";
import { YOUNG } from "../profile.ts";

export const parentConsentPage: Page = ({ match, profile }) => {
  const young = `${YOUNG.firstName} ${YOUNG.lastName}`;
  if (!match.url.searchParams.get("token")) {
    return view(
      "Lien invalide",
      h("h1", null, "Ce lien n'est plus valide"),
      notice(
        "error",
        "Lien invalide ou expiré",
        "Demandez au jeune de vous renvoyer le lien de consentement depuis son inscription.",
      ),
      h("p", null, h("a", { href: to("/besoin-d-aide") }, "Obtenir de l'aide")),
    );
  }

  const result = liveRegion();
  const form = h(
    "form",
    {
      class: "form",
      on: {
        submit: (event) => {
          event.preventDefault();
          const answer = new FormData(form).get("accord-participation");
          if (answer === null) {
            result.say(
              "Indiquez si vous autorisez la participation avant de valider.",
              "error",
            );
            return;
          }
          result.say(
            answer === "oui"
              ? `Merci, votre accord pour ${YOUNG.firstName} est enregistré (démonstration).`
              : "Votre refus est enregistré (démonstration). Le jeune en sera informé.",
            "success",
          );
        },
      },
    },
    choiceGroup({
      name: "accord-participation",
      legend: `Autorisez-vous ${young} à participer au Service National Universel ?`,
      choices: [
        ["oui", "Oui, je donne mon accord"],
        ["non", "Non, je refuse"],
      ],
    }),
    checkbox(
      "autorite-parentale",
      "J'atteste exercer l'autorité parentale sur ce jeune.",
      { required: true },
    ),
    checkbox(
      "droit-image",
      "J'autorise l'utilisation de son image pour la communication du SNU (facultatif).",
    ),
    buttonGroup(button("Valider mon consentement", { type: "submit" })),
    result,
  );

  return view(
    "Consentement du représentant légal",
    h("h1", null, `Consentement à la participation de ${young}`),
    h(
      "p",
      { class: "lead" },
      `Vous êtes représentant légal de ${young}, qui souhaite participer au séjour de cohésion ${profile.cohort}.`,
    ),
    details([
      ["Jeune", young],
      ["Date de naissance", "12 mars 2011"],
      ["Séjour", `${profile.cohort} — ${SEJOUR_DATES[profile.cohort] ?? ""}`],
    ]),
    form,
  );
};
