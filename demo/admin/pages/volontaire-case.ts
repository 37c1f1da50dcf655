/** What the three pages of a volunteer's case file share: name, heading with status and tabs, lookup. */
import { h, type Child } from "../../shared/dom.ts";
import { breadcrumb, tabLinks } from "../../shared/ui.ts";
import { to, type PageContext } from "../context.ts";
import { VOLUNTEERS, type Volunteer } from "../data.ts";
import { caseBadge, findById, phase1Badge } from "./common.ts";

/** « Léa Bonnet ». */
export const fullName = (v: Volunteer) => `${v.firstName} ${v.lastName}`;

/** Heading, status and tabs shared by the three pages of a case file. */
export function caseHeader(
  v: Volunteer,
  current: "dossier" | "phase1" | "phase2",
  title: string,
): Child[] {
  const base = `/volontaire/${v.id}`;
  return [
    breadcrumb([["Volontaires", to("/volontaire")], [fullName(v)]]),
    h("h1", null, title),
    h(
      "p",
      null,
      caseBadge(v.status),
      " ",
      phase1Badge(v.phase1),
      " ",
      `Séjour ${v.cohort}`,
    ),
    tabLinks("Sections du dossier", [
      { label: "Dossier", href: to(base), current: current === "dossier" },
      {
        label: "Phase 1",
        href: to(`${base}/phase1`),
        current: current === "phase1",
      },
      {
        label: "Phase 2",
        href: to(`${base}/phase2`),
        current: current === "phase2",
      },
    ]),
  ];
}

/** The volunteer of `/volontaire/:id` (a stable fake one for an unknown well-formed id). */
export function volunteerOf(context: PageContext): Volunteer | undefined {
  return findById(VOLUNTEERS, context.match.params.id);
}
