import { useEffect, useMemo, useState } from "preact/hooks";
import type { ConsoleUser } from "../api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { Link } from "../components/Link.tsx";
import { NoTipsAccess } from "../components/NoTipsAccess.tsx";
import { TipFilterForm } from "../components/TipFilterForm.tsx";
import { TipTable } from "../components/TipTable.tsx";
import { TipWritersForm } from "../components/TipWritersForm.tsx";
import { useServices } from "../services.ts";
import { parseTipFilters, tipFiltersPath } from "../tip-filters.ts";
import type { TipSummary } from "../tip-types.ts";
import { useTitle } from "../use-title.ts";

type List =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; tips: TipSummary[] };

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
  const search = query.toString();
  const filters = useMemo(() => parseTipFilters(query), [search]);
  const [list, setList] = useState<List>({ state: "loading" });

  useEffect(() => {
    let current = true;
    setList({ state: "loading" });
    void api.listTips(filters).then((result) => {
      if (!current) return;
      setList(
        result.ok
          ? { state: "ready", tips: result.value }
          : { state: "error", message: result.message },
      );
    });
    return () => void (current = false);
  }, [filters.platform, filters.q]);

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
        (list.tips.length === 0 ? (
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
            tips={list.tips}
            now={now()}
            caption={`Astuces, par plateforme puis par titre : ${list.tips.length}`}
          />
        ))}
      {user.role === "admin" && <TipWritersForm />}
    </>
  );
}
