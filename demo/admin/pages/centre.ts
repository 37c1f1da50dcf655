/** Centres: `/centre`, `/centre/:id/:sessionId/:tab` (general, tableau-de-pointage, fiche-sanitaire), `/ligne-de-bus/:id`. */
import { h, view, type Child } from "../../shared/dom.ts";
import { isObjectId } from "../../shared/ids.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  details,
  liveRegion,
  table,
  tabLinks,
} from "../../shared/ui.ts";
import { select } from "../../shared/form-fields.ts";
import { to, type Page } from "../context.ts";
import {
  BUS_LINES,
  CENTRES,
  VOLUNTEERS,
  type Centre,
  type Session,
} from "../data.ts";
import { findById } from "./common.ts";
import { notFoundPage } from "./help.ts";

const TABS = [
  ["general", "Général"],
  ["tableau-de-pointage", "Tableau de pointage"],
  ["fiche-sanitaire", "Fiches sanitaires"],
] as const;

type Tab = (typeof TABS)[number][0];

/** Volunteers shown in a session's tables (the demo has few: every affected one). */
const sessionVolunteers = VOLUNTEERS.filter(
  (v) => v.phase1 !== "WAITING_AFFECTATION",
);

export const centresPage: Page = () =>
  view(
    "Centres",
    h("h1", null, "Centres"),
    table({
      caption: "Centres et séjours",
      columns: ["Centre", "Lieu", "Chef de centre", "Séjours"],
      rows: CENTRES.map((centre) => [
        centre.name,
        centre.place,
        centre.head,
        h(
          "ul",
          null,
          centre.sessions.map((s) =>
            h(
              "li",
              null,
              h(
                "a",
                { href: to(`/centre/${centre.id}/${s.id}/general`) },
                `${s.cohort} (${s.filled}/${s.places} places)`,
              ),
            ),
          ),
        ),
      ]),
    }),
  );

function tabContent(tab: Tab, centre: Centre, session: Session): Child[] {
  const result = liveRegion();
  const presence = (label: string, name: string) =>
    select(
      undefined,
      [
        ["", "Non renseigné"],
        ["present", "Présent"],
        ["absent", "Absent"],
      ],
      "",
      { "aria-label": `${label} — ${name}` },
    );
  switch (tab) {
    case "general":
      return [
        details([
          ["Centre", centre.name],
          ["Lieu", centre.place],
          ["Chef de centre", centre.head],
          ["Séjour", `${session.cohort}, du ${session.dates}`],
          ["Places", `${session.filled} occupées sur ${session.places}`],
        ]),
        h("h2", null, "Transport"),
        h(
          "ul",
          null,
          BUS_LINES.map((line) =>
            h(
              "li",
              null,
              h(
                "a",
                { href: to(`/ligne-de-bus/${line.id}`) },
                `Ligne ${line.code}`,
              ),
            ),
          ),
        ),
      ];
    case "tableau-de-pointage":
      return [
        h(
          "p",
          null,
          "Le pointage de l'arrivée débloque la suite du parcours : un volontaire non pointé ne peut pas valider sa phase 1.",
        ),
        table({
          id: "tableau-de-pointage",
          caption: `Pointage des volontaires — ${session.cohort}`,
          columns: [
            "Volontaire",
            "Ligne de bus",
            "Présence à l'arrivée",
            "Journée défense et mémoire",
            "Départ",
          ],
          rows: sessionVolunteers.map((v) => {
            const name = `${v.firstName} ${v.lastName}`;
            return [
              h("a", { href: to(`/volontaire/${v.id}/phase1`) }, name),
              BUS_LINES[0]!.code,
              presence("Présence à l'arrivée", name),
              presence("Journée défense et mémoire", name),
              select(
                undefined,
                [
                  ["", "Non renseigné"],
                  ["fin", "Fin de séjour"],
                  ["anticipe", "Départ anticipé"],
                ],
                "",
                { "aria-label": `Départ — ${name}` },
              ),
            ];
          }),
        }),
        buttonGroup(
          button("Enregistrer le pointage", {
            on: {
              click: () =>
                result.say(
                  "Démonstration : le pointage serait enregistré.",
                  "success",
                ),
            },
          }),
        ),
        result,
      ];
    case "fiche-sanitaire":
      return [
        table({
          caption: "Fiches sanitaires",
          columns: ["Volontaire", "Fiche reçue", "Traitement ou PAI"],
          rows: sessionVolunteers.map((v, i) => {
            const name = `${v.firstName} ${v.lastName}`;
            return [
              name,
              select(
                undefined,
                [
                  ["oui", "Oui"],
                  ["non", "Non"],
                ],
                i === 1 ? "non" : "oui",
                { "aria-label": `Fiche reçue — ${name}` },
              ),
              i === 0 ? "PAI alimentaire" : "Aucun",
            ];
          }),
        }),
        h(
          "p",
          { class: "mention" },
          "Données de santé : consultation réservée au chef de centre et au référent sanitaire.",
        ),
      ];
  }
}

export const centreSessionPage: Page = (context) => {
  const { id, sessionId, tab: tabParam } = context.match.params;
  const centre = findById(CENTRES, id);
  const tab = TABS.find(([t]) => t === tabParam?.toLowerCase());
  if (!centre || !tab || !sessionId || !isObjectId(sessionId))
    return notFoundPage(context);
  const session =
    centre.sessions.find((s) => s.id === sessionId) ?? centre.sessions[0]!;
  const base = `/centre/${id}/${sessionId}`;
  return view(
    `${tab[1]} — ${centre.name}`,
    breadcrumb([["Centres", to("/centre")], [centre.name]]),
    h("h1", null, `${centre.name} — ${session.cohort}`),
    tabLinks(
      "Onglets du séjour",
      TABS.map(([t, label]) => ({
        label,
        href: to(`${base}/${t}`),
        current: t === tab[0],
      })),
    ),
    h("h2", null, tab[1]),
    tabContent(tab[0], centre, session),
  );
};

export const busLinePage: Page = (context) => {
  const line = findById(BUS_LINES, context.match.params.id);
  if (!line) return notFoundPage(context);
  const centre = CENTRES.find((c) => c.id === line.centreId) ?? CENTRES[0]!;
  const result = liveRegion();
  return view(
    `Ligne ${line.code}`,
    breadcrumb([["Centres", to("/centre")], [`Ligne ${line.code}`]]),
    h("h1", null, `Ligne de bus ${line.code}`),
    details([
      ["Transporteur", line.carrier],
      [
        "Destination",
        h(
          "a",
          { href: to(`/centre/${centre.id}/${line.sessionId}/general`) },
          centre.name,
        ),
      ],
      ["Places", `${line.booked} réservées sur ${line.seats}`],
    ]),
    table({
      caption: "Points de rassemblement",
      columns: ["Point de rassemblement", "Adresse", "Aller", "Retour"],
      rows: line.stops.map(([place, address, out, back]) => [
        place,
        address,
        out,
        back,
      ]),
    }),
    buttonGroup(
      button(
        "Demander une modification",
        {
          on: {
            click: () =>
              result.say(
                "Démonstration : la demande irait au référent régional et au transporteur.",
              ),
          },
        },
        "secondary",
      ),
    ),
    result,
  );
};
