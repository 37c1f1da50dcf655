/** The page skeleton shared by both demo apps: skip link, demo bar, header, nav, main, footer. */
import { fill, h } from "./dom.ts";

export interface NavItem {
  label: string;
  /** Absolute URL path of the link. */
  href: string;
  /** App paths (below the base path) for which this item is the current section. */
  section: (path: string) => boolean;
}

export interface LayoutOptions {
  /** `top`: horizontal menu under the header (moncompte); `side`: side menu (admin back office). */
  nav: "top" | "side";
  platformLabel: string;
  homeHref: string;
  items: NavItem[];
  demoBar: HTMLElement;
}

export interface Layout {
  main: HTMLElement;
  /** Marks the menu item of the current section with `aria-current="page"`. */
  setCurrent(path: string): void;
  /** The text shown as the connected person (« Camille Martin »). */
  setUser(text: string): void;
}

/** Builds the skeleton into `root` (the app's own element, never `body`: the widget lives there too). */
export function createLayout(
  root: HTMLElement,
  options: LayoutOptions,
): Layout {
  const main = h("main", { id: "contenu", tabindex: -1 });
  const user = h("p", { class: "site-header__user" });
  const links = options.items.map((item) => ({
    item,
    link: h("a", { href: item.href }, item.label),
  }));
  const list = h(
    "ul",
    null,
    links.map(({ link }) => h("li", null, link)),
  );
  const nav = h(
    "nav",
    { class: "main-nav", "aria-label": "Menu principal" },
    options.nav === "top" ? h("div", { class: "container" }, list) : list,
  );

  root.classList.add(`layout--${options.nav}`);
  fill(
    root,
    h("a", { class: "skip-link", href: "#contenu" }, "Aller au contenu"),
    options.demoBar,
    h(
      "header",
      { class: "site-header" },
      h(
        "div",
        { class: "container site-header__inner" },
        h(
          "a",
          { class: "brand", href: options.homeHref },
          h(
            "span",
            { class: "brand__marianne" },
            h("span", null, "République"),
            h("span", null, "Française"),
          ),
          h(
            "span",
            { class: "brand__service" },
            h("span", null, "Service National Universel"),
            h("span", { class: "brand__platform" }, options.platformLabel),
          ),
        ),
        user,
      ),
    ),
    options.nav === "top" ? nav : null,
    h(
      "div",
      { class: "container page" },
      options.nav === "side" ? nav : null,
      main,
    ),
    footer(),
  );

  return {
    main,
    setCurrent(path) {
      for (const { item, link } of links) {
        if (item.section(path)) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    },
    setUser(text) {
      user.textContent = text;
    },
  };
}

function footer(): HTMLElement {
  return h(
    "footer",
    { class: "site-footer" },
    h(
      "div",
      { class: "container" },
      h(
        "p",
        null,
        h("strong", null, "Service National Universel"),
        " — site de démonstration de SNU Aide.",
      ),
      h(
        "p",
        { class: "mention" },
        "Toutes les personnes, structures et données de ces pages sont fictives.",
      ),
      h(
        "ul",
        null,
        h(
          "li",
          null,
          h("a", { href: "/demo/" }, "Accueil de la démonstration"),
        ),
        h(
          "li",
          null,
          h(
            "a",
            { href: "/demo/moncompte/donnees-personnelles" },
            "Données personnelles",
          ),
        ),
        h("li", null, "Accessibilité : partiellement conforme"),
      ),
    ),
  );
}
