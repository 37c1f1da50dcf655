import { useEffect, useState } from "preact/hooks";
import type { Colleague } from "../client/api-client.ts";
import { useServices } from "../services.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

type Agents =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; agents: Colleague[] };

/** For admins: which agents may write tips, one checkbox each, saved as soon as it is ticked. */
export function TipWritersForm() {
  const { api, announce } = useServices();
  const [agents, setAgents] = useState<Agents>({ state: "loading" });
  const [busy, setBusy] = useState<number>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    void api.listUsers().then((result) => {
      if (!current) return;
      setAgents(
        result.ok
          ? {
              state: "ready",
              agents: result.value.filter((u) => u.role === "agent"),
            }
          : { state: "error", message: result.message },
      );
    });
    return () => void (current = false);
  }, []);

  const toggle = async (agent: Colleague, allowed: boolean) => {
    if (busy !== undefined || agents.state !== "ready") return;
    setBusy(agent.id);
    const result = await api.setCanEditTips(agent.id, allowed);
    setBusy(undefined);
    if (!result.ok) {
      setError(`${agent.displayName} : ${result.message}`);
      return;
    }
    setError(undefined);
    setAgents({
      state: "ready",
      agents: agents.agents.map((a) =>
        a.id === agent.id
          ? { ...a, canEditTips: result.value.canEditTips ?? allowed }
          : a,
      ),
    });
    announce(
      allowed
        ? `${agent.displayName} peut rédiger des astuces.`
        : `${agent.displayName} ne peut plus rédiger d'astuces.`,
    );
  };

  return (
    <section aria-labelledby="writers-title" class="tip-writers">
      <h2 id="writers-title">Agents autorisés à rédiger des astuces</h2>
      <p class="hint">
        Les administrateurs peuvent toujours rédiger ; les référents jamais.
      </p>
      {agents.state === "loading" && <p class="loading">Chargement…</p>}
      {agents.state === "error" && <ErrorNotice>{agents.message}</ErrorNotice>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {agents.state === "ready" &&
        (agents.agents.length === 0 ? (
          <p class="muted">Aucun compte agent.</p>
        ) : (
          <ul class="plain-list writers">
            {agents.agents.map((agent) => (
              <li key={agent.id}>
                <fieldset>
                  <legend>{agent.displayName}</legend>
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={agent.canEditTips === true}
                      aria-disabled={busy === agent.id ? "true" : undefined}
                      onChange={(event) => {
                        const input = event.currentTarget;
                        const wanted = input.checked;
                        // The box shows the saved value until the server agrees.
                        input.checked = agent.canEditTips === true;
                        void toggle(agent, wanted);
                      }}
                    />
                    Peut rédiger des astuces
                  </label>
                </fieldset>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
