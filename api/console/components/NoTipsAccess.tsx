import { useTitle } from "../use-title.ts";

/** Shown instead of a tips screen to an account that may not write tips (referents, most agents). */
export function NoTipsAccess({ title }: { title: string }) {
  useTitle(title);
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <div class="notice">
        <p>
          Votre compte n'a pas accès aux astuces. Un administrateur peut
          autoriser un agent du support à les rédiger.
        </p>
      </div>
    </>
  );
}
