import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { AGENT, makeRequest } from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedRequest } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

// Issue 16: applying filters rebuilds the filter form for the new address, and a request's screen is
// rebuilt once loaded; the focus must not fall to <body> (a keyboard user would start again from the top
// of the page). tests/e2e/console-keyboard.test.ts checks the same in Chromium, with the focus ring.

const { api } = useConsoleServer();
beforeEach(async () => {
  await api.signIn(AGENT);
  await seedRequest(api.store, makeRequest({ department: "75" }));
});

const tableLoaded = () => screen.findByRole("table", { name: /^Demandes/ });

describe("the focus on a new screen", () => {
  it("stays on a request's title from its loading to its loaded state", async () => {
    openConsole("/support/");
    const link = (await screen.findAllByRole("link", { name: /^SNU-/ }))[0]!;
    const reference = link.textContent!;
    fireEvent.click(link);

    const title = await screen.findByRole("heading", {
      level: 1,
      name: `Demande ${reference}`,
    });
    await waitFor(() => expect(document.activeElement).toBe(title));
    await screen.findByRole("heading", { level: 2, name: "Conversation" });
    expect(document.activeElement).toBe(
      screen.getByRole("heading", { level: 1, name: `Demande ${reference}` }),
    );
  });
});

describe("the focus once the inbox filters are applied", () => {
  it("stays on « Filtrer », now a new button", async () => {
    openConsole("/support/");
    await tableLoaded();
    const before = screen.getByRole("button", { name: "Filtrer" });
    fireEvent.input(screen.getByLabelText("Page"), {
      target: { value: "/inscription/:step" },
    });
    before.focus();
    fireEvent.click(before);

    await waitFor(() => expect(currentPath()).toContain("route="));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole("button", { name: "Filtrer" }),
      ),
    );
    expect(document.activeElement).not.toBe(before);
  });

  it("stays on the status tab pressed, while the list reloads and after", async () => {
    openConsole("/support/");
    await tableLoaded();
    const tab = screen.getByRole("button", { name: /^Nouvelle \d/ });
    tab.focus();
    fireEvent.click(tab);

    await waitFor(() => expect(currentPath()).toContain("status=new"));
    expect(document.activeElement).toBe(tab);
    await tableLoaded();
    expect(document.activeElement).toBe(tab);
    expect(tab.getAttribute("aria-pressed")).toBe("true");
  });

  it("goes to the screen's title when the control that applied them is gone", async () => {
    openConsole("/support/?department=75");
    await tableLoaded();
    const reset = screen.getByRole("link", { name: "Réinitialiser" });
    // A control without an id, as a future form might have: the title is the fallback.
    reset.removeAttribute("id");
    reset.focus();
    fireEvent.click(reset);

    await waitFor(() => expect(currentPath()).toBe("/support/"));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole("heading", { level: 1, name: "Demandes" }),
      ),
    );
  });
});
