/** The moncompte demo's routes, below `/demo/moncompte` (patterns as in SNU-DOMAIN.md). */
import type { Route, RouteMatch } from "../shared/router.ts";
import type { Page, PageContext } from "./context.ts";
import { accountPage } from "./pages/account.ts";
import { helpPage, notFoundPage, privacyPage } from "./pages/help.ts";
import { homePage } from "./pages/home.ts";
import {
  coordinatesPage,
  consentPage,
  correctionDocumentsPage,
  documentsPage,
  eligibilityPage,
  representativesPage,
} from "./pages/inscription.ts";
import { parentConsentPage } from "./pages/parent.ts";
import { changeSejourPage, phase1Page } from "./pages/phase1.ts";
import { missionPage, missionsPage } from "./pages/missions.ts";
import {
  applicationsPage,
  equivalencePage,
  phase2Page,
} from "./pages/phase2.ts";

const PAGES: readonly [path: string, page: Page][] = [
  ["/", homePage],
  ["/preinscription/eligibilite", eligibilityPage],
  ["/inscription/coordonnee", coordinatesPage],
  ["/inscription/consentement", consentPage],
  ["/inscription/representants", representativesPage],
  ["/inscription/documents", documentsPage],
  ["/inscription/correction/documents", correctionDocumentsPage],
  ["/representants-legaux/consentement", parentConsentPage],
  ["/phase1", phase1Page],
  ["/changer-de-sejour", changeSejourPage],
  ["/phase2", phase2Page],
  ["/phase2/equivalence", equivalencePage],
  ["/mission", missionsPage],
  ["/mission/:id", missionPage],
  ["/candidature", applicationsPage],
  ["/account/:tab", accountPage],
  ["/besoin-d-aide", helpPage],
  ["/donnees-personnelles", privacyPage],
];

export type ContextOf = (match: RouteMatch) => PageContext;

/** Router routes: each page gets the current profile and navigation at render time. */
export function createRoutes(contextOf: ContextOf): {
  routes: Route[];
  notFound: Route["render"];
} {
  return {
    routes: PAGES.map(([path, page]) => ({
      path,
      render: (match) => page(contextOf(match)),
    })),
    notFound: (match) => notFoundPage(contextOf(match)),
  };
}
