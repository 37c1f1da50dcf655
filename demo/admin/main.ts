/** Entry of the admin demo: queue stub first, then profile switcher, layout and router. */
import { ensureSnuHelpStub, snuHelp } from "../shared/snu-help.ts";
import { createLayout } from "../shared/layout.ts";
import {
  createProfileSwitcher,
  type ProfileValues,
} from "../shared/profile-switcher.ts";
import { createRouter } from "../shared/router.ts";
import { BASE_PATH, to } from "./context.ts";
import {
  DEFAULTS,
  FIELDS,
  identityOf,
  ROLES,
  scopeOf,
  STORAGE_KEY,
  toProfile,
  type AdminProfile,
} from "./profile.ts";
import { createRoutes } from "./routes.ts";

ensureSnuHelpStub();

const root = document.getElementById("app");
if (!root) throw new Error("#app manquant");

let profile: AdminProfile = toProfile(DEFAULTS);

const switcher = createProfileSwitcher({
  storageKey: STORAGE_KEY,
  fields: FIELDS,
  defaults: DEFAULTS,
  describe: (values: ProfileValues) => {
    const identity = identityOf(toProfile(values));
    return `Identité transmise au widget (identify) : ${identity.role} · ${identity.department ?? "national"} · ${identity.cohort}`;
  },
  onChange: (values) => {
    apply(values);
    router.refresh();
  },
});

const section =
  (...prefixes: string[]) =>
  (path: string) =>
    prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

const layout = createLayout(root, {
  nav: "side",
  platformLabel: "Administration",
  homeHref: to("/dashboard"),
  demoBar: switcher.element,
  items: [
    {
      label: "Tableau de bord",
      href: to("/dashboard"),
      section: section("/dashboard"),
    },
    {
      label: "Inscriptions",
      href: to("/inscription"),
      section: section("/inscription"),
    },
    {
      label: "Volontaires",
      href: to("/volontaire"),
      section: section("/volontaire"),
    },
    {
      label: "Centres",
      href: to("/centre"),
      section: section("/centre", "/ligne-de-bus"),
    },
    {
      label: "Missions",
      href: to("/mission"),
      section: section("/mission", "/structure", "/user"),
    },
    {
      label: "Besoin d'aide",
      href: to("/besoin-d-aide"),
      section: section("/besoin-d-aide"),
    },
  ],
});

function apply(values: ProfileValues): void {
  profile = toProfile(values);
  snuHelp("identify", identityOf(profile));
  const { name, label } = ROLES[profile.role];
  layout.setUser(`${name} — ${label}, périmètre ${scopeOf(profile)}`);
}

const { routes, notFound } = createRoutes((match) => ({
  match,
  profile,
  navigate: (path) => router.navigate(path),
}));

const router = createRouter({
  basePath: BASE_PATH,
  routes,
  notFound,
  outlet: layout.main,
  titleSuffix: "Admin SNU",
  onRender: (match) => layout.setCurrent(match.path),
});

// The back office has no home of its own: `/demo/admin/` shows the dashboard's address.
const path = window.location.pathname.replace(/\/+$/, "");
if (path.toLowerCase() === BASE_PATH)
  window.history.replaceState(
    null,
    "",
    to("/dashboard") + window.location.search,
  );

apply(switcher.values());
router.start();
