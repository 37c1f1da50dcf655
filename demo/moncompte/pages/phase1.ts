/** `/phase1` (affectation, meeting point, convocation) and `/changer-de-sejour`. */
import { h, view } from "../../shared/dom.ts";
import { COHORTS, departmentOf } from "../../shared/geo.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  details,
  liveRegion,
  notice,
} from "../../shared/ui.ts";
import { choiceGroup, selectField } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import { CENTRE, MEETING_POINTS, SEJOUR_DATES } from "../data.ts";

export const phase1Page: Page = ({ profile }) => {
  const affected = profile.status === "AFFECTED" || profile.status === "DONE";
  const point = MEETING_POINTS[profile.department] ?? MEETING_POINTS["75"];
  const dates = SEJOUR_DATES[profile.cohort] ?? "";
  const convocation = liveRegion();
  let confirmed = false;

  const affectation = affected
    ? [
        notice(
          "success",
          "Vous êtes affecté(e)",
          `Séjour ${profile.cohort}, ${dates}.`,
        ),
        details([
          ["Centre", CENTRE.name],
          ["Adresse du centre", CENTRE.address],
          ["Séjour", `${profile.cohort} — ${dates}`],
        ]),
      ]
    : [
        notice(
          "info",
          "Vous n'êtes pas encore affecté(e)",
          `Votre centre sera connu au plus tard trois semaines avant le séjour ${profile.cohort}. Vous recevrez un e-mail.`,
        ),
      ];

  return view(
    "Phase 1",
    breadcrumb([["Accueil", to("/")], ["Phase 1 : séjour de cohésion"]]),
    h("h1", null, "Mon séjour de cohésion"),
    affectation,
    h(
      "section",
      {
        id: "point-de-rassemblement",
        "aria-labelledby": "titre-point-de-rassemblement",
      },
      h("h2", { id: "titre-point-de-rassemblement" }, "Point de rassemblement"),
      affected && point
        ? details([
            ["Lieu", point.place],
            ["Adresse", point.address],
            ["Rendez-vous", `Premier jour du séjour à ${point.time}`],
            ["Ligne de bus", point.busLine],
          ])
        : h(
            "p",
            null,
            `Le point de rassemblement (${departmentOf(profile.department).name}) vous sera communiqué avec votre affectation.`,
          ),
    ),
    h(
      "section",
      { "aria-labelledby": "titre-convocation" },
      h("h2", { id: "titre-convocation" }, "Ma convocation"),
      h(
        "p",
        null,
        "La convocation est disponible une fois votre participation confirmée.",
      ),
      buttonGroup(
        button("Confirmer ma participation", {
          id: "confirmer-participation",
          on: {
            click: () => {
              if (!affected)
                return convocation.say(
                  "Vous pourrez confirmer votre participation après votre affectation.",
                  "error",
                );
              confirmed = true;
              convocation.say(
                "Participation confirmée. Vous pouvez télécharger votre convocation.",
                "success",
              );
            },
          },
        }),
        button(
          "Télécharger ma convocation",
          {
            id: "telecharger-convocation",
            on: {
              click: () =>
                confirmed
                  ? convocation.say(
                      "Démonstration : la convocation (PDF) serait téléchargée ici.",
                      "success",
                    )
                  : convocation.say(
                      "Confirmez d'abord votre participation pour télécharger votre convocation.",
                      "error",
                    ),
            },
          },
          "secondary",
        ),
      ),
      convocation,
    ),
    h(
      "section",
      { "aria-labelledby": "titre-trousseau" },
      h("h2", { id: "titre-trousseau" }, "Mon trousseau"),
      h(
        "ul",
        null,
        h(
          "li",
          null,
          "Pièce d'identité originale et carte Vitale (ou attestation)",
        ),
        h("li", null, "Tenue de sport, chaussures fermées, vêtements de pluie"),
        h(
          "li",
          null,
          "Nécessaire de toilette, serviette, draps non fournis selon les centres",
        ),
      ),
    ),
    h(
      "p",
      null,
      h(
        "a",
        { href: to("/changer-de-sejour") },
        "Je ne suis plus disponible : changer de séjour",
      ),
    ),
  );
};

export const changeSejourPage: Page = ({ profile }) => {
  const result = liveRegion();
  const others = COHORTS.filter((c) => c !== profile.cohort);
  const form = h(
    "form",
    {
      class: "form",
      on: {
        submit: (event) => {
          event.preventDefault();
          const chosen = new FormData(form).get("nouveau-sejour");
          result.say(
            chosen
              ? `Démonstration : votre demande de passage au séjour ${String(chosen)} serait enregistrée.`
              : "Choisissez un séjour avant de confirmer.",
            chosen ? "success" : "error",
          );
        },
      },
    },
    choiceGroup({
      name: "nouveau-sejour",
      legend: "Séjours ouverts dans votre département",
      choices: others.map((c) => [c, `${c} — ${SEJOUR_DATES[c] ?? ""}`]),
    }),
    selectField({
      id: "motif-changement",
      label: "Motif du changement",
      choices: [
        ["scolaire", "Examen ou obligation scolaire"],
        ["sante", "Raison de santé"],
        ["familial", "Raison familiale"],
        ["autre", "Autre motif"],
      ],
    }),
    buttonGroup(button("Confirmer le changement", { type: "submit" })),
    result,
  );
  return view(
    "Changer de séjour",
    breadcrumb([
      ["Accueil", to("/")],
      ["Phase 1", to("/phase1")],
      ["Changer de séjour"],
    ]),
    h("h1", null, "Changer de séjour"),
    h(
      "p",
      null,
      `Séjour actuel : ${profile.cohort} (${SEJOUR_DATES[profile.cohort] ?? ""}).`,
    ),
    notice(
      "warning",
      "À savoir avant de changer",
      "Votre affectation actuelle sera annulée. Sur le nouveau séjour, vous pouvez être placé(e) sur liste complémentaire si les places sont prises.",
    ),
    form,
  );
};
