/** Entry of the moncompte demo: queue stub first, then profile switcher, layout and router. */
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
  STORAGE_KEY,
  toProfile,
  YOUNG,
  type MoncompteProfile,
} from "./profile.ts";
import { createRoutes } from "./routes.ts";

ensureSnuHelpStub();

const root = document.getElementById("app");
if (!root) throw new Error("#app manquant");

let profile: MoncompteProfile = toProfile(DEFAULTS);

const describe = (values: ProfileValues) => {
  const identity = identityOf(toProfile(values));
  return identity
    ? `Identité transmise au widget (identify) : ${identity.role} · ${identity.status} · ${identity.department} · ${identity.cohort}`
    : "Parent sans compte : aucune identité transmise au widget.";
};

const switcher = createProfileSwitcher({
  storageKey: STORAGE_KEY,
  fields: FIELDS,
  defaults: DEFAULTS,
  isDisabled: (name, values) => values.role === "parent" && name !== "role",
  describe,
  onChange: (values, previous) => {
    // identify has no "forget": a fresh page is the honest way to become an anonymous parent.
    if (values.role === "parent" && previous.role !== "parent") {
      window.location.reload();
      return;
    }
    apply(values);
    router.refresh();
  },
});

const layout = createLayout(root, {
  nav: "top",
  platformLabel: "Mon compte",
  homeHref: to("/"),
  demoBar: switcher.element,
  items: [
    { label: "Accueil", href: to("/"), section: (p) => p === "/" },
    {
      label: "Inscription",
      href: to("/inscription/coordonnee"),
      section: (p) => /^\/(pre)?inscription\//.test(p),
    },
    {
      label: "Phase 1",
      href: to("/phase1"),
      section: (p) => p === "/phase1" || p === "/changer-de-sejour",
    },
    {
      label: "Phase 2",
      href: to("/phase2"),
      section: (p) => /^\/(phase2|mission|candidature)/.test(p),
    },
    {
      label: "Mon compte",
      href: to("/account/general"),
      section: (p) => p.startsWith("/account/"),
    },
    {
      label: "Besoin d'aide",
      href: to("/besoin-d-aide"),
      section: (p) => p === "/besoin-d-aide",
    },
  ],
});

function apply(values: ProfileValues): void {
  profile = toProfile(values);
  const identity = identityOf(profile);
  if (identity) snuHelp("identify", identity);
  layout.setUser(
    profile.role === "parent"
      ? "Représentant légal (sans compte)"
      : `${YOUNG.firstName} ${YOUNG.lastName}`,
  );
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
  titleSuffix: "Mon compte SNU",
  onRender: (match) => layout.setCurrent(match.path),
});

apply(switcher.values());
router.start();
