/**
 * `h(tag, attrs, ...children)`: builds DOM nodes with safe APIs only (createElement, setAttribute,
 * addEventListener, append). The demo pages run under a CSP with Trusted Types, so no HTML string
 * ever reaches the DOM.
 */

export type Child = Node | string | number | null | undefined | false | Child[];

type AttrValue = string | number | boolean | null | undefined;

/** Event listeners, attached with addEventListener (never as `on*` attributes). */
export type Listeners = {
  [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void;
};

export type Attrs = { [name: string]: AttrValue | Listeners; on?: Listeners };

/** Creates an element; `true` sets an empty attribute, `false`/`null`/`undefined` omit it. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === "on") {
      for (const [type, listener] of Object.entries(value as Listeners)) {
        element.addEventListener(type, listener as EventListener);
      }
      continue;
    }
    // Inline handlers and inline styles are blocked by the CSP: refuse them loudly while writing.
    if (/^on/i.test(name) || name.toLowerCase() === "style") {
      throw new Error(`h(): attribute « ${name} » is not allowed`);
    }
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...flatten(children));
  return element;
}

/** Children as nodes and strings, without the empty values. */
export function flatten(children: Child[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (typeof child === "number") out.push(String(child));
    else if (child !== null && child !== undefined && child !== false) {
      out.push(child);
    }
  }
  return out;
}

/** Replaces an element's content with these children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...flatten(children));
}

/** A page for the router: its title and the content of `<main>` (which starts with its `h1`). */
export function view(
  title: string,
  ...content: Child[]
): { title: string; content: (Node | string)[] } {
  return { title, content: flatten(content) };
}
