/** Small DSFR-like building blocks for the demo pages (buttons, notices, badges, tables, tabs…). */
import { h, type Attrs, type Child } from "./dom.ts";

let counter = 0;
/** A unique id for label/description pairs. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export type Variant = "primary" | "secondary" | "tertiary" | "danger";
export type Kind = "info" | "success" | "warning" | "error";

const variantClass = (variant: Variant) =>
  variant === "primary" ? "btn" : `btn btn--${variant}`;

/** A `<button type="button">` (or `submit` when given in attrs). */
export function button(
  label: Child,
  attrs: Attrs = {},
  variant: Variant = "primary",
): HTMLButtonElement {
  return h(
    "button",
    { type: "button", class: variantClass(variant), ...attrs },
    label,
  );
}

/** A link styled as a button. */
export function linkButton(
  href: string,
  label: Child,
  variant: Variant = "primary",
): HTMLAnchorElement {
  return h("a", { href, class: variantClass(variant) }, label);
}

export function buttonGroup(...buttons: Child[]): HTMLDivElement {
  return h("div", { class: "btn-group" }, ...buttons);
}

/** A boxed message; deliberately without `role`, it is part of the page, not an announcement. */
export function notice(
  kind: Kind,
  title: string,
  ...text: Child[]
): HTMLDivElement {
  return h(
    "div",
    { class: `notice notice--${kind}` },
    h("p", { class: "notice__title" }, title),
    text.length > 0 ? h("p", null, ...text) : null,
  );
}

/** A polite live region for feedback after an action; `say` fills it. */
export function liveRegion(): HTMLDivElement & {
  say(text: string, kind?: Kind): void;
} {
  const region = h("div", { class: "live", "aria-live": "polite" });
  return Object.assign(region, {
    say(text: string, kind: Kind = "info") {
      region.className = `live live--${kind}`;
      region.textContent = text;
    },
  });
}

export function badge(text: string, kind?: Kind): HTMLSpanElement {
  return h("span", { class: kind ? `badge badge--${kind}` : "badge" }, text);
}

/** A table with a caption, in a scrollable wrapper reachable by keyboard (reflow at 320 px). */
export function table(options: {
  caption: string;
  columns: readonly string[];
  rows: readonly Child[][];
  id?: string;
}): HTMLDivElement {
  const captionId = uid("caption");
  return h(
    "div",
    {
      class: "table-wrap",
      tabindex: 0,
      role: "region",
      "aria-labelledby": captionId,
    },
    h(
      "table",
      { id: options.id },
      h("caption", { id: captionId }, options.caption),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          options.columns.map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        null,
        options.rows.map(([first, ...rest]) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, first),
            rest.map((cell) => h("td", null, cell)),
          ),
        ),
      ),
    ),
  );
}

/** A definition list of label/value pairs. */
export function details(pairs: readonly [string, Child][]): HTMLDListElement {
  return h(
    "dl",
    { class: "dl" },
    pairs.map(([term, value]) =>
      h("div", { class: "dl__row" }, h("dt", null, term), h("dd", null, value)),
    ),
  );
}

/** « Fil d'Ariane »: the last item is the current page. */
export function breadcrumb(
  items: readonly [label: string, href?: string][],
): HTMLElement {
  return h(
    "nav",
    { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
    h(
      "ol",
      null,
      items.map(([label, href]) =>
        h(
          "li",
          null,
          href
            ? h("a", { href }, label)
            : h("span", { "aria-current": "page" }, label),
        ),
      ),
    ),
  );
}

/** Tabs made of links (each tab is a route), named by `label`. */
export function tabLinks(
  label: string,
  items: readonly { label: string; href: string; current: boolean }[],
): HTMLElement {
  return h(
    "nav",
    { class: "tabs", "aria-label": label },
    h(
      "ul",
      null,
      items.map((item) =>
        h(
          "li",
          null,
          h(
            "a",
            { href: item.href, "aria-current": item.current ? "page" : null },
            item.label,
          ),
        ),
      ),
    ),
  );
}

/** « Étape 2 sur 4 » with a decorative bar and the next step. */
export function stepper(
  current: number,
  total: number,
  next?: string,
): HTMLDivElement {
  return h(
    "div",
    { class: "stepper" },
    h("p", { class: "stepper__state" }, `Étape ${current} sur ${total}`),
    h(
      "div",
      { class: "stepper__bar", "aria-hidden": "true" },
      Array.from({ length: total }, (_, i) =>
        h("span", { class: i < current ? "is-done" : null }),
      ),
    ),
    next
      ? h(
          "p",
          { class: "stepper__next" },
          h("strong", null, "Étape suivante : "),
          next,
        )
      : null,
  );
}

/** A card whose whole surface follows its title link. */
export function card(options: {
  title: string;
  href?: string;
  level?: "h2" | "h3";
  body?: Child[];
}): HTMLElement {
  const title = options.href
    ? h("a", { href: options.href, class: "card__link" }, options.title)
    : options.title;
  return h(
    "div",
    { class: "card" },
    h(options.level ?? "h3", null, title),
    ...(options.body ?? []),
  );
}
