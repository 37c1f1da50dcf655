import type { ConsoleUser } from "../client/api-client.ts";
import { SUPPORT_ROLE_LABELS } from "../format.ts";
import type { Route } from "../router.ts";
import { canSeeBrokenAnchors } from "../tip-editor/tip-access.ts";
import { Link } from "./Link.tsx";

/** « Camille Martin · Référent départemental · 75, 92 »: who is signed in and what they may see. */
function describeUser(user: ConsoleUser): string {
  const parts = [SUPPORT_ROLE_LABELS[user.role] ?? user.role];
  if (user.departments.length > 0)
    parts.push(
      `${user.departments.length > 1 ? "départements" : "département"} ${user.departments.join(", ")}`,
    );
  return parts.join(" · ");
}

/** The banner (service name, account, logout) and the main navigation. */
export function Header({
  user,
  route,
  onLogout,
}: {
  user: ConsoleUser;
  route: Route;
  onLogout: () => void;
}) {
  const current = (name: Route["name"]) =>
    route.name === name ? ("page" as const) : undefined;
  return (
    <>
      <header class="banner">
        <p class="brand">
          <span class="brand-name">SNU Aide</span>
          <span class="brand-tagline">Console support</span>
        </p>
        <div class="account">
          <p>
            <span class="account-name">{user.displayName}</span>
            <span class="account-role">{describeUser(user)}</span>
          </p>
          <button type="button" class="button secondary" onClick={onLogout}>
            Se déconnecter
          </button>
        </div>
      </header>
      <nav class="main-nav" aria-label="Navigation principale">
        <ul>
          <li>
            <Link to="/" aria-current={current("inbox")}>
              Demandes
            </Link>
          </li>
          <li>
            <Link to="/pages" aria-current={current("pages")}>
              Par page
            </Link>
          </li>
          <li>
            <Link to="/indicateurs" aria-current={current("indicators")}>
              Indicateurs
            </Link>
          </li>
          {/* Every account uses reply templates; the screen lets only their writers change them. */}
          <li>
            <Link
              to="/reponses-types"
              aria-current={current("reply_templates")}
            >
              Réponses types
            </Link>
          </li>
          {/* Tips screens only for the accounts that may write tips; the screens say so to the others. */}
          {user.canEditTips && (
            <>
              <li>
                <Link to="/tips" aria-current={current("tips")}>
                  Astuces
                </Link>
              </li>
              <li>
                <Link to="/tips/new" aria-current={current("tip_new")}>
                  Nouvelle astuce
                </Link>
              </li>
            </>
          )}
          {canSeeBrokenAnchors(user) && (
            <li>
              <Link to="/tips/anchors" aria-current={current("tip_anchors")}>
                Ancres cassées
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </>
  );
}
