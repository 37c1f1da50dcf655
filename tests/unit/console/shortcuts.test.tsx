import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { SHORTCUTS_STORAGE_KEY } from "../../../api/console/requests/shortcuts.ts";
import { AGENT } from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedRequests } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
let references: string[];
beforeEach(async () => {
  await api.signIn(AGENT);
  references = await seedRequests(api.store, 3);
});

/** Presses a key where the user's focus is (the document body when nothing is focused). */
const press = (key: string) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key });
const rowLinks = async () =>
  within(await screen.findByRole("table")).getAllByRole("link");
const selectedRows = () => document.querySelectorAll("tbody tr.is-selected");

describe("inbox keyboard shortcuts", () => {
  it("moves the selection with j and k, focusing the row's link, and opens it with Enter", async () => {
    openConsole("/support/");
    const links = await rowLinks();

    press("j");
    expect(document.activeElement).toBe(links[0]);
    press("j");
    press("j");
    press("j"); // stays on the last row
    expect(document.activeElement).toBe(links[2]);
    press("k");
    expect(document.activeElement).toBe(links[1]);
    await waitFor(() => expect(selectedRows()).toHaveLength(1));
    expect(selectedRows()[0]!.contains(links[1]!)).toBe(true);

    press("Enter");

    expect(currentPath()).toBe(`/support/requests/${references[1]}`);
  });

  it("focuses the search field with /", async () => {
    openConsole("/support/");
    await rowLinks();

    press("/");

    expect(document.activeElement).toBe(screen.getByLabelText("Recherche"));
  });

  it("never fires while typing in a field", async () => {
    openConsole("/support/");
    await rowLinks();
    const search = screen.getByLabelText("Recherche");
    search.focus();

    press("j");
    press("?");

    expect(document.activeElement).toBe(search);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("ignores keys pressed with Ctrl, Alt or Meta", async () => {
    openConsole("/support/");
    const links = await rowLinks();

    fireEvent.keyDown(document.body, { key: "j", ctrlKey: true });

    expect(document.activeElement).not.toBe(links[0]);
  });

  it("lists the shortcuts in a dialog opened with ?, closed with « Fermer » back to where focus was", async () => {
    openConsole("/support/");
    const links = await rowLinks();
    press("j");

    press("?");

    const dialog = await screen.findByRole("dialog", {
      name: "Raccourcis clavier",
    });
    expect(
      within(dialog).queryByRole("row", { name: "j Demande suivante" }),
    ).not.toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Fermer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.activeElement).toBe(links[0]);
  });

  it("switches the shortcuts off from the dialog and remembers it", async () => {
    openConsole("/support/");
    const links = await rowLinks();
    fireEvent.click(screen.getByRole("button", { name: "Raccourcis clavier" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Raccourcis clavier",
    });

    fireEvent.click(
      within(dialog).getByRole("checkbox", {
        name: "Activer les raccourcis clavier",
      }),
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Fermer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    document.body.focus();
    press("j");

    expect(document.activeElement).not.toBe(links[0]);
    expect(window.localStorage.getItem(SHORTCUTS_STORAGE_KEY)).toBe("off");
  });

  it("starts with the shortcuts off when they were switched off before", async () => {
    window.localStorage.setItem(SHORTCUTS_STORAGE_KEY, "off");
    openConsole("/support/");
    const links = await rowLinks();

    press("j");
    press("?");

    expect(document.activeElement).not.toBe(links[0]);
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Raccourcis clavier" }));
    const checkbox = within(await screen.findByRole("dialog")).getByRole(
      "checkbox",
    ) as HTMLInputElement;
    expect(checkbox.checked).toBe(false);
  });
});
