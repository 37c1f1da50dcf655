import { Link } from "./Link.tsx";

/**
 * « Filtrer » submits the filter form; « Réinitialiser » goes back to the unfiltered screen. Their ids let the
 * app give the focus back to them once the form is rebuilt for the new filters (app.tsx).
 */
export function FilterActions({ resetTo }: { resetTo: string }) {
  return (
    <div class="actions filter-actions">
      <button type="submit" class="button" id="filter-submit">
        Filtrer
      </button>
      <Link to={resetTo} class="button secondary" id="filter-reset">
        Réinitialiser
      </Link>
    </div>
  );
}
