import { ROLES, type Role } from "../../contract/vocabulary.ts";
import { ROLE_LABELS } from "../format.ts";

/** The « Rôle du demandeur » field of the filter forms: « Tous » (undefined), one role, or `none` (no identity). */
export function RoleSelect(props: {
  id: string;
  value: string | undefined;
  onChange: (role: Role | "none" | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>Rôle du demandeur</label>
      <select
        id={props.id}
        value={props.value ?? ""}
        onChange={(event) =>
          props.onChange(
            (event.currentTarget.value || undefined) as
              Role | "none" | undefined,
          )
        }
      >
        <option value="">Tous</option>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r] ?? r}
          </option>
        ))}
        <option value="none">Sans profil (représentant légal…)</option>
      </select>
    </div>
  );
}
