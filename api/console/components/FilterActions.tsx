import { Link } from "./Link.tsx";

/** « Filtrer » submits the filter form; « Réinitialiser » goes back to the unfiltered screen. */
export function FilterActions({ resetTo }: { resetTo: string }) {
  return (
    <div class="actions filter-actions">
      <button type="submit" class="button">
        Filtrer
      </button>
      <Link to={resetTo} class="button secondary">
        Réinitialiser
      </Link>
    </div>
  );
}
