import type { ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { Link } from "../components/Link.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { TipFilterForm } from "../components/TipFilterForm.tsx";
import { TipTable } from "../components/TipTable.tsx";
import { TipWritersForm } from "../components/TipWritersForm.tsx";
import { useServices } from "../services.ts";
import { parseTipFilters, tipFiltersPath } from "../tip-editor/tip-filters.ts";
import { useLoaded } from "../hooks/use-loaded.ts";
import { useTitle } from "../hooks/use-title.ts";
import { useUrlFilters } from "../hooks/use-url-filters.ts";

/** « Astuces »: every tip with its state, filtered from the address bar; admins also choose the writers. */
export function Tips(props: { user: ConsoleUser; query: URLSearchParams }) {
  if (!props.user.canEditTips) return <NoTipsAccess title="Astuces" />;
  return <TipsList {...props} />;
}

function TipsList({
  user,
  query,
}: {
  user: ConsoleUser;
  query: URLSearchParams;
}) {
  const { api, router, now } = useServices();
  useTitle("Astuces");
  const { filters, search } = useUrlFilters(query, parseTipFilters);
  const list = useLoaded(
    () => api.listTips(filters),
    [filters.platform, filters.q],
  );

  const filtered = filters.platform !== undefined || filters.q !== undefined;
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Astuces</h1>
        <Link to="/tips/new" class="button">
          Nouvelle astuce
        </Link>
      </div>
      <TipFilterForm
        key={search}
        filters={filters}
        resetTo="/tips"
        onApply={(next) => router.navigate(tipFiltersPath("/tips", next))}
      />
      {list.state === "loading" && (
        <p class="loading">Chargement des astuces…</p>
      )}
      {list.state === "error" && <ErrorNotice>{list.message}</ErrorNotice>}
      {list.state === "ready" &&
        (list.value.length === 0 ? (
          <div class="empty">
            <p>
              {filtered
                ? "Aucune astuce ne correspond à ces filtres."
                : "Aucune astuce pour le moment."}
            </p>
            {filtered && <Link to="/tips">Voir toutes les astuces</Link>}
          </div>
        ) : (
          <TipTable
            tips={list.value}
            now={now()}
            caption={`Astuces, par plateforme puis par titre : ${list.value.length}`}
          />
        ))}
      {user.role === "admin" && <TipWritersForm />}
    </>
  );
}
