import { ACCESSIBILITY_STATUS } from "../accessibility-status.ts";

/** The console's footer: the link to the accessibility statement (issue 16), a page outside the console. */
export function Footer() {
  return (
    <footer class="site-footer">
      <p>
        <a href="/accessibilite">Accessibilité : {ACCESSIBILITY_STATUS}</a>
      </p>
    </footer>
  );
}
