import { fireEvent, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mountPanel, unmountPanels } from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// « Mes demandes » is a lazy chunk: fetching it can fail (offline since the panel loaded). Its module is
// made to fail to load here — the one edge a unit test cannot reach otherwise.
const { log } = useWidgetServer();
vi.doMock("../../../widget/my-requests/MyRequests.tsx", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});
afterEach(unmountPanels);

describe("« Mes demandes » when its chunk cannot be fetched", () => {
  it("says so under its title, asks nothing, and goes back to the tips", async () => {
    const { handle } = mountPanel();
    handle.open();
    fireEvent.click(screen.getByRole("button", { name: "Mes demandes" }));

    expect(
      (await screen.findByText(/n'ont pas pu être chargées/)).textContent,
    ).toBe(
      "Vos demandes n'ont pas pu être chargées. Vérifiez votre connexion.",
    );
    // A failure: reported in an alert (RGAA 7.5).
    expect(screen.getByRole("alert").textContent).toMatch(
      /n'ont pas pu être chargées/,
    );
    expect(
      screen.queryByRole("dialog", { name: "Mes demandes" }),
    ).not.toBeNull();
    expect(log.statusQueries).toEqual([]);
    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
  });
});
