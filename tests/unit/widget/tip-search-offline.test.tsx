import { fireEvent, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mountPanel, unmountPanels } from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// The search code is a lazy chunk fetched with the first query (TipsView.tsx): fetching it can fail
// (offline since the panel loaded). Its module is made to fail to load here.
useWidgetServer();
vi.doMock("../../../widget/panel/tip-search.ts", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});
afterEach(unmountPanels);

describe("the search when its code cannot be fetched", () => {
  it("says the search is unavailable and shows no result", async () => {
    mountPanel().handle.open();
    await screen.findByText(/Aucun conseil particulier pour cette page/);

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "séjour" },
    });

    await screen.findByText("La recherche est indisponible pour le moment.");
    expect(screen.queryByText(/résultat/)).toBeNull();
  });
});
