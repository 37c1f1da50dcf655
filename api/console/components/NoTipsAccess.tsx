import type { ComponentChildren } from "preact";
import { useTitle } from "../hooks/use-title.ts";

/**
 * Shown instead of a tips screen to an account that may not write tips (referents, most agents); `children`
 * replaces the default explanation.
 */
export function NoTipsAccess({
  title,
  children,
}: {
  title: string;
  children?: ComponentChildren;
}) {
  useTitle(title);
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <div class="notice">
        <p>
          {children ?? (
            <>
              Votre compte n'a pas accès aux astuces. Un administrateur peut
              autoriser un agent du support à les rédiger.
            </>
          )}
        </p>
      </div>
    </>
  );
}
