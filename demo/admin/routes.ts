/** The admin demo's routes, below `/demo/admin` (patterns as in SNU-DOMAIN.md). */
import type { Route, RouteMatch } from "../shared/router.ts";
import type { Page, PageContext } from "./context.ts";
import { busLinePage, centreSessionPage, centresPage } from "./pages/centre.ts";
import { dashboardPage, inscriptionPage } from "./pages/dashboard.ts";
import { helpPage, notFoundPage } from "./pages/help.ts";
import {
  classePage,
  missionPage,
  missionsPage,
  structurePage,
  userPage,
} from "./pages/mission.ts";
import { volunteersPage } from "./pages/volontaire.ts";
import { volunteerPage } from "./pages/volontaire-dossier.ts";
import {
  volunteerPhase1Page,
  volunteerPhase2Page,
} from "./pages/volontaire-phases.ts";

const PAGES: readonly [path: string, page: Page][] = [
  ["/dashboard", dashboardPage],
  ["/inscription", inscriptionPage],
  ["/volontaire", volunteersPage],
  ["/volontaire/:id", volunteerPage],
  ["/volontaire/:id/phase1", volunteerPhase1Page],
  ["/volontaire/:id/phase2", volunteerPhase2Page],
  ["/centre", centresPage],
  ["/centre/:id/:sessionId/:tab", centreSessionPage],
  ["/ligne-de-bus/:id", busLinePage],
  ["/mission", missionsPage],
  ["/mission/:id", missionPage],
  ["/structure/:id", structurePage],
  ["/user/:id", userPage],
  ["/classes/:id", classePage],
  ["/besoin-d-aide", helpPage],
];

/** Router routes: each page gets the current profile and navigation at render time. */
export function createRoutes(contextOf: (match: RouteMatch) => PageContext): {
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
