/** Missions and host organisations: `/mission`, `/mission/:id`, `/structure/:id`, `/user/:id`, `/classes/:id`. */
import { h, view } from "../../shared/dom.ts";
import {
  breadcrumb,
  button,
  buttonGroup,
  details,
  liveRegion,
  table,
} from "../../shared/ui.ts";
import { to, type Page } from "../context.ts";
import { CLASSE, MISSIONS, STRUCTURES, USERS } from "../data.ts";
import { emailOf } from "../profile.ts";
import { findById, missionBadge } from "./common.ts";
import { notFoundPage } from "./help.ts";

const structureName = (id: string) =>
  STRUCTURES.find((s) => s.id === id)?.name ?? "Structure";

export const missionsPage: Page = () =>
  view(
    "Missions",
    h("h1", null, "Missions"),
    table({
      caption: "Missions d'intérêt général",
      columns: ["Mission", "Structure", "Lieu", "Statut", "Places"],
      rows: MISSIONS.map((m) => [
        h("a", { href: to(`/mission/${m.id}`) }, m.title),
        h(
          "a",
          { href: to(`/structure/${m.structureId}`) },
          structureName(m.structureId),
        ),
        m.place,
        missionBadge(m.status),
        String(m.places),
      ]),
    }),
  );

export const missionPage: Page = (context) => {
  const mission = findById(MISSIONS, context.match.params.id);
  if (!mission) return notFoundPage(context);
  const result = liveRegion();
  return view(
    mission.title,
    breadcrumb([["Missions", to("/mission")], [mission.title]]),
    h("h1", null, mission.title),
    h("p", null, missionBadge(mission.status)),
    details([
      [
        "Structure",
        h(
          "a",
          { href: to(`/structure/${mission.structureId}`) },
          structureName(mission.structureId),
        ),
      ],
      ["Lieu", mission.place],
      ["Dates", mission.dates],
      ["Places", String(mission.places)],
      ["Candidatures", String(mission.applications)],
    ]),
    h("h2", null, "Modération"),
    buttonGroup(
      button("Valider la mission", {
        id: "valider-mission",
        on: {
          click: () =>
            result.say("Démonstration : la mission serait publiée.", "success"),
        },
      }),
      button(
        "Demander des modifications",
        {
          on: {
            click: () =>
              result.say(
                "Démonstration : un message serait envoyé à la structure.",
              ),
          },
        },
        "secondary",
      ),
      button(
        "Refuser la mission",
        {
          on: {
            click: () =>
              result.say("Démonstration : un motif de refus serait demandé."),
          },
        },
        "danger",
      ),
    ),
    result,
  );
};

export const structurePage: Page = (context) => {
  const structure = findById(STRUCTURES, context.match.params.id);
  if (!structure) return notFoundPage(context);
  const result = liveRegion();
  const members = USERS.filter((u) => structure.memberIds.includes(u.id));
  return view(
    structure.name,
    breadcrumb([["Missions", to("/mission")], [structure.name]]),
    h("h1", null, structure.name),
    details([
      ["Statut juridique", structure.kind],
      ["Lieu", structure.place],
      ["Réseau", structure.network],
    ]),
    table({
      caption: "Équipe",
      columns: ["Membre", "Rôle", "Dernière connexion"],
      rows: members.map((u) => [
        h("a", { href: to(`/user/${u.id}`) }, u.name),
        u.role,
        u.lastLogin,
      ]),
    }),
    h("h2", null, "Missions de la structure"),
    h(
      "ul",
      null,
      MISSIONS.filter((m) => m.structureId === structure.id).map((m) =>
        h(
          "li",
          null,
          h("a", { href: to(`/mission/${m.id}`) }, m.title),
          " ",
          missionBadge(m.status),
        ),
      ),
    ),
    buttonGroup(
      button(
        "Inviter un membre",
        {
          on: {
            click: () =>
              result.say(
                "Démonstration : le formulaire d'invitation s'ouvrirait ici.",
              ),
          },
        },
        "secondary",
      ),
    ),
    result,
  );
};

export const userPage: Page = (context) => {
  const user = findById(USERS, context.match.params.id);
  if (!user) return notFoundPage(context);
  const result = liveRegion();
  return view(
    user.name,
    h("h1", null, user.name),
    details([
      ["Rôle", user.role],
      ["Périmètre", user.scope],
      ["Courriel", emailOf(user.name)],
      ["Dernière connexion", user.lastLogin],
      [
        "Invitation",
        user.invitationPending ? "Envoyée, pas encore acceptée" : "Acceptée",
      ],
    ]),
    buttonGroup(
      button(
        "Renvoyer l'invitation",
        {
          on: {
            click: () =>
              result.say(
                `Démonstration : une nouvelle invitation serait envoyée à ${emailOf(user.name)}.`,
                "success",
              ),
          },
        },
        "secondary",
      ),
    ),
    result,
  );
};

export const classePage: Page = (context) => {
  if (!findById([CLASSE], context.match.params.id))
    return notFoundPage(context);
  const result = liveRegion();
  return view(
    `Classe ${CLASSE.name}`,
    h("h1", null, `Classe engagée ${CLASSE.name}`),
    details([
      ["Établissement", CLASSE.school],
      ["Séjour", CLASSE.cohort],
    ]),
    table({
      caption: "Élèves",
      columns: ["Élève", "Consentement"],
      rows: CLASSE.students.map(([name, state]) => [name, state]),
    }),
    buttonGroup(
      button("Déclarer la classe vérifiée", {
        on: {
          click: () =>
            result.say(
              "Démonstration : la classe serait déclarée vérifiée.",
              "success",
            ),
        },
      }),
    ),
    result,
  );
};
