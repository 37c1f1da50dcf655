import type { ComponentChildren } from "preact";

/**
 * A link that opens in a new tab without giving it `window.opener`, and says so to screen readers. `href`
 * must already be checked (http(s) only): this component renders it as given.
 */
export function NewTabLink(props: {
  href: string;
  children: ComponentChildren;
  /** Said after the text to screen readers only (e.g. which tip or request). */
  more?: string;
}) {
  return (
    <a href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
      <span class="sr-only">{props.more} (nouvelle fenêtre)</span>
    </a>
  );
}
